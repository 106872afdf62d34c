import type { FeatureValue, Language } from './featureSpec.ts';

/** A phrase "Age: 33 years" / "Leeftijd: 33 jaar"; "unknown" when the value is missing. */
export function labelled(
  label: Record<Language, string>,
  unit?: Record<Language, string>,
): Record<Language, (value: FeatureValue) => string> {
  const phrase = (language: Language) => (value: FeatureValue) => {
    if (value === undefined) return `${label[language]}: ${unknown[language]}`;
    const text = typeof value === 'number' ? formatNumber(value) : value;
    return `${label[language]}: ${text}${unit === undefined ? '' : ` ${unit[language]}`}`;
  };
  return { en: phrase('en'), nl: phrase('nl') };
}

/** A yes/no phrase for 0/1 values. */
export function yesNo(
  label: Record<Language, string>,
): Record<Language, (v: FeatureValue) => string> {
  const answer = { en: ['no', 'yes'], nl: ['nee', 'ja'] } as const;
  const phrase = (language: Language) => (value: FeatureValue) =>
    `${label[language]}: ${value === undefined ? unknown[language] : answer[language][value === 1 ? 1 : 0]}`;
  return { en: phrase('en'), nl: phrase('nl') };
}

/** A phrase that names a code through a table of labels per language. */
export function coded(
  label: Record<Language, string>,
  names: Record<Language, Readonly<Record<string, string>>>,
): Record<Language, (v: FeatureValue) => string> {
  const phrase = (language: Language) => (value: FeatureValue) => {
    if (value === undefined) return `${label[language]}: ${unknown[language]}`;
    return `${label[language]}: ${names[language][String(value)] ?? String(value)}`;
  };
  return { en: phrase('en'), nl: phrase('nl') };
}

const unknown: Record<Language, string> = { en: 'unknown', nl: 'onbekend' };

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
