import { addDays, daysBetween } from '../../core/canonical/dates.ts';
import { aucWithConfidence } from '../../engine/metrics/aucWithConfidence.ts';
import { brier } from '../../engine/metrics/brier.ts';
import { calibrationSlope } from '../../engine/metrics/calibrationSlope.ts';
import { concordanceIndex } from '../../engine/metrics/concordanceIndex.ts';
import { integratedBrierScore } from '../../engine/metrics/integratedBrierScore.ts';
import { thresholdTable, type ThresholdRow } from '../../engine/metrics/thresholdTable.ts';
import { timeDependentAuc } from '../../engine/metrics/timeDependentAuc.ts';
import { kaplanMeier, survivalAt } from '../../engine/survival/kaplanMeier.ts';
import type { Context } from '../../features/contexts.ts';
import type { FeatureSpec } from '../../features/featureSpec.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import type { EpisodeTruth } from '../../synth/synthTypes.ts';
import type { Bands } from '../linearModel.ts';
import { linearScorer } from '../scoreLinear.ts';
import { trainLinearModel } from '../trainLinearModel.ts';
import { groupResults, type GroupResult } from './groupResults.ts';
import { daysPerWeek, horizonsWeeks, maxDays, type ObservedDuration } from './legalIntervals.ts';
import { observedDuration } from './observedDuration.ts';
import { survivalScorer } from './survivalScorer.ts';
import { trainSurvivalModel, type TrainSurvivalOptions } from './trainSurvivalModel.ts';

export interface HorizonResult {
  weeks: number;
  /** Test episodes whose status at the horizon is known, and how many lasted longer. */
  n: number;
  positives: number;
  auc: number;
  auc95: [number, number];
  /** Cumulative/dynamic AUC with inverse-probability-of-censoring weights (Uno). */
  aucIpcw: number;
  brier: number;
  /** null when the test year holds no episode of this length (a 1-year window and 52 weeks). */
  calibration: { slope: number; intercept: number } | null;
  thresholds: ThresholdRow[];
  oracleAuc?: number;
  oracleRatio?: number;
}

export interface SurvivalEvaluation {
  model: 'discrete-time-hazard';
  context: Context;
  split: {
    trainUntil: string;
    testFrom: string;
    testUntil: string;
    trainEpisodes: number;
    testEpisodes: number;
  };
  horizons: HorizonResult[];
  concordance: number;
  integratedBrier: number;
  /** Calibration at the first horizon (6 weeks), the one the headline explains. */
  calibration: { slope: number; intercept: number; interceptInTheLarge: number };
  groups: GroupResult[];
  baselines: {
    model: 'kaplan-meier' | 'logistic-regression';
    horizons: { weeks: number; auc: number; auc95?: [number, number] }[];
    integratedBrier?: number;
    calibration?: { slope: number; intercept: number };
  }[];
  treeCount: number;
}

/** Days at which the integrated Brier score is taken: 1, 2, 4, 6, 9, 13, 26, 42, 52 weeks. */
const brierDays = [7, 14, 28, 42, 63, 91, 182, 294, 364];
export const thresholdCutoffs = [0.05, 0.1, 0.2, 0.3, 0.5];

/**
 * Temporal validation: train on sick reports before the last year (their outcomes as seen at the
 * split day, so nothing of the test year leaks into training), test on the reports of the last
 * year (outcomes as seen at the end of the data). Baselines beside it: Kaplan-Meier without
 * covariates and a logistic regression for "more than 6 weeks".
 */
export async function evaluateSurvival(options: {
  cases: readonly ScoringCase[];
  observedUntil: string;
  features: readonly FeatureSpec[];
  context: Context;
  bands: Bands;
  seed: number;
  truth?: Map<string, EpisodeTruth> | undefined;
  testDays?: number;
  minGroupSize?: number;
  boosting?: TrainSurvivalOptions['boosting'];
}): Promise<SurvivalEvaluation> {
  const testFrom = addDays(options.observedUntil, -(options.testDays ?? 365) + 1);
  const trainUntil = addDays(testFrom, -1);
  const train = options.cases.filter((c) => (c.episode.startDate ?? '') <= trainUntil);
  const test = options.cases.filter((c) => (c.episode.startDate ?? '') >= testFrom);
  const trainOutcomes = train.map((c) => observedDuration(c.episode, trainUntil)!);
  const testOutcomes = test.map((c) => observedDuration(c.episode, options.observedUntil)!);

  // The model, trained on the earlier reports only.
  const { model, ensemble } = await trainSurvivalModel({
    cases: train,
    outcomes: trainOutcomes,
    observedUntil: trainUntil,
    features: options.features,
    context: options.context,
    bands: options.bands,
    seed: options.seed,
    ...(options.boosting === undefined ? {} : { boosting: options.boosting }),
  });
  const scorer = survivalScorer(model, ensemble);
  const curves = scorer.curves(test);
  const durations = testOutcomes.map((o) => o.durationDays);
  const events = testOutcomes.map((o) => (o.isEnded ? 1 : 0));

  // Per horizon: discrimination, calibration and operating points on known-status episodes.
  const horizons = horizonsWeeks.map((weeks) => {
    const days = weeks * daysPerWeek;
    const known = fullyObserved(test, options.observedUntil, days);
    const predicted = known.map((i) => curves[i]!.at(days));
    const labels = known.map((i) => (testOutcomes[i]!.durationDays > days ? 1 : 0));
    const positives = labels.reduce<number>((sum, label) => sum + label, 0);
    const canRank = positives > 0 && positives < labels.length;
    const estimate = aucWithConfidence(predicted, labels);
    const calibration = canRank ? calibrationSlope(predicted, labels) : undefined;
    const result: HorizonResult = {
      weeks,
      n: labels.length,
      positives,
      auc: estimate.auc,
      auc95: [estimate.lower, estimate.upper],
      aucIpcw: timeDependentAuc(
        curves.map((curve) => 1 - curve.at(days)),
        durations,
        events,
        days,
      ),
      brier: brier(predicted, labels),
      calibration:
        calibration === undefined
          ? null
          : { slope: calibration.slope, intercept: calibration.intercept },
      thresholds: thresholdTable(predicted, labels, thresholdCutoffs),
    };
    if (options.truth !== undefined) {
      const oracle = known.map((i) => truthAt(options.truth!, test[i]!.caseId, weeks));
      if (oracle.every((p) => p !== undefined)) {
        result.oracleAuc = aucWithConfidence(oracle as number[], labels).auc;
        result.oracleRatio = result.auc / result.oracleAuc;
      }
    }
    return result;
  });

  // Whole-curve measures.
  const restrictedMean = curves.map((curve) => {
    let sum = 0;
    for (let day = 0; day < maxDays; day += daysPerWeek) sum += curve.at(day);
    return sum * daysPerWeek;
  });
  const concordance = concordanceIndex(
    restrictedMean.map((mean) => -mean),
    durations,
    events,
  );
  const survivalMatrix = curves.flatMap((curve) => brierDays.map((day) => curve.at(day)));
  const integratedBrier = integratedBrierScore(
    survivalMatrix,
    brierDays,
    durations,
    events,
  ).integrated;

  const sixWeeks = 6 * daysPerWeek;
  const knownAtSix = fullyObserved(test, options.observedUntil, sixWeeks);
  const sixWeekCalibration = calibrationSlope(
    knownAtSix.map((i) => curves[i]!.at(sixWeeks)),
    knownAtSix.map((i) => (testOutcomes[i]!.durationDays > sixWeeks ? 1 : 0)),
  );

  return {
    model: 'discrete-time-hazard',
    context: options.context,
    split: {
      trainUntil,
      testFrom,
      testUntil: options.observedUntil,
      trainEpisodes: train.length,
      testEpisodes: test.length,
    },
    horizons,
    concordance,
    integratedBrier,
    calibration: sixWeekCalibration,
    groups: groupResults({
      cases: test,
      outcomes: testOutcomes,
      predictedOverSixWeeks: curves.map((curve) => curve.at(sixWeeks)),
      known: knownAtSix,
      minGroupSize: options.minGroupSize ?? 100,
    }),
    baselines: [
      kaplanMeierBaseline(trainOutcomes, durations, events),
      logisticBaseline({ ...options, train, trainOutcomes, trainUntil, test, testOutcomes }),
    ],
    treeCount: model.training.treeCount,
  };
}

/**
 * Indices of episodes reported at least `days` before the end of observation, so that whether
 * they lasted beyond `days` is known for every one of them. Taking all episodes whose status
 * happens to be known instead would keep the late reports that ended quickly and drop the late
 * ones still open, and so understate the share of long absences.
 */
export function fullyObserved(
  cases: readonly ScoringCase[],
  observedUntil: string,
  days: number,
): number[] {
  const known: number[] = [];
  cases.forEach((c, i) => {
    if (
      c.episode.startDate !== undefined &&
      daysBetween(c.episode.startDate, observedUntil) >= days
    ) {
      known.push(i);
    }
  });
  return known;
}

function truthAt(
  truth: Map<string, EpisodeTruth>,
  caseId: string,
  weeks: number,
): number | undefined {
  const row = truth.get(caseId);
  if (row === undefined) return undefined;
  const key = `pOver${weeks}Weeks` as keyof EpisodeTruth;
  const value = row[key];
  return typeof value === 'number' ? value : undefined;
}

function kaplanMeierBaseline(
  trainOutcomes: readonly ObservedDuration[],
  durations: readonly number[],
  events: readonly number[],
): SurvivalEvaluation['baselines'][number] {
  const curve = kaplanMeier(
    trainOutcomes.map((o) => o.durationDays),
    trainOutcomes.map((o) => (o.isEnded ? 1 : 0)),
  );
  const row = brierDays.map((day) => survivalAt(curve, day));
  const survival = durations.flatMap(() => row);
  return {
    model: 'kaplan-meier',
    // The same curve for everyone cannot rank anyone: AUC 0.5 at every horizon by definition.
    horizons: horizonsWeeks.map((weeks) => ({ weeks, auc: 0.5 })),
    integratedBrier: integratedBrierScore(survival, brierDays, durations, events).integrated,
  };
}

function logisticBaseline(options: {
  train: readonly ScoringCase[];
  trainOutcomes: readonly ObservedDuration[];
  trainUntil: string;
  test: readonly ScoringCase[];
  observedUntil: string;
  testOutcomes: readonly ObservedDuration[];
  features: readonly FeatureSpec[];
  context: Context;
  bands: Bands;
  seed: number;
}): SurvivalEvaluation['baselines'][number] {
  const sixWeeks = 6 * daysPerWeek;
  const knownTrain = fullyObserved(options.train, options.trainUntil, sixWeeks);
  const model = trainLinearModel({
    cases: knownTrain.map((i) => options.train[i]!),
    labels: knownTrain.map((i) => (options.trainOutcomes[i]!.durationDays > sixWeeks ? 1 : 0)),
    features: options.features,
    context: options.context,
    catalogue: 'canonical',
    target: { name: 'absence-over-6-weeks', description: 'Absence longer than 6 weeks' },
    bands: options.bands,
    seed: options.seed,
    // Tens of thousands of reports leave little for a penalty to do: skip the search.
    lambdaGrid: [1],
  });
  const scorer = linearScorer(model);
  const knownTest = fullyObserved(options.test, options.observedUntil, sixWeeks);
  const predicted = knownTest.map((i) => scorer.score(options.test[i]!).probability);
  const labels = knownTest.map((i) => (options.testOutcomes[i]!.durationDays > sixWeeks ? 1 : 0));
  const estimate = aucWithConfidence(predicted, labels);
  const calibration = calibrationSlope(predicted, labels);
  return {
    model: 'logistic-regression',
    horizons: [{ weeks: 6, auc: estimate.auc, auc95: [estimate.lower, estimate.upper] }],
    calibration: { slope: calibration.slope, intercept: calibration.intercept },
  };
}
