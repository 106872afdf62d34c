import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SurvivalCurve } from '../../../src/absence/survival/survivalCurve.ts';

// A baseline falling linearly from 1 to 0 over 728 days.
const baseline = Array.from({ length: 729 }, (_, day) => 1 - day / 728);
const logit = (p: number) => Math.log(p / (1 - p));
// Hazard of ending in each interval: 0.9 in the first, then 0.3 each.
const curve = new SurvivalCurve(
  Float64Array.from([logit(0.9), ...Array.from({ length: 6 }, () => logit(0.3))]),
  baseline,
);

test('SurvivalCurve is the product of interval survivals at the knots', () => {
  assert.ok(Math.abs(curve.at(42) - 0.1) < 1e-12);
  assert.ok(Math.abs(curve.at(91) - 0.1 * 0.7) < 1e-12);
  assert.ok(Math.abs(curve.at(728) - 0.1 * 0.7 ** 6) < 1e-12);
  assert.equal(curve.at(0), 1);
});

test('SurvivalCurve is non-increasing day by day and follows the baseline within an interval', () => {
  let previous = 1;
  for (let day = 0; day <= 728; day++) {
    const value = curve.at(day);
    assert.ok(value <= previous + 1e-15, `day ${day}`);
    previous = value;
  }
  // Halfway through the first interval, half of its ending mass has gone: 1 - 0.9 / 2.
  assert.ok(Math.abs(curve.at(21) - 0.55) < 1e-12);
});

test('SurvivalCurve conditions on the days already absent', () => {
  assert.equal(curve.conditional(30, 50), 1);
  assert.ok(Math.abs(curve.conditional(91, 42) - 0.7) < 1e-12);
  assert.ok(Math.abs(curve.headline(42) - 0.7) < 1e-12);
  assert.ok(Math.abs(curve.headline(0) - 0.1) < 1e-12);
});

test('SurvivalCurve quantiles invert the conditional curve', () => {
  const median = curve.quantileDay(0.5, 0);
  assert.ok(median !== undefined);
  assert.ok(curve.at(median) <= 0.5 && curve.at(median - 1) > 0.5);
  assert.equal(median, 24);
  // More than 104 weeks for a fifth of them: the 90th percentile is beyond the curve.
  const sticky = new SurvivalCurve(new Float64Array(7).fill(logit(0.01)), baseline);
  assert.equal(sticky.quantileDay(0.1, 0), undefined);
});
