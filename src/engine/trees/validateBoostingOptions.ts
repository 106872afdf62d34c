import { AppError } from '../../core/errors.ts';
import type { FeatureMatrix } from './featureMatrix.ts';
import type { GradientBoostingOptions } from './trainGradientBoosting.ts';

/** Throws AppError INVALID_ARGUMENT listing every problem with the inputs at once. */
export function validateBoostingOptions(
  matrix: FeatureMatrix,
  labels: ArrayLike<number>,
  settings: GradientBoostingOptions,
): void {
  const issues: { field: string; message: string }[] = [];
  if (labels.length !== matrix.rowCount)
    issues.push({ field: 'labels', message: 'labels and rows differ in number.' });
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      issues.push({ field: 'labels', message: `label in row ${i + 1} is not 0 or 1.` });
      break;
    }
  }
  if (settings.features.length !== matrix.featureCount)
    issues.push({ field: 'features', message: 'one feature spec per column is needed.' });
  if (settings.monotone !== null) {
    if (settings.monotone.length !== matrix.featureCount)
      issues.push({ field: 'monotone', message: 'one constraint per feature is needed.' });
    settings.monotone.forEach((c, f) => {
      if (c !== 0 && settings.features[f]?.kind === 'categorical')
        issues.push({
          field: 'monotone',
          message: `feature ${f + 1} is categorical and cannot be monotone.`,
        });
    });
  }
  if (settings.sampleWeights !== null) {
    checkWeights(issues, 'sampleWeights', settings.sampleWeights, matrix.rowCount);
  }
  const validation = settings.validation;
  if (validation !== null) {
    if (validation.labels.length !== validation.matrix.rowCount)
      issues.push({ field: 'validation.labels', message: 'labels and rows differ in number.' });
    if (validation.matrix.featureCount !== matrix.featureCount)
      issues.push({ field: 'validation.matrix', message: 'must have the training columns.' });
    if (validation.weights !== undefined) {
      checkWeights(issues, 'validation.weights', validation.weights, validation.matrix.rowCount);
    }
  }
  if (!(settings.maxDepth >= 1 && settings.maxDepth <= 16))
    issues.push({ field: 'maxDepth', message: 'must be from 1 to 16.' });
  if (!(settings.subsample > 0 && settings.subsample <= 1))
    issues.push({ field: 'subsample', message: 'must be in (0, 1].' });
  if (!(settings.colsampleByTree > 0 && settings.colsampleByTree <= 1))
    issues.push({ field: 'colsampleByTree', message: 'must be in (0, 1].' });
  if (!(settings.shardCount >= 1 && Number.isInteger(settings.shardCount)))
    issues.push({ field: 'shardCount', message: 'must be a positive integer.' });
  if (matrix.rowCount < 2) issues.push({ field: 'rows', message: 'at least two rows are needed.' });
  if (issues.length > 0)
    throw new AppError('INVALID_ARGUMENT', 'gradient boosting options are invalid', issues);
}

/**
 * One finite, non-negative weight per row: gradients are packed as whole steps of the weight
 * (gradientQuantisation.ts), and a negative or non-finite one would corrupt every sum silently.
 */
function checkWeights(
  issues: { field: string; message: string }[],
  field: string,
  weights: ArrayLike<number>,
  rowCount: number,
): void {
  if (weights.length !== rowCount) {
    issues.push({ field, message: 'one weight per row is needed.' });
    return;
  }
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) {
      issues.push({ field, message: `the weight of row ${i + 1} is not a finite number >= 0.` });
      return;
    }
  }
}
