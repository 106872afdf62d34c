import type { Context } from '../features/contexts.ts';
import type { FeatureValue, Language } from '../features/featureSpec.ts';

export const bandNames = ['low', 'medium', 'high'] as const;
export type Band = (typeof bandNames)[number];

/** Why the output is what it is, in the professional's words. */
export interface Factor {
  feature: string;
  /** The value the model read; null when it was unknown. */
  value: number | string | null;
  /** Share of the probability this feature moves, against the average case. */
  contribution: number;
  direction: 'raises' | 'lowers';
  sentence: Record<Language, string>;
}

/**
 * An indication for a professional, who decides (GDPR art. 22, AI Act art. 14). `baseValue` plus
 * every entry of `contributions` equals `probability`.
 */
export interface Indication {
  kind: 'indication';
  isDecision: false;
  notice: Record<Language, string>;
  caseId: string;
  modelVersion: string;
  context: Context;
  probability: number;
  band: Band;
  baseValue: number;
  contributions: Record<string, number>;
  factors: Factor[];
  /** Features the model needed but the case did not have; they count as average. */
  missingFeatures: string[];
}

export const indicationNotice: Record<Language, string> = {
  en: 'An indication for a professional, who decides. Not a decision.',
  nl: 'Een indicatie voor een professional, die beslist. Geen besluit.',
};

/**
 * The factor sentence: "3 sick reports in the last 12 months: raises the indication by 4.1
 * percentage points." The colon keeps the verb right whatever the phrase (one report, many).
 */
export function factorSentence(phrase: string, contribution: number, language: Language): string {
  const points = Math.abs(contribution * 100);
  if (language === 'en') {
    const verb = contribution >= 0 ? 'raises' : 'lowers';
    return `${phrase}: ${verb} the indication by ${points.toFixed(1)} percentage points.`;
  }
  const verb = contribution >= 0 ? 'verhoogt' : 'verlaagt';
  return `${phrase}: ${verb} de indicatie met ${points.toFixed(1).replace('.', ',')} procentpunt.`;
}

/** The phrase a factor sentence begins with: `factorSentence` undone. */
export function phraseOf(sentence: string, language: Language): string {
  const verbs =
    language === 'en'
      ? /: (raises|lowers) the indication by /
      : /: (verhoogt|verlaagt) de indicatie met /;
  const at = sentence.search(verbs);
  return at < 0 ? sentence : sentence.slice(0, at);
}

export function bandOf(probability: number, bands: { mediumFrom: number; highFrom: number }): Band {
  if (probability >= bands.highFrom) return 'high';
  if (probability >= bands.mediumFrom) return 'medium';
  return 'low';
}

export function toFactorValue(value: FeatureValue): number | string | null {
  return value === undefined ? null : value;
}
