import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseSnapshot, EpisodeHistory } from '../../src/caseload/caseSnapshot.ts';
import { drawDurationDays, durationSurvival } from '../../src/caseload/durationSurvival.ts';
import type { InflowForecast } from '../../src/caseload/inflowMethods.ts';
import { expectedOpenCount, openCaseErrorSpread } from '../../src/caseload/openCaseErrorSpread.ts';
import { measureNames } from '../../src/caseload/poortwachterMilestones.ts';
import { simulateCaseload } from '../../src/caseload/simulateCaseload.ts';
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
    const episodes = Array.from(past.startDays, (start, i) => {
      const end = past.endDays[i]!;
      const isEnded = end <= asOfDay;
      return {
        durationDays: (isEnded ? end : asOfDay) - start,
        isEnded,
        entryDays: 0,
        segment: 0,
      };
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
    // No inflow, so the simulated open counts are today's cases alone, as is the expectation.
    const snapshot = {
      unitCount: 1,
      openCases,
      reportDayShares: new Float64Array(7).fill(1 / 7),
      segmentSharesByUnit: [Float64Array.of(1)],
    } as unknown as CaseSnapshot;
    const inflow: InflowForecast = {
      meanByUnit: [new Float64Array(horizon)],
      levelShapeByUnit: Float64Array.of(Infinity),
      seasonalLogVarianceByWeek: new Float64Array(horizon),
    };
    const simulations = 2000;
    const sums = new Float64Array(horizon);
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
      },
      (_, counts) => {
        const offset = measureNames.indexOf('openCases') * horizon;
        for (let h = 0; h < horizon; h++) {
          for (let s = 0; s < simulations; s++) {
            sums[h] = sums[h]! + counts.values[(offset + h) * simulations + s]!;
          }
        }
      },
    );
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
});
