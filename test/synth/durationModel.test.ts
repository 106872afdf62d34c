import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { concentrationShare } from '../../src/synth/concentrationShare.ts';
import { dayNumberOf, workDaysBetween } from '../../src/synth/dayNumber.ts';
import { drawMeanOneGamma } from '../../src/synth/drawGamma.ts';
import { drawDurationDays, survivalProbability } from '../../src/synth/durationModel.ts';
import { normalUpperTail } from '../../src/synth/normalDistribution.ts';

test('normalUpperTail matches tabulated values of the standard normal', () => {
  assert.ok(Math.abs(normalUpperTail(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalUpperTail(1.959964) - 0.025) < 1e-7);
  assert.ok(Math.abs(normalUpperTail(-1) - 0.8413447) < 1e-6);
  assert.ok(Math.abs(normalUpperTail(3) - 0.0013499) < 1e-6);
});

test('survivalProbability agrees with the share of drawn durations past each horizon', () => {
  const random = createRandom(11);
  for (const riskScore of [-1, 0, 1.5]) {
    const draws = Array.from({ length: 100_000 }, () => drawDurationDays(riskScore, random));
    for (const horizonDays of [7, 42, 91, 364]) {
      const observed = draws.filter((days) => days > horizonDays).length / draws.length;
      const expected = survivalProbability(riskScore, horizonDays);
      // Four binomial standard errors.
      const allowed = 4 * Math.sqrt((expected * (1 - expected)) / draws.length) + 1e-4;
      assert.ok(
        Math.abs(observed - expected) < allowed,
        `${riskScore} ${horizonDays}: ${observed} vs ${expected}`,
      );
    }
  }
});

test('drawMeanOneGamma has mean 1 and variance 1/shape', () => {
  const random = createRandom(2);
  const draws = Array.from({ length: 200_000 }, () => drawMeanOneGamma(1.4, random));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
  assert.ok(Math.abs(mean - 1) < 0.01, String(mean));
  assert.ok(Math.abs(variance - 1 / 1.4) < 0.02, String(variance));
});

test('workDaysBetween counts Monday to Friday in a half-open range', () => {
  const monday = dayNumberOf(2024, 1, 1);
  assert.equal(workDaysBetween(monday, monday + 1), 1);
  assert.equal(workDaysBetween(monday, monday + 7), 5);
  assert.equal(workDaysBetween(monday + 4, monday + 7), 1);
  assert.equal(workDaysBetween(monday + 5, monday + 7), 0);
  assert.equal(workDaysBetween(monday, monday + 30), 22);
  assert.equal(workDaysBetween(monday, monday), 0);
});

test('concentrationShare finds the share of employees behind half the reports', () => {
  // 8 employees with no report, 1 with 1, 1 with 9: ten reports, the one with 9 carries half.
  assert.ok(Math.abs(concentrationShare([8, 1, 0, 0, 0, 0, 0, 0, 0, 1], 0.5) - 5 / 9 / 10) < 1e-12);
  // Everyone one report: half the employees.
  assert.equal(concentrationShare([0, 10], 0.5), 0.5);
});
