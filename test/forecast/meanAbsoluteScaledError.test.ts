import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScoreAccumulator } from '../../src/forecast/forecastScore.ts';
import {
  absoluteScaledErrors,
  seasonalNaiveScale,
} from '../../src/forecast/meanAbsoluteScaledError.ts';

describe('seasonalNaiveScale', () => {
  it('is the mean absolute seasonal difference of the training window', () => {
    // |12-10|, |22-20|, |35-30|, |41-40| → (2 + 2 + 5 + 1) / 4
    assert.equal(seasonalNaiveScale([10, 20, 30, 40, 12, 22, 35, 41], 4), 2.5);
  });

  it('is NaN when the window is not longer than a season', () => {
    assert.ok(Number.isNaN(seasonalNaiveScale([1, 2, 3, 4], 4)));
  });
});

describe('absoluteScaledErrors', () => {
  it('divides each absolute error by the scale', () => {
    assert.deepEqual(absoluteScaledErrors([13, 25], [12, 22], 2), [0.5, 1.5]);
  });
});

describe('ScoreAccumulator.score', () => {
  it('averages scaled errors per horizon and counts interval hits', () => {
    const accumulator = new ScoreAccumulator('m', 2);
    const forecast = (point: number[]) => ({
      point,
      lower80: point.map((p) => p - 1),
      upper80: point.map((p) => p + 1),
      lower95: point.map((p) => p - 2),
      upper95: point.map((p) => p + 2),
    });
    accumulator.add([13, 25], forecast([12, 22]), 2); // errors 0.5, 1.5; hits80 1, hits95 1
    accumulator.add([10, 10], forecast([10, 12]), 1); // errors 0, 2; hits80 1, hits95 2
    const score = accumulator.score();
    assert.deepEqual(score.maseByHorizon, [0.25, 1.75]);
    assert.equal(score.mase, 1);
    assert.equal(score.coverage80, 2 / 4);
    assert.equal(score.coverage95, 3 / 4);
    assert.equal(score.forecastCount, 2);
  });
});
