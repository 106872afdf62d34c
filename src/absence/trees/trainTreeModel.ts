import { createRandom } from '../../core/random.ts';
import { AppError } from '../../core/errors.ts';
import { fitPlatt } from '../../engine/calibration/platt.ts';
import { serializeEnsemble } from '../../engine/trees/artefact.ts';
import { selectRows } from '../../engine/trees/featureMatrix.ts';
import { trainGradientBoosting } from '../../engine/trees/trainGradientBoosting.ts';
import { predictMargins, type TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { stratifiedFolds } from '../../engine/validation/stratifiedFolds.ts';
import { assertLawful } from '../../features/catalogue.ts';
import type { TrainLinearOptions } from '../trainLinearModel.ts';
import { engineFeaturesOf, fitTreeFeatures, toFeatureMatrix } from '../treeEncoding.ts';
import { sealTreeModel, type TreeModel } from './treeModel.ts';

/**
 * Settings for a few hundred cases, fixed before looking at any result: stumps of depth 2 (one
 * interaction at most), a small learning rate, row and column sampling. Only the number of trees
 * is chosen from the data, by inner cross-validation.
 */
export const smallDataBoosting = {
  maxDepth: 2,
  learningRate: 0.05,
  lambda: 1,
  minChildWeight: 1,
  subsample: 0.8,
  colsampleByTree: 0.8,
} as const;

/** Most trees the inner cross-validation looks at. */
const maxTreeCount = 200;
const innerFolds = 3;

/**
 * Trains the calibrated tree model, in the same steps as the logistic one:
 * 1. refuses features that are not lawful in the context;
 * 2. encodes the features for the engine (numbers as they are, categories as codes);
 * 3. picks the number of trees by inner stratified cross-validation on log loss (the mean of the
 *    inner folds' validation curves);
 * 4. fits Platt scaling on the inner out-of-fold margins at that number of trees;
 * 5. grows that many trees on all cases.
 * One thread: on a few hundred rows a worker's start costs more than its share of the work, and
 * the trees do not depend on the thread count.
 */
export async function trainTreeModel(
  options: TrainLinearOptions,
): Promise<{ model: TreeModel; ensemble: TreeEnsemble }> {
  const { cases, labels, features, context } = options;
  assertLawful(features, context);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  if (
    cases.length < 2 * innerFolds ||
    positives < innerFolds ||
    cases.length - positives < innerFolds
  ) {
    throw new AppError(
      'INVALID_INPUT',
      `Too few cases to train: ${cases.length} cases of which ${positives} long.`,
      [{ message: `Training needs at least ${innerFolds} long and ${innerFolds} short cases.` }],
    );
  }

  const values = cases.map((c) => features.map((spec) => spec.value(c)));
  const treeFeatures = fitTreeFeatures(features, values);
  const matrix = toFeatureMatrix(treeFeatures, values);
  const engineFeatures = engineFeaturesOf(treeFeatures);
  const settings = {
    ...smallDataBoosting,
    features: engineFeatures,
    seed: options.seed,
    threadCount: 1,
  };

  // Inner cross-validation: one validation curve per fold, every fold grown to the maximum.
  const folds = stratifiedFolds(labels, innerFolds, createRandom(options.seed));
  const innerModels: TreeEnsemble[] = [];
  const meanLoss = new Float64Array(maxTreeCount);
  for (const fold of folds) {
    const result = await trainGradientBoosting(
      selectRows(matrix, fold.train),
      fold.train.map((i) => labels[i]!),
      {
        ...settings,
        treeCount: maxTreeCount,
        validation: {
          matrix: selectRows(matrix, fold.test),
          labels: fold.test.map((i) => labels[i]!),
        },
      },
    );
    innerModels.push(result.model);
    result.validationLoss.forEach((loss, t) => {
      meanLoss[t]! += loss / folds.length;
    });
  }
  let best = 0;
  for (let t = 1; t < maxTreeCount; t++) if (meanLoss[t]! < meanLoss[best]!) best = t;
  const treeCount = best + 1;

  // Calibration on margins of cases the trees that scored them did not see.
  const margins = new Float64Array(cases.length);
  folds.forEach((fold, f) => {
    const foldMargins = predictMargins(innerModels[f]!, selectRows(matrix, fold.test), treeCount);
    fold.test.forEach((i, k) => {
      margins[i] = foldMargins[k]!;
    });
  });
  const calibration = fitPlatt(margins, labels);

  const { model: ensemble } = await trainGradientBoosting(matrix, labels, {
    ...settings,
    treeCount,
  });
  const months = cases.map((c) => c.episode.startMonth).sort();
  const model = sealTreeModel({
    format: 'absencelab.model',
    formatVersion: 1,
    kind: 'gradient-boosted-trees',
    createdAt: options.createdAt ?? new Date().toISOString(),
    catalogue: options.catalogue,
    context,
    target: { name: options.target.name, description: options.target.description },
    features: treeFeatures,
    ensemble: JSON.parse(serializeEnsemble(ensemble)) as unknown,
    calibration: { method: 'platt', ...calibration },
    boosting: { ...smallDataBoosting, treeCount },
    bands: options.bands,
    training: {
      n: cases.length,
      positives,
      firstMonth: months[0] ?? '',
      lastMonth: months[months.length - 1] ?? '',
    },
  });
  return { model, ensemble };
}
