import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { registerBacktest } from '../../src/cli/commands/backtest.ts';
import { isAppError } from '../../src/core/errors.ts';
import { temporaryDirectory } from '../support/paths.ts';

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

  it('names the option to change when the window does not fit the series, and by how much', async () => {
    const refusal = async (args: string[]) => {
      let issue: { field?: string; message: string; hint?: string } | undefined;
      await assert.rejects(
        runBacktestCommand(['--data', dataDir, '--methods', 'snaive', ...args]),
        (error: unknown) => {
          issue = isAppError(error) ? error.issues[0] : undefined;
          return isAppError(error) && error.code === 'INVALID_ARGUMENT';
        },
      );
      return issue!;
    };
    // 71 quarters from 2008Q1 to 2025Q3; the first training window needs 16 of them.
    assert.deepEqual(await refusal(['--horizons', '50']), {
      field: '--horizons',
      message: "must be at most --origins (40): each origin's targets are in the window.",
      hint: 'Use --horizons 40 or fewer, or more --origins.',
    });
    const tooLong = await refusal(['--origins', '56']);
    assert.equal(tooLong.field, '--origins');
    assert.equal(tooLong.hint, 'Use --origins 55 or fewer, or an earlier --start.');
    await runBacktestCommand(['--data', dataDir, '--methods', 'snaive', '--origins', '55']);
    const late = await refusal(['--start', '2030Q1']);
    assert.equal(late.field, '--start');
    assert.equal(late.hint, 'Choose --start 2011Q4 or earlier, or fewer --origins.');
    await runBacktestCommand(['--data', dataDir, '--methods', 'snaive', '--start', '2011Q4']);
    // No start leaves room for 60 quarters and four years of training: fewer origins are named.
    assert.equal(
      (await refusal(['--start', '2022Q1', '--origins', '60'])).hint,
      'Choose an earlier --start and --origins 55 or fewer: the data hold 71 quarters.',
    );
    // A quarter later, the default window no longer fits, but a shorter one would.
    assert.equal(
      (await refusal(['--start', '2012Q1'])).hint,
      'Use --origins 39 or fewer, or an earlier --start.',
    );
  });

  it('points a folder of case data to --format canonical', async () => {
    const caseData = temporaryDirectory('case-data');
    writeFileSync(join(caseData, 'employees.csv'), 'employeeId\n');
    writeFileSync(join(caseData, 'episodes.csv'), 'episodeId\n');
    await assert.rejects(
      runBacktestCommand(['--data', caseData]),
      (error: unknown) =>
        isAppError(error) &&
        error.issues.some((i) => i.field === '--format' && i.hint === 'Add --format canonical.'),
    );
  });
});
