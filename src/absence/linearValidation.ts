import { createRandom } from '../core/random.ts';
import { aucWithConfidence } from '../engine/metrics/aucWithConfidence.ts';
import { brier } from '../engine/metrics/brier.ts';
import { stratifiedFolds } from '../engine/validation/stratifiedFolds.ts';
import type { LinearValidation } from './linearModel.ts';
import { linearScorer } from './scoreLinear.ts';
import { trainLinearModel, type TrainLinearOptions } from './trainLinearModel.ts';

const outerFolds = 5;
/** Fewer long or short cases than this in a group give an AUC too uncertain to show. */
const minimumClassSize = 10;

/**
 * The model card's accuracy for a single-target model: 5-fold stratified cross-validation of the
 * whole training pipeline (penalty, calibration), each case scored once by a model that did not
 * see it; the AUC with DeLong's 95 % interval over those out-of-fold probabilities, the Brier
 * score, and the same per age band, where both classes are large enough to read.
 */
export function validateLinearModel(options: TrainLinearOptions): LinearValidation {
  const { cases, labels } = options;
  const probabilities = new Float64Array(cases.length);
  const folds = stratifiedFolds(labels, outerFolds, createRandom(options.seed + 7919));
  folds.forEach((fold, f) => {
    const model = trainLinearModel({
      ...options,
      cases: fold.train.map((i) => cases[i]!),
      labels: fold.train.map((i) => labels[i]!),
      seed: options.seed + f + 1,
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    const scorer = linearScorer(model);
    for (const i of fold.test) probabilities[i] = scorer.score(cases[i]!).probability;
  });

  const overall = aucOf(probabilities, labels);
  const bands = cases.map((c) => ageBandOf(c.employee.ageYears));
  const groups = [...new Set(bands)].sort().map((value) => {
    const members = bands.flatMap((band, i) => (band === value ? [i] : []));
    const groupLabels = members.map((i) => labels[i]!);
    const positives = groupLabels.filter((label) => label === 1).length;
    const isBelowMinimum =
      positives < minimumClassSize || members.length - positives < minimumClassSize;
    const estimate = isBelowMinimum
      ? undefined
      : aucOf(
          members.map((i) => probabilities[i]!),
          groupLabels,
        );
    return {
      group: 'ageBand',
      value,
      n: members.length,
      positives,
      auc: estimate?.auc ?? null,
      auc95: estimate?.auc95 ?? null,
      isBelowMinimum,
    };
  });
  return {
    protocol: `${outerFolds}-fold stratified cross-validation of the whole training pipeline, seed ${options.seed}; each case scored once by a model trained without it`,
    n: cases.length,
    positives: Array.from(labels).filter((label) => label === 1).length,
    auc: overall.auc,
    auc95: overall.auc95,
    brier: brier(probabilities, labels),
    groups,
  };
}

function aucOf(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { auc: number; auc95: [number, number] } {
  const estimate = aucWithConfidence(scores, labels);
  return { auc: estimate.auc, auc95: [estimate.lower, estimate.upper] };
}

function ageBandOf(ageYears: number | undefined): string {
  if (ageYears === undefined) return 'unknown';
  if (ageYears < 35) return 'under 35';
  if (ageYears < 45) return '35-44';
  return '45 and over';
}
