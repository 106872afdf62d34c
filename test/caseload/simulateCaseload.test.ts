import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseSnapshot } from '../../src/caseload/caseSnapshot.ts';
import type { InflowForecast } from '../../src/caseload/inflowMethods.ts';
import { measureNames } from '../../src/caseload/poortwachterMilestones.ts';
import { simulateCaseload } from '../../src/caseload/simulateCaseload.ts';

const horizon = 8;
const simulations = 50;

/** Mean per week ahead of the simulated cases passing 6 weeks: 100 reports a week, each 100 days. */
function passingByWeek(recentPriorChainDays: Int32Array): number[] {
  const snapshot = {
    unitCount: 1,
    openCases: [],
    reportDayShares: new Float64Array(7).fill(1 / 7),
    segmentSharesByUnit: [Float64Array.of(1)],
    recentPriorChainDays,
  } as unknown as CaseSnapshot;
  const inflow: InflowForecast = {
    meanByUnit: [new Float64Array(horizon).fill(100)],
    levelShapeByUnit: Float64Array.of(Infinity),
    seasonalLogVarianceByWeek: new Float64Array(horizon),
  };
  const means: number[] = [];
  simulateCaseload(
    snapshot,
    inflow,
    { drawOpen: () => 100, drawNew: () => 100 },
    {
      horizonWeeks: horizon,
      simulations,
      seed: 3,
      commonLogSdByWeek: new Float64Array(horizon),
      weeklyLogSdByWeek: new Float64Array(horizon),
    },
    (_, counts) => {
      const offset = measureNames.indexOf('passing6Weeks') * horizon;
      for (let h = 0; h < horizon; h++) {
        const from = (offset + h) * simulations;
        const values = counts.values.slice(from, from + simulations);
        means.push(values.reduce((a, b) => a + b, 0) / simulations);
      }
    },
  );
  return means;
}

describe('simulateCaseload', () => {
  it('lets new cases that continue a chain pass 6 weeks sooner, as often as recent reports did', () => {
    // Own chains: reported in week w, day 42 falls in week w + 6 or w + 7.
    const own = passingByWeek(new Int32Array(0));
    assert.deepEqual(own.slice(0, 6), [0, 0, 0, 0, 0, 0]);
    // Every fourth recent report continued a chain with 35 earlier sick days: those pass day 42
    // a week after their report.
    const relapses = passingByWeek(Int32Array.of(0, 0, 0, 35));
    assert.equal(relapses[0], 0);
    for (let h = 1; h < 6; h++) {
      assert.ok(Math.abs(relapses[h]! - 25) < 5, `week ${h + 1}: ${relapses[h]}`);
    }
  });
});
