import type { FeatureMatrix, FeatureSpec } from '../trees/featureMatrix.ts';
import {
  trainGradientBoosting,
  type GradientBoostingOptions,
} from '../trees/trainGradientBoosting.ts';
import { predictMargins, type TreeEnsemble } from '../trees/treeEnsemble.ts';
import { expandPersonPeriod } from './expandPersonPeriod.ts';

export interface DiscreteHazardModel {
  ensemble: TreeEnsemble;
  maxWeeks: number;
}

export interface DiscreteHazardOptions {
  maxWeeks: number;
  /** Specs of the episode covariates; the week feature is added after them. */
  features?: FeatureSpec[];
  boosting?: Partial<Omit<GradientBoostingOptions, 'features'>>;
}

/**
 * Discrete-time hazard model: boosted trees predict h(k) = P(episode ends in week k | still going
 * at the start of week k) from the covariates and the week number. The event is the end of the
 * absence; censored episodes were still ongoing when last seen.
 */
export async function trainDiscreteHazard(
  covariates: FeatureMatrix,
  durationsWeeks: ArrayLike<number>,
  events: ArrayLike<number>,
  options: DiscreteHazardOptions,
): Promise<DiscreteHazardModel> {
  const table = expandPersonPeriod(covariates, durationsWeeks, events, options.maxWeeks);
  const covariateSpecs =
    options.features ??
    Array.from({ length: covariates.featureCount }, (_, f) => ({
      name: `f${f}`,
      kind: 'numeric' as const,
    }));
  const features: FeatureSpec[] = [...covariateSpecs, { name: 'week', kind: 'numeric' }];
  const { model } = await trainGradientBoosting(table.matrix, table.labels, {
    ...options.boosting,
    features,
  });
  return { ensemble: model, maxWeeks: options.maxWeeks };
}

/**
 * Survival curves, row-major episodes x weeks: curves[i * maxWeeks + (k - 1)] = S_i(k) = the
 * product of (1 - h_i(j)) over j <= k, the probability the absence lasts more than k weeks.
 * Non-increasing in k by construction.
 */
export function predictSurvivalCurves(
  model: DiscreteHazardModel,
  covariates: FeatureMatrix,
): Float64Array {
  const episodes = covariates.rowCount;
  const weeks = model.maxWeeks;
  const rowCount = episodes * weeks;
  const featureCount = covariates.featureCount + 1;
  const values = new Float64Array(rowCount * featureCount);
  // Row (i, k) at i * weeks + (k - 1): each episode's weeks are adjacent.
  for (let f = 0; f < covariates.featureCount; f++) {
    for (let i = 0; i < episodes; i++) {
      const value = covariates.values[f * episodes + i]!;
      values.fill(value, f * rowCount + i * weeks, f * rowCount + (i + 1) * weeks);
    }
  }
  const weekColumn = covariates.featureCount * rowCount;
  for (let r = 0; r < rowCount; r++) values[weekColumn + r] = (r % weeks) + 1;

  const margins = predictMargins(model.ensemble, { rowCount, featureCount, values });
  const curves = new Float64Array(rowCount);
  for (let i = 0; i < episodes; i++) {
    let s = 1;
    for (let k = 0; k < weeks; k++) {
      const hazard = 1 / (1 + Math.exp(-margins[i * weeks + k]!));
      s *= 1 - hazard;
      curves[i * weeks + k] = s;
    }
  }
  return curves;
}
