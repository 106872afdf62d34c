import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import {
  backtestPanelSelection,
  empiricalQuantile,
  forecastPanelSelection,
} from '../../src/forecast/panelSelection.ts';
import { smoothingPool } from '../../src/forecast/smoothingPool.ts';
import type { SeasonalSeries } from '../../src/forecast/series.ts';

function panel(seed: number, seriesCount = 5, length = 40): SeasonalSeries[] {
  const random = createRandom(seed);
  return Array.from({ length: seriesCount }, (_, s) => {
    let level = 4 + s;
    const values = Array.from({ length }, (_, t) => {
      level += 0.2 * random.normal();
      return level * [1.2, 0.95, 0.85, 1][t % 4]! + 0.1 * random.normal();
    });
    return {
      key: `s${s}`,
      label: `s${s}`,
      seasonLength: 4,
      start: { year: 2000, season: 1 },
      values,
    };
  });
}

const options = { pool: smoothingPool(), horizonPeriods: 4, topCount: 3, minTrainingPeriods: 16 };

describe('backtestPanelSelection', () => {
  it('chooses at each origin without looking at that origin or later values', () => {
    const series = panel(11);
    const base = backtestPanelSelection({
      ...options,
      series,
      evaluationPeriods: 12,
      name: 'panel',
    });
    // Change the last value: it is a target of the last origin only, so no choice may move,
    // but the last origin's error, and so the score, must.
    const changed = series.map((one) => ({ ...one, values: [...one.values.slice(0, -1), 99] }));
    const moved = backtestPanelSelection({
      ...options,
      series: changed,
      evaluationPeriods: 12,
      name: 'panel',
    });
    assert.deepEqual(moved.choices, base.choices);
    assert.notEqual(moved.score.mase, base.score.mase);
    assert.equal(base.choices.length, 9);
    assert.ok(base.choices.every((choice) => choice.members.length === 3));
  });

  it('forecasts every series with the members ranked on all its history', () => {
    const result = forecastPanelSelection({ ...options, series: panel(12) });
    assert.equal(result.members.length, 3);
    assert.equal(result.forecasts.length, 5);
    assert.ok(result.forecasts.every((f) => f.point.length === 4 && f.lower95[0]! < f.point[0]!));
  });

  it('refuses series of different lengths', () => {
    const series = panel(13);
    const shorter = [...series.slice(1), { ...series[0]!, values: series[0]!.values.slice(1) }];
    assert.throws(() => forecastPanelSelection({ ...options, series: shorter }), /same periods/);
  });
});

describe('empiricalQuantile', () => {
  it('interpolates between order statistics', () => {
    assert.ok(Math.abs(empiricalQuantile([5, 1, 4, 2, 3], 0.8) - 4.2) < 1e-12);
    assert.ok(Math.abs(empiricalQuantile([5, 1, 4, 2, 3], 0.95) - 4.8) < 1e-12);
    assert.equal(empiricalQuantile([7], 0.95), 7);
  });
});

describe('backtestPanelSelection intervals', () => {
  it('cover about 80 % and 95 % of outcomes when the errors keep their distribution', () => {
    const series = panel(21, 30, 64);
    const result = backtestPanelSelection({
      ...options,
      series,
      evaluationPeriods: 24,
      name: 'panel',
    });
    const { coverage80, coverage95 } = result.score;
    assert.ok(coverage80 > 0.74 && coverage80 < 0.86, `80 %: ${coverage80}`);
    assert.ok(coverage95 > 0.91 && coverage95 < 0.98, `95 %: ${coverage95}`);
  });
});
