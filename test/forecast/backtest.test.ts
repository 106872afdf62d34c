import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { originLengths, runBacktest } from '../../src/forecast/backtest.ts';
import { combineMethods, meanForecast } from '../../src/forecast/combination.ts';
import type { ForecastMethod } from '../../src/forecast/forecast.ts';
import { seasonalNaive } from '../../src/forecast/seasonalNaive.ts';
import type { SeasonalSeries } from '../../src/forecast/series.ts';

const staircase: SeasonalSeries = {
  key: 'stairs',
  label: 'stairs',
  seasonLength: 4,
  start: { year: 2000, season: 1 },
  // Every seasonal difference is 1 except the last value's, which is 2.
  values: [1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7, 5, 6, 7, 9],
};

describe('originLengths', () => {
  it('places 37 origins so that 4 horizons end inside the last 40 of 71 quarters', () => {
    const lengths = originLengths(71, 4, 40);
    assert.equal(lengths.length, 37);
    assert.equal(lengths[0], 31);
    assert.equal(lengths.at(-1), 67);
  });
});

describe('runBacktest', () => {
  it('gives the hand-computed seasonal naive MASE on a staircase', () => {
    // Origins after 16..19 values; scale 1 each time; errors 1, 1, 1, 2.
    const result = runBacktest({
      series: [staircase],
      methods: [seasonalNaive],
      horizonPeriods: 1,
      evaluationPeriods: 4,
    });
    assert.equal(result.originsPerSeries, 4);
    assert.equal(result.scores[0]?.mase, 1.25);
  });

  it('averages per horizon over origins', () => {
    const result = runBacktest({
      series: [staircase],
      methods: [seasonalNaive],
      horizonPeriods: 2,
      evaluationPeriods: 4,
    });
    // Origins after 16, 17, 18 values: horizon 1 errors 1, 1, 1; horizon 2 errors 1, 1, 2.
    assert.deepEqual(result.scores[0]?.maseByHorizon, [1, 4 / 3]);
  });

  it('fits each member of a combination once per origin', () => {
    let calls = 0;
    const counted: ForecastMethod = {
      name: 'counted',
      description: 'seasonal naive that counts its calls',
      forecast: (input) => {
        calls++;
        return seasonalNaive.forecast(input);
      },
    };
    const both = combineMethods('both', [counted, seasonalNaive]);
    runBacktest({
      series: [staircase],
      methods: [counted, both],
      horizonPeriods: 1,
      evaluationPeriods: 4,
    });
    assert.equal(calls, 4);
  });

  it('refuses an evaluation window that leaves too little training data', () => {
    assert.throws(
      () =>
        runBacktest({
          series: [staircase],
          methods: [seasonalNaive],
          horizonPeriods: 1,
          evaluationPeriods: 8,
        }),
      (error: unknown) =>
        isAppError(error) &&
        error.code === 'INVALID_ARGUMENT' &&
        error.issues[0]?.field === 'stairs',
    );
  });

  it('refuses a series whose seasonal naive scale is 0', () => {
    const flat = {
      ...staircase,
      values: Array.from({ length: 20 }, (_, t) => [1, 2, 3, 4][t % 4]!),
    };
    assert.throws(
      () =>
        runBacktest({
          series: [flat],
          methods: [seasonalNaive],
          horizonPeriods: 1,
          evaluationPeriods: 4,
        }),
      (error: unknown) => isAppError(error) && error.code === 'INVALID_INPUT',
    );
  });
});

describe('meanForecast', () => {
  it('averages points and bounds element-wise', () => {
    const a = {
      point: [1, 2],
      lower80: [0, 1],
      upper80: [2, 3],
      lower95: [-1, 0],
      upper95: [3, 4],
    };
    const b = { point: [3, 4], lower80: [2, 3], upper80: [4, 5], lower95: [1, 2], upper95: [5, 6] };
    assert.deepEqual(meanForecast([a, b]), {
      point: [2, 3],
      lower80: [1, 2],
      upper80: [3, 4],
      lower95: [0, 1],
      upper95: [4, 5],
    });
  });
});
