import { AppError } from '../../core/errors.ts';
import { createRandom, shuffled } from '../../core/random.ts';
import { kaplanMeier, survivalAt } from '../../engine/survival/kaplanMeier.ts';
import { serializeEnsemble } from '../../engine/trees/artefact.ts';
import { selectRows } from '../../engine/trees/featureMatrix.ts';
import {
  trainGradientBoosting,
  type GradientBoostingOptions,
} from '../../engine/trees/trainGradientBoosting.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { assertLawful } from '../../features/catalogue.ts';
import type { Context } from '../../features/contexts.ts';
import type { FeatureSpec } from '../../features/featureSpec.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import type { Bands } from '../linearModel.ts';
import { expandIntervals, knotsWeeks, maxDays, type ObservedDuration } from './legalIntervals.ts';
import { sealSurvivalModel, type SurvivalModel } from './survivalModel.ts';
import {
  engineFeaturesOf,
  fitTreeFeatures,
  intervalMatrix,
  toFeatureMatrix,
} from '../treeEncoding.ts';

export interface TrainSurvivalOptions {
  cases: readonly ScoringCase[];
  /** Per case, its duration as observed at `observedUntil`. */
  outcomes: readonly ObservedDuration[];
  observedUntil: string;
  features: readonly FeatureSpec[];
  context: Context;
  bands: Bands;
  seed: number;
  boosting?: Partial<Omit<GradientBoostingOptions, 'features'>>;
  createdAt?: string;
}

/**
 * Defaults chosen on synthetic workforces: shallow trees, early stopping on held-out episodes. On
 * the 100,000-employee workforce (seed 1, employer, temporal split) depth 3 at learning rate 0.2
 * (about 40 trees) discriminates and calibrates as well as depth 5 at 0.08 (about 60 trees: AUC at
 * 6 weeks 0.7716 against 0.7718, calibration slope 1.05 against 1.06), and scoring with
 * explanations, which costs trees x leaves x depth per case, takes about a quarter of the time.
 */
export const defaultSurvivalBoosting: Partial<Omit<GradientBoostingOptions, 'features'>> = {
  treeCount: 400,
  maxDepth: 3,
  learningRate: 0.2,
  lambda: 5,
  minChildWeight: 20,
  subsample: 0.8,
  colsampleByTree: 0.9,
  earlyStoppingRounds: 20,
};

/** Share of training episodes held out for early stopping. */
const validationShare = 0.15;

/**
 * Trains the discrete-time hazard model:
 * 1. refuses features not lawful in the context;
 * 2. expands each episode into one row per legal interval at risk (censoring respected);
 * 3. trains boosted trees on the covariates plus the interval index, stopping early on held-out
 *    episodes (whole episodes, so no episode is on both sides);
 * 4. keeps the Kaplan-Meier curve of the training episodes for the shape within an interval.
 */
export async function trainSurvivalModel(
  options: TrainSurvivalOptions,
): Promise<{ model: SurvivalModel; ensemble: TreeEnsemble }> {
  const { cases, outcomes, features, context } = options;
  assertLawful(features, context);
  const ended = outcomes.filter((o) => o.isEnded).length;
  if (cases.length < 200 || ended < 50) {
    throw new AppError('INVALID_INPUT', `Too few sick reports to train: ${cases.length}.`, [
      { message: 'Training needs at least 200 sick reports of which 50 ended.' },
    ]);
  }

  // Covariates once per episode, then one row per interval at risk.
  const values = cases.map((c) => features.map((spec) => spec.value(c)));
  const treeFeatures = fitTreeFeatures(features, values, 'ordinal');
  const covariates = toFeatureMatrix(treeFeatures, values);
  const rows = expandIntervals(outcomes);
  const matrix = intervalMatrix(covariates, rows.episodeIndex, rows.intervalIndex);

  // Hold out whole episodes for early stopping.
  const random = createRandom(options.seed);
  const heldOut = new Uint8Array(cases.length);
  const order = shuffled(
    Array.from({ length: cases.length }, (_, i) => i),
    random,
  );
  for (const i of order.slice(0, Math.floor(cases.length * validationShare))) heldOut[i] = 1;
  const trainRows: number[] = [];
  const validationRows: number[] = [];
  rows.episodeIndex.forEach((episode, r) =>
    (heldOut[episode] === 1 ? validationRows : trainRows).push(r),
  );
  const pick = <T extends Float64Array>(array: T, at: number[]) =>
    Float64Array.from(at, (r) => array[r]!);

  const engineFeatures = [
    ...engineFeaturesOf(treeFeatures),
    { name: 'interval', kind: 'numeric' as const },
  ];
  const { model: ensemble } = await trainGradientBoosting(
    selectRows(matrix, trainRows),
    pick(rows.labels, trainRows),
    {
      ...defaultSurvivalBoosting,
      ...options.boosting,
      features: engineFeatures,
      sampleWeights: pick(rows.weights, trainRows),
      validation: {
        matrix: selectRows(matrix, validationRows),
        labels: pick(rows.labels, validationRows),
        weights: pick(rows.weights, validationRows),
      },
      seed: options.seed,
    },
  );

  // The within-interval shape: Kaplan-Meier of all training episodes, per day.
  const km = kaplanMeier(
    outcomes.map((o) => o.durationDays),
    outcomes.map((o) => (o.isEnded ? 1 : 0)),
  );
  const baselineSurvivalByDay = Array.from(
    { length: maxDays + 1 },
    (_, day) => Math.round(survivalAt(km, day) * 1e6) / 1e6,
  );

  const reports = cases.map((c) => c.episode.startDate ?? '').sort();
  const model = sealSurvivalModel({
    format: 'absencelab.model',
    formatVersion: 1,
    kind: 'discrete-time-hazard',
    createdAt: options.createdAt ?? new Date().toISOString(),
    catalogue: 'canonical',
    context,
    target: {
      name: 'absence-duration',
      description:
        'How long a sick-leave episode lasts, as P(longer than 6, 13, 42, 52, 104 weeks)',
    },
    knotsWeeks: [...knotsWeeks],
    features: treeFeatures,
    baselineSurvivalByDay,
    ensemble: JSON.parse(serializeEnsemble(ensemble)) as unknown,
    bands: options.bands,
    training: {
      episodes: cases.length,
      ended,
      firstReport: reports[0] ?? '',
      lastReport: reports[reports.length - 1] ?? '',
      observedUntil: options.observedUntil,
      treeCount: ensemble.treeRoots.length,
    },
  });
  return { model, ensemble };
}
