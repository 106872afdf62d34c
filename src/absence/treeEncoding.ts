import { z } from 'zod';
import type { FeatureMatrix } from '../engine/trees/featureMatrix.ts';
import type { FeatureSpec, FeatureValue } from '../features/featureSpec.ts';

/**
 * A feature as the tree engine reads it. A categorical one carries its category codes: `categorical`
 * lets the engine split on sets of codes; `ordinal` hands the codes to the engine as numbers, so
 * splits are ranges of codes (a set takes more splits), and an ensemble without set splits is
 * scored by the engine's faster layout for numeric trees.
 */
export interface TreeFeature {
  name: string;
  kind: 'numeric' | 'categorical' | 'ordinal';
  /** Category text per code (code = position). */
  categories?: string[] | undefined;
}

/** A tree feature as model artefacts store it. */
export const treeFeatureSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical', 'ordinal']),
  categories: z.array(z.string()).optional(),
});

/** The names and kinds the engine trains on. */
export function engineFeaturesOf(
  features: readonly TreeFeature[],
): { name: string; kind: 'numeric' | 'categorical' }[] {
  return features.map((f) => ({
    name: f.name,
    kind: f.kind === 'categorical' ? 'categorical' : 'numeric',
  }));
}

/** The engine's binning holds up to 256 codes; rarer categories beyond that read as missing. */
const maxCategories = 255;

/**
 * Learns the category codes from training values (one row of values per case). Ordinal codes
 * follow the natural order of the categories (numbers as numbers: month 2 before month 10).
 */
export function fitTreeFeatures(
  specs: readonly FeatureSpec[],
  rows: readonly (readonly FeatureValue[])[],
  categoricalAs: 'categorical' | 'ordinal' = 'categorical',
): TreeFeature[] {
  return specs.map((spec, j) => {
    if (spec.kind === 'numeric') return { name: spec.name, kind: 'numeric' };
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = row[j];
      if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const categories = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxCategories)
      .map(([category]) => category);
    return categoricalAs === 'categorical'
      ? { name: spec.name, kind: 'categorical', categories: categories.sort() }
      : { name: spec.name, kind: 'ordinal', categories: categories.sort(naturalOrder) };
  });
}

/**
 * The column-major matrix of values for the engine: numbers as they are, categories as their
 * code, and NaN for a missing value or a category not seen in training.
 */
export function toFeatureMatrix(
  features: readonly TreeFeature[],
  rows: readonly (readonly FeatureValue[])[],
): FeatureMatrix {
  const rowCount = rows.length;
  const featureCount = features.length;
  const values = new Float64Array(rowCount * featureCount);
  features.forEach((feature, f) => {
    const codes =
      feature.kind !== 'numeric'
        ? new Map((feature.categories ?? []).map((category, code) => [category, code]))
        : undefined;
    for (let i = 0; i < rowCount; i++) {
      const value = rows[i]![f];
      values[f * rowCount + i] =
        codes === undefined
          ? typeof value === 'number'
            ? value
            : Number.NaN
          : typeof value === 'string'
            ? (codes.get(value) ?? Number.NaN)
            : Number.NaN;
    }
  });
  return { rowCount, featureCount, values };
}

/**
 * Rows of the hazard model: the episode's covariates repeated per interval, with the interval
 * index appended as the last column.
 */
export function intervalMatrix(
  covariates: FeatureMatrix,
  episodeIndex: ArrayLike<number>,
  intervalIndex: ArrayLike<number>,
): FeatureMatrix {
  const rowCount = episodeIndex.length;
  const featureCount = covariates.featureCount + 1;
  const values = new Float64Array(rowCount * featureCount);
  for (let f = 0; f < covariates.featureCount; f++) {
    const from = f * covariates.rowCount;
    const to = f * rowCount;
    for (let r = 0; r < rowCount; r++) values[to + r] = covariates.values[from + episodeIndex[r]!]!;
  }
  const last = covariates.featureCount * rowCount;
  for (let r = 0; r < rowCount; r++) values[last + r] = intervalIndex[r]!;
  return { rowCount, featureCount, values };
}

function naturalOrder(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
