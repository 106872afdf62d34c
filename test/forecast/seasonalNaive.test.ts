import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seasonalNaive } from '../../src/forecast/seasonalNaive.ts';

const values = [10, 20, 30, 40, 12, 22, 32, 42];

describe('seasonalNaive.forecast', () => {
  const forecast = seasonalNaive.forecast({ values, seasonLength: 4, horizon: 5 });

  it('repeats the last season, wrapping after one cycle', () => {
    assert.deepEqual(forecast.point, [12, 22, 32, 42, 12]);
  });

  it('widens the intervals by the square root of the seasons ahead', () => {
    // Seasonal differences are all 2: σ² = 4·2² / (8 - 4 - 1) = 16/3.
    const sigma = Math.sqrt(16 / 3);
    assert.ok(Math.abs(forecast.upper80[0]! - (12 + 1.2815515655446004 * sigma)) < 1e-9);
    assert.ok(Math.abs(forecast.lower95[3]! - (42 - 1.959963984540054 * sigma)) < 1e-9);
    const width1 = forecast.upper95[0]! - forecast.lower95[0]!;
    const width5 = forecast.upper95[4]! - forecast.lower95[4]!;
    assert.ok(Math.abs(width5 / width1 - Math.SQRT2) < 1e-9);
  });

  it('refuses a window shorter than one season plus two', () => {
    assert.throws(
      () => seasonalNaive.forecast({ values: [1, 2, 3, 4, 5], seasonLength: 4, horizon: 1 }),
      /at least 6 values/,
    );
  });
});
