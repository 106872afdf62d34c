import { fitPlatt } from '../engine/calibration/platt.ts';
import { logLoss } from '../engine/metrics/logLoss.ts';
import {
  fitLogistic,
  logisticMargin,
  type LogisticFit,
} from '../engine/linear/logisticRegression.ts';
import { stratifiedFolds } from '../engine/validation/stratifiedFolds.ts';
import { sigmoid } from '../engine/calibration/platt.ts';
import { createRandom } from '../core/random.ts';
import { AppError } from '../core/errors.ts';
import { assertLawful, type CatalogueName } from '../features/catalogue.ts';
import type { Context } from '../features/contexts.ts';
import { encodeRow, fitEncoding, indicatorCenters } from '../features/encoding.ts';
import type { FeatureSpec } from '../features/featureSpec.ts';
import type { ScoringCase } from '../features/scoringCase.ts';
import { sealLinearModel, type Bands, type LinearModel } from './linearModel.ts';
import { validateLinearModel } from './linearValidation.ts';

export interface TrainLinearOptions {
  cases: readonly ScoringCase[];
  labels: ArrayLike<number>;
  features: readonly FeatureSpec[];
  context: Context;
  catalogue: CatalogueName;
  target: { name: string; description: string };
  bands: Bands;
  seed: number;
  /** Fixed for reproducible artefacts in tests; defaults to now. */
  createdAt?: string;
  /** Penalties to choose from by inner cross-validation; the default grid when left out. */
  lambdaGrid?: readonly number[];
  /**
   * Also cross-validate the whole pipeline and keep the result in the artefact, for the model
   * card: five more trainings.
   */
  isValidated?: boolean;
}

/** Candidate penalties, from nearly free to strongly shrunk; chosen by inner cross-validation. */
const lambdaGrid = [0.5, 2, 8, 32] as const;
const innerFolds = 3;

/**
 * Trains the calibrated logistic model:
 * 1. refuses features that are not lawful in the context;
 * 2. encodes the features (centred, so contributions are against the average case);
 * 3. picks the L2 penalty by inner stratified cross-validation on log loss;
 * 4. fits Platt scaling on the inner out-of-fold margins of that penalty, so the calibration is
 *    learnt on data the margins were not fitted on;
 * 5. refits on all cases.
 */
export function trainLinearModel(options: TrainLinearOptions): LinearModel {
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

  // Encode; the 0/1 columns stay uncentred while fitting, for speed.
  const values = cases.map((c) => features.map((spec) => spec.value(c)));
  const encoding = fitEncoding(features, values);
  const shift = indicatorCenters(encoding);
  const rows = values.map((row) => {
    const encoded = encodeRow(encoding, features, row);
    for (let c = 0; c < encoded.length; c++) encoded[c]! += shift[c]!;
    return encoded;
  });

  // Choose the penalty and collect out-of-fold margins for calibration.
  const folds = stratifiedFolds(labels, innerFolds, createRandom(options.seed));
  let best: { lambda: number; loss: number; margins: Float64Array } | undefined;
  const warmStarts: (LogisticFit | undefined)[] = folds.map(() => undefined);
  for (const lambda of options.lambdaGrid ?? lambdaGrid) {
    const margins = new Float64Array(cases.length);
    folds.forEach((fold, f) => {
      const fit = fitLogistic(
        fold.train.map((i) => rows[i]!),
        fold.train.map((i) => labels[i]!),
        warmStarts[f] === undefined ? { lambda } : { lambda, start: warmStarts[f] },
      );
      warmStarts[f] = fit;
      for (const i of fold.test) margins[i] = logisticMargin(fit, rows[i]!);
    });
    const loss = logLoss(Array.from(margins, sigmoid), labels);
    if (best === undefined || loss < best.loss) best = { lambda, loss, margins };
  }
  const chosen = best!;
  const calibration = fitPlatt(chosen.margins, labels);

  // Refit on everything, and move the intercept to the centred encoding that scoring uses.
  const fit = fitLogistic(rows, labels, { lambda: chosen.lambda });
  let intercept = fit.intercept;
  for (let c = 0; c < shift.length; c++) intercept += fit.coefficients[c]! * shift[c]!;
  const months = cases.map((c) => c.episode.startMonth).sort();

  const validation =
    options.isValidated === true
      ? validateLinearModel({ ...options, isValidated: false })
      : undefined;
  return sealLinearModel({
    format: 'absencelab.model',
    formatVersion: 1,
    kind: 'logistic-regression',
    createdAt: options.createdAt ?? new Date().toISOString(),
    catalogue: options.catalogue,
    context,
    target: { name: options.target.name, description: options.target.description },
    features: features.map((spec) => spec.name),
    encoding,
    intercept,
    coefficients: Array.from(fit.coefficients),
    calibration: { method: 'platt', ...calibration },
    regularisation: { lambda: chosen.lambda },
    bands: options.bands,
    training: {
      n: cases.length,
      positives,
      firstMonth: months[0] ?? '',
      lastMonth: months[months.length - 1] ?? '',
    },
    ...(validation === undefined ? {} : { validation }),
  });
}
