import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { registerBacktest } from '../../src/cli/commands/backtest.ts';
import { isAppError } from '../../src/core/errors.ts';

const dataDir = new URL('../../data/cbs-80072ned', import.meta.url).pathname;

/** Runs `absencelab backtest ...args` in-process and returns what it wrote. */
async function runBacktestCommand(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  const chunks: string[] = [];
  registerBacktest(program, { write: (text: string) => chunks.push(text) });
  await program.parseAsync(['node', 'absencelab', 'backtest', ...args]);
  return chunks.join('');
}

describe('absencelab backtest', () => {
  it('--json prints methods with per-horizon MASE and coverage, and the selected method', async () => {
    const out = JSON.parse(
      await runBacktestCommand([
        '--data',
        dataDir,
        '--format',
        'cbs',
        '--methods',
        'snaive',
        '--json',
      ]),
    ) as {
      methods: { method: string; mase: number; maseByHorizon: number[]; coverage80: number }[];
      selected: { method: string; mase: number };
      protocol: { series: number; originsPerSeries: number };
    };
    assert.deepEqual(
      out.methods.map((m) => m.method),
      ['snaive', 'panel'],
    );
    assert.equal(out.methods[0]?.maseByHorizon.length, 4);
    assert.ok(Math.abs(out.methods[0]!.mase - 1.5369) < 0.001);
    assert.equal(out.selected.method, 'panel');
    assert.equal(out.protocol.series, 39);
    assert.equal(out.protocol.originsPerSeries, 37);
  });

  it('prints a table with one row per method when --json is absent', async () => {
    const out = await runBacktestCommand([
      '--data',
      dataDir,
      '--methods',
      'snaive',
      '--horizons',
      '2',
    ]);
    assert.match(out, /^method\s+h1\s+h2\s+MASE\s+cov80\s+cov95$/m);
    assert.match(out, /^snaive\s+1\.\d{3}/m);
    assert.match(out, /Bron: CBS, StatLine tabel 80072ned/);
  });

  it('refuses a start quarter with gaps after it', async () => {
    await assert.rejects(
      runBacktestCommand(['--data', dataDir, '--start', '2005Q1', '--methods', 'snaive']),
      (error: unknown) => isAppError(error) && error.code === 'INVALID_INPUT',
    );
  });

  it('refuses an unknown method', async () => {
    await assert.rejects(
      runBacktestCommand(['--data', dataDir, '--methods', 'arima']),
      (error: unknown) => isAppError(error) && error.code === 'INVALID_ARGUMENT',
    );
  });
});
