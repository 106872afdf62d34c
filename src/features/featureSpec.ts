import type { Context } from './contexts.ts';
import type { ScoringCase } from './scoringCase.ts';

export type Language = 'en' | 'nl';
export type FeatureValue = number | string | undefined;

interface FeatureSpecBase {
  /** Stable name used in model artefacts and outputs, with its unit where it has one. */
  name: string;
  /** Every context in which the feature is lawful; a model of another context refuses it. */
  contexts: readonly Context[];
  /** The value as a phrase for a person, per language: "3 sick reports in the last 12 months". */
  describe: Record<Language, (value: FeatureValue) => string>;
}

export interface NumericFeatureSpec extends FeatureSpecBase {
  kind: 'numeric';
  /** undefined when unknown; the encoding then imputes and marks it missing. */
  value: (scoringCase: ScoringCase) => number | undefined;
}

export interface CategoricalFeatureSpec extends FeatureSpecBase {
  kind: 'categorical';
  value: (scoringCase: ScoringCase) => string | undefined;
}

export type FeatureSpec = NumericFeatureSpec | CategoricalFeatureSpec;

export function featureValue(spec: FeatureSpec, scoringCase: ScoringCase): FeatureValue {
  return spec.value(scoringCase);
}
