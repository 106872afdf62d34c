import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseSnapshot, EpisodeHistory, OpenCase } from '../../src/caseload/caseSnapshot.ts';
import {
  drawDurationDays,
  durationSurvival,
  type DailySurvival,
} from '../../src/caseload/durationSurvival.ts';
import type { InflowForecast } from '../../src/caseload/inflowMethods.ts';
import { expectedOpenCount, openCaseErrorSpread } from '../../src/caseload/openCaseErrorSpread.ts';
import { measureNames } from '../../src/caseload/poortwachterMilestones.ts';
import { simulateCaseload, type SimulationOptions } from '../../src/caseload/simulateCaseload.ts';
import { createRandom } from '../../src/core/random.ts';

const asOfDay = 1100;
const horizon = 13;

/** Forty sick reports a day (a workforce of about 20,000) from day 0, lasting exponentially long with mean `meanOn(day)`. */
function history(meanOn: (day: number) => number, seed: number): EpisodeHistory {
  const random = createRandom(seed);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = 0; day <= asOfDay; day++) {
    for (let k = 0; k < 40; k++) {
      const duration = Math.max(1, Math.ceil(-meanOn(day) * Math.log(1 - random.next())));
      starts.push(day);
      // Unknown on the as-of day when it ends later, as caseSnapshot stores it.
      ends.push(day + duration <= asOfDay ? day + duration : Infinity);
    }
  }
  return {
    startDays: Int32Array.from(starts),
    endDays: Float64Array.from(ends),
    segments: new Int32Array(starts.length),
  };
}

/** Simulated open counts per week ahead of `openCases` alone (no inflow), one array per week. */
function simulatedOpen(
  openCases: readonly OpenCase[],
  curve: DailySurvival,
  simulations: number,
  error: Pick<SimulationOptions, 'openCaseLogBiasByWeek' | 'openCaseLogSdByWeek'>,
): Int32Array[] {
  const snapshot = {
    unitCount: 1,
    openCases,
    reportDayShares: new Float64Array(7).fill(1 / 7),
    segmentSharesByUnit: [Float64Array.of(1)],
    recentPriorChainDays: new Int32Array(0),
  } as unknown as CaseSnapshot;
  const inflow: InflowForecast = {
    meanByUnit: [new Float64Array(horizon)],
    levelShapeByUnit: Float64Array.of(Infinity),
    seasonalLogVarianceByWeek: new Float64Array(horizon),
  };
  const out: Int32Array[] = [];
  simulateCaseload(
    snapshot,
    inflow,
    {
      drawOpen: (i, u) => drawDurationDays(curve, openCases[i]!.elapsedDays, u),
      drawNew: (_, u) => drawDurationDays(curve, 0, u),
    },
    {
      horizonWeeks: horizon,
      simulations,
      seed: 5,
      commonLogSdByWeek: new Float64Array(horizon),
      weeklyLogSdByWeek: new Float64Array(horizon),
      ...error,
    },
    (_, counts) => {
      const offset = measureNames.indexOf('openCases') * horizon;
      for (let h = 0; h < horizon; h++) {
        const from = (offset + h) * simulations;
        out.push(counts.values.slice(from, from + simulations));
      }
    },
  );
  return out;
}

/** Today's open cases of a history, with the period curve fitted on all of it. */
function openCasesAndCurve(past: EpisodeHistory): { openCases: OpenCase[]; curve: DailySurvival } {
  const episodes = Array.from(past.startDays, (start, i) => {
    const end = past.endDays[i]!;
    const isEnded = end <= asOfDay;
    return { durationDays: (isEnded ? end : asOfDay) - start, isEnded, entryDays: 0, segment: 0 };
  });
  const curve = durationSurvival(episodes, { segmentCount: 1, minAtRisk: 30 }).bySegment[0]!;
  const openCases = Array.from(past.startDays, (start, i) => ({ start, end: past.endDays[i]! }))
    .filter((c) => c.end > asOfDay)
    .map((c, i) => ({
      episodeId: `e${i}`,
      unit: 0,
      segment: 0,
      elapsedDays: asOfDay - c.start,
      priorChainDays: 0,
    }));
  return { openCases, curve };
}

const errorOptions = {
  asOfDay,
  observedFromDay: 0,
  horizonWeeks: horizon,
  pastOrigins: 26,
  durationWindowDays: 365,
  segmentCount: 1,
  minAtRisk: 30,
};

describe('expectedOpenCount', () => {
  it('matches the mean of the simulated open counts for the same curves', () => {
    const past = history(() => 20, 1);
    const { openCases, curve } = openCasesAndCurve(past);
    const simulations = 2000;
    const simulated = simulatedOpen(openCases, curve, simulations, {});
    const sums = simulated.map((values) => values.reduce((a, b) => a + b, 0));
    const { expected, variance } = expectedOpenCount(
      past,
      [curve],
      Array.from({ length: horizon }, () => [curve]),
      asOfDay,
      horizon,
    );
    for (let h = 0; h < horizon; h++) {
      const mean = sums[h]! / simulations;
      // Three standard errors of the simulated mean, from the variance the expectation gives.
      const tolerance = 3 * Math.sqrt(variance[h]! / simulations) + 0.05;
      assert.ok(
        Math.abs(mean - expected[h]!) < tolerance,
        `week ${h + 1}: ${mean} vs ${expected[h]}`,
      );
    }
    assert.ok(expected[0]! > 100 && expected[12]! < expected[0]!, `${expected[0]}`);
  });
});

describe('openCaseErrorSpread', () => {
  it('finds no bias when durations stay the same', () => {
    const error = openCaseErrorSpread(
      history(() => 20, 2),
      errorOptions,
    );
    assert.equal(error.origins, 26);
    for (let h = 0; h < horizon; h++) {
      assert.ok(
        Math.abs(error.logBiasByWeek[h]!) < 0.05,
        `week ${h + 1}: ${error.logBiasByWeek[h]}`,
      );
    }
  });

  it('shifts the open count up and widens its spread when durations lengthen', () => {
    // Mean duration from 12 to 24 days over three years: a curve fitted on the last year lags.
    const steady = openCaseErrorSpread(
      history(() => 20, 3),
      errorOptions,
    );
    const drifting = openCaseErrorSpread(
      history((day) => 12 + (12 * day) / asOfDay, 3),
      errorOptions,
    );
    const last = horizon - 1;
    assert.ok(drifting.logBiasByWeek[last]! > 0.05, `bias ${drifting.logBiasByWeek[last]}`);
    assert.ok(
      drifting.logBiasByWeek[last]! > drifting.logBiasByWeek[0]!,
      'the lag grows with the weeks ahead, as new cases take over from today’s',
    );
    assert.ok(
      drifting.logSdByWeek[last]! > steady.logSdByWeek[last]!,
      `sd ${drifting.logSdByWeek[last]} vs ${steady.logSdByWeek[last]}`,
    );
  });

  it('learns only from origins whose curves rest on as much data as today’s', () => {
    const error = openCaseErrorSpread(
      history(() => 20, 4),
      {
        ...errorOptions,
        // Week 1's cohort a year before an origin starts 384 days before it; 5 origins have one.
        observedFromDay: asOfDay - 384 - 7 * (horizon + 4),
      },
    );
    assert.equal(error.origins, 5);
  });

  it('moves and widens the simulated open counts by what it learned', () => {
    const past = history((day) => 12 + (12 * day) / asOfDay, 3);
    const error = openCaseErrorSpread(past, errorOptions);
    const { openCases, curve } = openCasesAndCurve(past);
    const quantile = (values: Int32Array, p: number) =>
      Float64Array.from(values).sort()[Math.floor(p * (values.length - 1))]!;
    const plain = simulatedOpen(openCases, curve, 1000, {});
    const corrected = simulatedOpen(openCases, curve, 1000, {
      openCaseLogBiasByWeek: error.logBiasByWeek,
      openCaseLogSdByWeek: error.logSdByWeek,
    });
    const week = 5;
    const width = (values: Int32Array) => quantile(values, 0.9) - quantile(values, 0.1);
    const ratio = quantile(corrected[week]!, 0.5) / quantile(plain[week]!, 0.5);
    assert.ok(
      Math.abs(Math.log(ratio) - error.logBiasByWeek[week]!) < 0.03,
      `median ratio ${ratio}, bias ${error.logBiasByWeek[week]}`,
    );
    assert.ok(width(corrected[week]!) > width(plain[week]!) + 2, 'wider 80 % interval');
  });
});
