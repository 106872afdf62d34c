import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileShareInflow, type InflowInput } from '../../src/caseload/inflowMethods.ts';

const weeks = 156;
const firstWeekEnd = 19_365; // 2023-01-08
// A workforce that shrinks from 2,000 to 1,000 employees, each reporting sick at the same rate.
const headcount = Float64Array.from({ length: weeks }, (_, t) => 2000 - (1000 * t) / (weeks - 1));
const ratePerWeek = 0.02;
const input: InflowInput = {
  // Two units that split the reports 3 : 1.
  inflowByUnit: [
    Float64Array.from(headcount, (n) => 0.75 * ratePerWeek * n),
    Float64Array.from(headcount, (n) => 0.25 * ratePerWeek * n),
  ],
  weekEndDays: Int32Array.from({ length: weeks }, (_, t) => firstWeekEnd + 7 * t),
  employeesByUnit: [750, 250],
  horizonWeeks: 4,
  // No season, so the level alone is tested.
  profile: { factorAt: () => 1, logVarianceAt: () => 0, holidayFactor: 1 },
};
const totalAhead = (forecast: { meanByUnit: readonly Float64Array[] }, h: number) =>
  forecast.meanByUnit.reduce((sum, unit) => sum + unit[h]!, 0);

describe('profileShareInflow', () => {
  it('follows a shrinking workforce through the headcount, not at the smoothing lag', () => {
    const method = profileShareInflow(0.2, 5);
    const expected = ratePerWeek * headcount[weeks - 1]!; // 20 reports a week now
    const withHeadcount = method.forecast({ ...input, employeesByWeek: headcount });
    const withoutHeadcount = method.forecast(input);
    for (let h = 0; h < 4; h++) {
      const ours = totalAhead(withHeadcount, h);
      assert.ok(Math.abs(ours / expected - 1) < 0.01, `h${h + 1}: ${ours} vs ${expected}`);
      // Smoothing counts alone lags the fall by (1 - α) / α weeks, 4 weeks of 0.65 % each.
      const lagging = totalAhead(withoutHeadcount, h) / expected;
      assert.ok(lagging > 1.02, `h${h + 1} without: ${lagging}`);
    }
    // The units keep their shares of the total.
    const share = withHeadcount.meanByUnit[0]![0]! / totalAhead(withHeadcount, 0);
    assert.ok(Math.abs(share - 0.75) < 0.01, `${share}`);
  });

  it('smooths the counts when the headcount is missing or has an empty week', () => {
    const method = profileShareInflow(0.2, 5);
    const empty = Float64Array.from(headcount, (n, t) => (t === 10 ? 0 : n));
    assert.deepEqual(
      method.forecast({ ...input, employeesByWeek: empty }).meanByUnit,
      method.forecast(input).meanByUnit,
    );
  });
});
