import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoEts } from '../../src/forecast/autoEts.ts';
import { backtestWithSelection } from '../../src/forecast/backtestWithSelection.ts';
import { seasonalNaive } from '../../src/forecast/seasonalNaive.ts';
import { theta } from '../../src/forecast/theta.ts';
import { completeSeriesFrom, readCbsAbsence } from '../../src/sources/cbs/index.ts';

const dataDir = new URL('../../data/cbs-80072ned', import.meta.url).pathname;

/** Values measured on 2026-12-03 with this code; R's forecast package gave snaive 1.537, ets 1.337. */
const measured = { snaive: 1.5369, ets: 1.3034, theta: 1.3067, panel: 1.2579 };

describe('backtestWithSelection on CBS 80072ned, 2008Q1-2025Q3, last 40 quarters, h 1-4', async () => {
  const { file, series: all } = await readCbsAbsence(dataDir);
  const series = completeSeriesFrom(all, { year: 2008, season: 1 }, file);
  const report = backtestWithSelection({
    series,
    methods: [seasonalNaive, autoEts, theta],
    horizonPeriods: 4,
    evaluationPeriods: 40,
  });
  const mase = Object.fromEntries(report.methods.map((s) => [s.method, s.mase]));

  it('reproduces the seasonal naive MASE that R measured (1.537)', () => {
    assert.ok(Math.abs(mase['snaive']! - measured.snaive) < 0.001, String(mase['snaive']));
  });

  it('gives the measured MASE for ets and theta', () => {
    assert.ok(Math.abs(mase['ets']! - measured.ets) < 0.001, String(mase['ets']));
    assert.ok(Math.abs(mase['theta']! - measured.theta) < 0.001, String(mase['theta']));
  });

  it('selects the panel method, at or below MASE 1.27', () => {
    assert.equal(report.selected.method, 'panel');
    assert.ok(
      Math.abs(report.selected.mase - measured.panel) < 0.001,
      String(report.selected.mase),
    );
    assert.ok(report.selected.mase <= 1.27);
  });

  it('gives the panel wider, past-calibrated intervals than the per-series models (73.6 %, 91.2 %)', () => {
    const panel = report.methods.find((s) => s.method === 'panel')!;
    assert.ok(Math.abs(panel.coverage80 - 0.7358) < 0.001, String(panel.coverage80));
    assert.ok(Math.abs(panel.coverage95 - 0.9122) < 0.001, String(panel.coverage95));
    const ets = report.methods.find((s) => s.method === 'ets')!;
    assert.ok(panel.coverage80 > ets.coverage80 && panel.coverage95 > ets.coverage95);
  });

  it('scores 37 origins of 39 series per method', () => {
    for (const score of report.methods) assert.equal(score.forecastCount, 37 * 39);
  });
});
