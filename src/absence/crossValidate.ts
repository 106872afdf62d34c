import { createRandom } from '../core/random.ts';
import { auc } from '../engine/metrics/auc.ts';
import { brier } from '../engine/metrics/brier.ts';
import { logLoss } from '../engine/metrics/logLoss.ts';
import { repeatedStratifiedFolds } from '../engine/validation/stratifiedFolds.ts';
import type { CatalogueName } from '../features/catalogue.ts';
import type { Context } from '../features/contexts.ts';
import type { FeatureSpec } from '../features/featureSpec.ts';
import type { ScoringCase } from '../features/scoringCase.ts';
import { linearScorer } from './scoreLinear.ts';
import { trainLinearModel } from './trainLinearModel.ts';

export interface CrossValidationResult {
  model: 'logistic-regression';
  context: Context;
  n: number;
  positives: number;
  /** Mean of the per-fold AUCs. */
  auc: number;
  /** Standard deviation of the per-fold AUCs. */
  aucStd: number;
  brier: number;
  logLoss: number;
  protocol: { folds: number; repeats: number; seed: number; stratified: true };
  features: string[];
}

/**
 * Repeated stratified cross-validation: each fold trains the whole pipeline (penalty choice and
 * calibration included) on its training part and scores its test part, so nothing of the test
 * part reaches the model. Brier score and log loss are over all out-of-fold predictions.
 */
export function crossValidate(options: {
  cases: readonly ScoringCase[];
  labels: readonly number[];
  features: readonly FeatureSpec[];
  context: Context;
  catalogue: CatalogueName;
  target: { name: string; description: string };
  folds?: number;
  repeats?: number;
  seed?: number;
}): CrossValidationResult {
  const folds = options.folds ?? 5;
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 1;
  const { cases, labels } = options;
  const splits = repeatedStratifiedFolds(labels, { folds, repeats, random: createRandom(seed) });

  const aucs: number[] = [];
  const pooledProbabilities: number[] = [];
  const pooledLabels: number[] = [];
  splits.forEach((split, index) => {
    const model = trainLinearModel({
      cases: split.train.map((i) => cases[i]!),
      labels: split.train.map((i) => labels[i]!),
      features: options.features,
      context: options.context,
      catalogue: options.catalogue,
      target: options.target,
      bands: { mediumFrom: 0.5, highFrom: 0.5 },
      seed: seed + index + 1,
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    const scorer = linearScorer(model);
    const probabilities = split.test.map((i) => scorer.score(cases[i]!).probability);
    const testLabels = split.test.map((i) => labels[i]!);
    aucs.push(auc(probabilities, testLabels));
    pooledProbabilities.push(...probabilities);
    pooledLabels.push(...testLabels);
  });

  const meanAuc = aucs.reduce((sum, value) => sum + value, 0) / aucs.length;
  const variance = aucs.reduce((sum, value) => sum + (value - meanAuc) ** 2, 0) / (aucs.length - 1);
  return {
    model: 'logistic-regression',
    context: options.context,
    n: cases.length,
    positives: labels.reduce((sum, label) => sum + label, 0),
    auc: meanAuc,
    aucStd: Math.sqrt(variance),
    brier: brier(pooledProbabilities, pooledLabels),
    logLoss: logLoss(pooledProbabilities, pooledLabels),
    protocol: { folds, repeats, seed, stratified: true },
    features: options.features.map((spec) => spec.name),
  };
}
