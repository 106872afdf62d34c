import { AppError } from '../core/errors.ts';
import type { Context } from './contexts.ts';
import type { FeatureSpec } from './featureSpec.ts';
import { uciFeatures } from './uciFeatures.ts';
import { canonicalFeatures } from './canonicalFeatures.ts';

/** The feature catalogues by data source. */
export const catalogues = {
  uci: uciFeatures,
  canonical: canonicalFeatures,
} as const satisfies Record<string, readonly FeatureSpec[]>;

export type CatalogueName = keyof typeof catalogues;

/** The features of a catalogue that are lawful in a context. */
export function lawfulFeatures(catalogue: readonly FeatureSpec[], context: Context): FeatureSpec[] {
  return catalogue.filter((spec) => spec.contexts.includes(context));
}

/**
 * Refuses a feature set that holds any feature not lawful in the context, naming each one:
 * a model for the employer may never read the occupational physician's data.
 */
export function assertLawful(features: readonly FeatureSpec[], context: Context): void {
  const unlawful = features.filter((spec) => !spec.contexts.includes(context));
  if (unlawful.length === 0) return;
  throw new AppError(
    'UNLAWFUL_FEATURE',
    `A model for the ${context} context may not use ${unlawful.map((s) => `"${s.name}"`).join(', ')}.`,
    unlawful.map((spec) => ({
      field: spec.name,
      message: `is lawful only in: ${spec.contexts.join(', ')}.`,
      hint: `Remove it from the feature set or train for a context where it is lawful.`,
    })),
  );
}

/** Looks features up by name, refusing unknown names. */
export function featuresByName(
  catalogue: readonly FeatureSpec[],
  names: readonly string[],
): FeatureSpec[] {
  return names.map((name) => {
    const spec = catalogue.find((candidate) => candidate.name === name);
    if (spec === undefined) {
      throw new AppError('INVALID_MODEL', `The feature "${name}" is not in the catalogue.`, [
        { field: name, message: 'is unknown to this version of absencelab.' },
      ]);
    }
    return spec;
  });
}
