import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { loadAugursMstl } from '../../src/forecast/augursMstl.ts';
import type { ForecastMethod } from '../../src/forecast/forecast.ts';

let mstl: ForecastMethod | undefined;
try {
  mstl = await loadAugursMstl();
} catch {
  mstl = undefined; // the optional package is not installed; the test below is skipped
}

describe('loadAugursMstl', () => {
  it(
    'loads the WASM with initSync and forecasts a seasonal series',
    { skip: mstl === undefined },
    () => {
      const pattern = [6, 4, 3, 5];
      const values = Array.from({ length: 32 }, (_, t) => pattern[t % 4]! + 0.01 * (t % 3));
      const forecast = mstl!.forecast({ values, seasonLength: 4, horizon: 4 });
      assert.equal(forecast.point.length, 4);
      forecast.point.forEach((p, i) =>
        assert.ok(Math.abs(p - pattern[i]!) < 0.2, `h${i + 1}: ${p}`),
      );
      assert.ok(
        forecast.lower95[0]! <= forecast.lower80[0]! &&
          forecast.upper80[0]! <= forecast.upper95[0]!,
      );
    },
  );

  it(
    'refuses a series shorter than two seasons, saying how long it must be',
    { skip: mstl === undefined },
    () => {
      assert.throws(
        () => mstl!.forecast({ values: [6, 4, 3, 5, 6, 4, 3], seasonLength: 4, horizon: 2 }),
        (error: unknown) =>
          isAppError(error) &&
          error.code === 'INVALID_INPUT' &&
          error.message.includes('two seasons of history (8 values); the series has 7'),
      );
      const eight = mstl!.forecast({
        values: [6, 4, 3, 5, 6, 4, 3, 5],
        seasonLength: 4,
        horizon: 2,
      });
      assert.equal(eight.point.length, 2);
    },
  );
});
