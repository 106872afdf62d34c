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
import { trainLinearModel, type TrainLinearOptions } from './trainLinearModel.ts';
import { trainTreeModel } from './trees/trainTreeModel.ts';
import { treeScorer } from './trees/treeScorer.ts';

export const uciModelKinds = ['logistic-regression', 'gradient-boosted-trees'] as const;
export type UciModelKind = (typeof uciModelKinds)[number];

/** One model's out-of-fold results. */
export interface ModelCrossValidation {
  model: UciModelKind;
  /** Mean of the per-fold AUCs. */
  auc: number;
  /** Standard deviation of the per-fold AUCs. */
  aucStd: number;
  brier: number;
  logLoss: number;
  /** AUC per fold, in the order of the folds (repeat by repeat). */
  foldAucs: number[];
}

/**
 * The top-level fields describe the model absencelab chooses (`model`): of the models
 * cross-validated, the one with the higher mean AUC; on a tie the logistic regression, the
 * simpler. `models` holds every model's results on the same folds.
 */
export interface CrossValidationResult {
  model: UciModelKind;
  context: Context;
  n: number;
  positives: number;
  auc: number;
  aucStd: number;
  brier: number;
  logLoss: number;
  protocol: { folds: number; repeats: number; seed: number; stratified: true };
  features: string[];
  models: Partial<Record<UciModelKind, ModelCrossValidation>>;
  /**
   * Present when both models ran: trees minus logistic regression, per fold, summarised. The folds
   * are shared, so the spread of the differences says more than the two spreads apart.
   */
  comparison?: { meanAucDifference: number; sdAucDifference: number; treesBetterInFolds: number };
}

/** Scores the test part of a fold with a model trained on its training part. */
type FoldRunner = (options: TrainLinearOptions, test: readonly ScoringCase[]) => Promise<number[]>;

const runners: Record<UciModelKind, FoldRunner> = {
  'logistic-regression': (options, test) => {
    const scorer = linearScorer(trainLinearModel(options));
    return Promise.resolve(test.map((c) => scorer.score(c).probability));
  },
  'gradient-boosted-trees': async (options, test) => {
    const { model, ensemble } = await trainTreeModel(options);
    return treeScorer(model, ensemble)
      .scoreMany(test)
      .map((indication) => indication.probability);
  },
};

/**
 * Repeated stratified cross-validation of each model on the same folds: each fold trains the
 * whole pipeline (penalty or tree count, and calibration) on its training part and scores its test
 * part, so nothing of the test part reaches the model. Brier score and log loss are over all
 * out-of-fold predictions.
 */
export async function crossValidate(options: {
  cases: readonly ScoringCase[];
  labels: readonly number[];
  features: readonly FeatureSpec[];
  context: Context;
  catalogue: CatalogueName;
  target: { name: string; description: string };
  folds?: number;
  repeats?: number;
  seed?: number;
  models?: readonly UciModelKind[];
}): Promise<CrossValidationResult> {
  const folds = options.folds ?? 5;
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 1;
  const kinds = options.models ?? uciModelKinds;
  const { cases, labels } = options;
  const splits = repeatedStratifiedFolds(labels, { folds, repeats, random: createRandom(seed) });

  const models: Partial<Record<UciModelKind, ModelCrossValidation>> = {};
  for (const kind of kinds) {
    const foldAucs: number[] = [];
    const pooledProbabilities: number[] = [];
    const pooledLabels: number[] = [];
    for (const [index, split] of splits.entries()) {
      const probabilities = await runners[kind](
        {
          cases: split.train.map((i) => cases[i]!),
          labels: split.train.map((i) => labels[i]!),
          features: options.features,
          context: options.context,
          catalogue: options.catalogue,
          target: options.target,
          bands: { mediumFrom: 0.5, highFrom: 0.5 },
          seed: seed + index + 1,
          createdAt: '1970-01-01T00:00:00.000Z',
        },
        split.test.map((i) => cases[i]!),
      );
      const testLabels = split.test.map((i) => labels[i]!);
      foldAucs.push(auc(probabilities, testLabels));
      pooledProbabilities.push(...probabilities);
      pooledLabels.push(...testLabels);
    }
    const { mean, sd } = meanAndSd(foldAucs);
    models[kind] = {
      model: kind,
      auc: mean,
      aucStd: sd,
      brier: brier(pooledProbabilities, pooledLabels),
      logLoss: logLoss(pooledProbabilities, pooledLabels),
      foldAucs,
    };
  }

  const chosen = kinds
    .map((kind) => models[kind]!)
    .reduce((best, next) => (next.auc > best.auc ? next : best));
  const linear = models['logistic-regression'];
  const trees = models['gradient-boosted-trees'];
  const differences =
    linear === undefined || trees === undefined
      ? undefined
      : trees.foldAucs.map((value, k) => value - linear.foldAucs[k]!);
  return {
    model: chosen.model,
    context: options.context,
    n: cases.length,
    positives: labels.reduce((sum, label) => sum + label, 0),
    auc: chosen.auc,
    aucStd: chosen.aucStd,
    brier: chosen.brier,
    logLoss: chosen.logLoss,
    protocol: { folds, repeats, seed, stratified: true },
    features: options.features.map((spec) => spec.name),
    models,
    ...(differences === undefined
      ? {}
      : {
          comparison: {
            meanAucDifference: meanAndSd(differences).mean,
            sdAucDifference: meanAndSd(differences).sd,
            treesBetterInFolds: differences.filter((d) => d > 0).length,
          },
        }),
  };
}

function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.length < 2
      ? 0
      : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}
