import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { autoEts, selectEts } from '../../src/forecast/autoEts.ts';
import { fitEts } from '../../src/forecast/fitEts.ts';
import { seasonalNaive } from '../../src/forecast/seasonalNaive.ts';
import type { Forecast, ForecastMethod } from '../../src/forecast/forecast.ts';

/** ETS(A,N,A) with α = 0.3, γ = 0.1 and normal errors of sd 0.5, from a fixed seed. */
function simulateEts(seed: number, length: number): number[] {
  const random = createRandom(seed);
  const season = [0.8, -0.4, -0.9, 0.5];
  let level = 5;
  const values: number[] = [];
  for (let t = 0; t < length; t++) {
    const error = 0.5 * random.normal();
    values.push(level + season[t % 4]! + error);
    level += 0.3 * error;
    season[t % 4] = season[t % 4]! + 0.1 * error;
  }
  return values;
}

/** Shares of the next `horizon` values that fall inside the 80 % and 95 % intervals. */
function coverage(
  method: ForecastMethod,
  series: number[][],
  trainLength: number,
  horizon: number,
) {
  let hits80 = 0;
  let hits95 = 0;
  let total = 0;
  for (const values of series) {
    const f: Forecast = method.forecast({
      values: values.slice(0, trainLength),
      seasonLength: 4,
      horizon,
    });
    for (let h = 0; h < horizon; h++) {
      const actual = values[trainLength + h]!;
      if (actual >= f.lower80[h]! && actual <= f.upper80[h]!) hits80++;
      if (actual >= f.lower95[h]! && actual <= f.upper95[h]!) hits95++;
      total++;
    }
  }
  return { coverage80: hits80 / total, coverage95: hits95 / total };
}

describe('fitEts', () => {
  it('forecasts a noiseless seasonal series to its pattern', () => {
    const pattern = [6, 4, 3, 5];
    const values = Array.from({ length: 24 }, (_, t) => pattern[t % 4]!);
    const forecast = autoEts.forecast({ values, seasonLength: 4, horizon: 4 });
    forecast.point.forEach((p, i) =>
      assert.ok(Math.abs(p - pattern[i]!) < 1e-3, `h${i + 1}: ${p}`),
    );
  });

  it('estimates α near the simulated 0.3 on a long ETS(A,N,A) series', () => {
    const fit = fitEts(simulateEts(7, 400), { trend: 'none', seasonLength: 4 });
    assert.ok(fit.params.alpha > 0.2 && fit.params.alpha < 0.42, `alpha ${fit.params.alpha}`);
    assert.ok(fit.params.gamma < 0.3, `gamma ${fit.params.gamma}`);
    assert.ok(Math.abs(Math.sqrt(fit.sigma2) - 0.5) < 0.06, `sigma ${Math.sqrt(fit.sigma2)}`);
  });

  it('prefers the damped trend by AICc when the data trend', () => {
    const random = createRandom(3);
    const values = Array.from(
      { length: 60 },
      (_, t) => 2 + 0.2 * t + [1, -1, 0, 0][t % 4]! + 0.1 * random.normal(),
    );
    assert.equal(selectEts(values, 4).spec.trend, 'damped');
  });

  it('refuses a series too short for its parameters', () => {
    assert.throws(
      () => fitEts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { trend: 'damped', seasonLength: 4 }),
      /needs more than/,
    );
  });
});

describe('prediction intervals on simulated data', () => {
  const series = Array.from({ length: 300 }, (_, i) => simulateEts(1000 + i, 44));

  it('ETS intervals cover about 80 % and 95 % of ETS(A,N,A) outcomes', () => {
    const { coverage80, coverage95 } = coverage(autoEts, series, 40, 4);
    assert.ok(coverage80 > 0.74 && coverage80 < 0.86, `80 %: ${coverage80}`);
    assert.ok(coverage95 > 0.91 && coverage95 < 0.985, `95 %: ${coverage95}`);
  });

  it('seasonal naive intervals cover about their rate on a seasonal random walk', () => {
    const walks = Array.from({ length: 300 }, (_, i) => {
      const random = createRandom(5000 + i);
      const values = [5, 3, 2, 4];
      for (let t = 4; t < 44; t++) values.push(values[t - 4]! + 0.3 * random.normal());
      return values;
    });
    const { coverage80, coverage95 } = coverage(seasonalNaive, walks, 40, 4);
    assert.ok(coverage80 > 0.75 && coverage80 < 0.85, `80 %: ${coverage80}`);
    assert.ok(coverage95 > 0.92 && coverage95 < 0.98, `95 %: ${coverage95}`);
  });
});
