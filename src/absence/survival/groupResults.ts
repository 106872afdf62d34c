import { aucWithConfidence } from '../../engine/metrics/aucWithConfidence.ts';
import { calibrationSlope } from '../../engine/metrics/calibrationSlope.ts';
import { canonicalFeatures } from '../../features/canonicalFeatures.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import { daysPerWeek, type ObservedDuration } from './legalIntervals.ts';

/** Results for one group of the test episodes, for the fairness table of the model card. */
export interface GroupResult {
  group: 'ageBand' | 'sex' | 'contractHoursBand' | 'contractType';
  value: string;
  n: number;
  positives: number;
  auc: number | null;
  auc95: [number, number] | null;
  observedRate: number;
  meanPredicted: number;
  calibration: { slope: number; intercept: number } | null;
  /** Below the minimum size the figures are too uncertain to read; they are not shown. */
  isBelowMinimum: boolean;
}

const valueOf = (name: string) => {
  const spec = canonicalFeatures.find((feature) => feature.name === name);
  if (spec === undefined) throw new Error(`no feature ${name}`);
  return (c: ScoringCase) => spec.value(c);
};

const ageOf = valueOf('ageYears');
const hoursOf = valueOf('contractHoursPerWeek');

const grouping: Record<GroupResult['group'], (c: ScoringCase) => string> = {
  ageBand: (c) => {
    const age = ageOf(c);
    if (typeof age !== 'number') return 'unknown';
    if (age < 25) return '15-24';
    if (age < 35) return '25-34';
    if (age < 45) return '35-44';
    if (age < 55) return '45-54';
    return '55+';
  },
  sex: (c) => c.employee.sex ?? 'unknown',
  contractHoursBand: (c) => {
    const hours = hoursOf(c);
    if (typeof hours !== 'number') return 'unknown';
    if (hours < 24) return 'under 24';
    if (hours < 32) return '24-31';
    return '32+';
  },
  contractType: (c) => c.employee.contractType ?? 'unknown',
};

/** Discrimination and calibration of "more than 6 weeks" per group, on known-status episodes. */
export function groupResults(options: {
  cases: readonly ScoringCase[];
  outcomes: readonly ObservedDuration[];
  predictedOverSixWeeks: readonly number[];
  /** Episodes whose 6-week status is known for all alike (see fullyObserved). */
  known: readonly number[];
  minGroupSize: number;
}): GroupResult[] {
  const sixWeeks = 6 * daysPerWeek;
  const results: GroupResult[] = [];
  for (const [group, keyOf] of Object.entries(grouping) as [
    GroupResult['group'],
    (c: ScoringCase) => string,
  ][]) {
    const members = new Map<string, number[]>();
    options.known.forEach((i) => {
      const key = keyOf(options.cases[i]!);
      const list = members.get(key);
      if (list === undefined) members.set(key, [i]);
      else list.push(i);
    });
    for (const [value, indices] of [...members.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const predicted = indices.map((i) => options.predictedOverSixWeeks[i]!);
      const labels = indices.map((i) => (options.outcomes[i]!.durationDays > sixWeeks ? 1 : 0));
      const positives = labels.reduce<number>((sum, label) => sum + label, 0);
      const isBelowMinimum =
        indices.length < options.minGroupSize || positives < 10 || indices.length - positives < 10;
      const estimate = isBelowMinimum ? undefined : aucWithConfidence(predicted, labels);
      const calibration = isBelowMinimum ? undefined : calibrationSlope(predicted, labels);
      results.push({
        group,
        value,
        n: indices.length,
        positives,
        auc: estimate?.auc ?? null,
        auc95: estimate === undefined ? null : [estimate.lower, estimate.upper],
        observedRate: positives / indices.length,
        meanPredicted: predicted.reduce((sum, p) => sum + p, 0) / predicted.length,
        calibration:
          calibration === undefined
            ? null
            : { slope: calibration.slope, intercept: calibration.intercept },
        isBelowMinimum,
      });
    }
  }
  return results;
}
