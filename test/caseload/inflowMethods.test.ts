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
  // Half the employees each: the shares must come from the reports, not from these.
  employeesByUnit: [500, 500],
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

  it('smooths per employee from the first week with someone on the books, else the counts', () => {
    const method = profileShareInflow(0.2, 5);
    const expected = ratePerWeek * headcount[weeks - 1]!;
    // Nobody employed in the first 20 weeks (and no reports): the rate is smoothed after them.
    const hiredLater = Float64Array.from(headcount, (n, t) => (t < 20 ? 0 : n));
    const later = method.forecast({
      ...input,
      inflowByUnit: input.inflowByUnit.map((unit) =>
        Float64Array.from(unit, (count, t) => (t < 20 ? 0 : count)),
      ),
      employeesByWeek: hiredLater,
    });
    assert.ok(Math.abs(totalAhead(later, 0) / expected - 1) < 0.01, `${totalAhead(later, 0)}`);
    // Without a headcount, or with none in the last week, the counts are smoothed.
    const counts = method.forecast(input).meanByUnit;
    const emptyLast = Float64Array.from(headcount, (n, t) => (t === weeks - 1 ? 0 : n));
    assert.deepEqual(method.forecast({ ...input, employeesByWeek: emptyLast }).meanByUnit, counts);
    const short = headcount.subarray(1);
    assert.deepEqual(method.forecast({ ...input, employeesByWeek: short }).meanByUnit, counts);
  });
});
