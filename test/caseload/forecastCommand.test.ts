import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { registerBacktest } from '../../src/cli/commands/backtest.ts';
import { registerForecast } from '../../src/cli/commands/forecast.ts';
import { weeksObservedBy } from '../../src/caseload/caseSnapshot.ts';
import { addDays } from '../../src/core/canonical/dates.ts';
import { isAppError } from '../../src/core/errors.ts';
import { readCanonicalDataset } from '../../src/sources/canonical/readCanonicalDataset.ts';
import { smallWorkforce } from '../support/workforce.ts';

const dataDir = await smallWorkforce({ employees: 1500, seed: 5 });

async function run(register: typeof registerForecast, args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  const chunks: string[] = [];
  register(program, { write: (text: string) => chunks.push(text) });
  await program.parseAsync(['node', 'absencelab', ...args]);
  return chunks.join('');
}

interface Quantiles {
  median: number;
  p10: number;
  p90: number;
  p2_5: number;
  p97_5: number;
}

test('absencelab forecast --json gives per group and week each measure and task with intervals', async () => {
  const out = JSON.parse(
    await run(registerForecast, [
      'forecast',
      '--data',
      dataDir,
      '--format',
      'canonical',
      '--as-of',
      '2025-06-30',
      '--horizon-weeks',
      '13',
      '--by',
      'team',
      '--simulations',
      '200',
      '--json',
    ]),
  ) as {
    asOf: string;
    groups: {
      group: string;
      weeks: {
        newReports: Quantiles;
        openCases: Quantiles;
        passing6Weeks: Quantiles;
        tasks: Record<string, Quantiles>;
      }[];
    }[];
    mergedGroups: string[];
    suppressedGroups: string[];
    method: { inflow: { name: string } };
  };
  assert.equal(out.asOf, '2025-06-30');
  assert.equal(out.groups.at(-1)?.group, 'total');
  for (const group of out.groups) assert.equal(group.weeks.length, 13);
  const week = out.groups.at(-1)!.weeks[0]!;
  assert.deepEqual(Object.keys(week.tasks).sort(), [
    'evaluation',
    'firstYearEvaluation',
    'planOfAction',
    'problemAnalysis',
    'uwvReport42Weeks',
    'wiaApplication',
  ]);
  assert.ok(week.openCases.median > 0);
  assert.ok(
    week.openCases.p2_5 <= week.openCases.p10 && week.openCases.p90 <= week.openCases.p97_5,
  );
  assert.equal(out.method.inflow.name, 'profile-share0.2');
});

test('absencelab forecast refuses an as-of date after the data', async () => {
  await assert.rejects(
    run(registerForecast, ['forecast', '--data', dataDir, '--as-of', '2031-01-01', '--json']),
    (error: unknown) => isAppError(error) && error.issues.some((i) => i.field === '--as-of'),
  );
});

test('absencelab backtest --format canonical --json scores each inflow method and names the selected one with its MASE', async () => {
  const out = JSON.parse(
    await run(registerBacktest, [
      'backtest',
      '--data',
      dataDir,
      '--format',
      'canonical',
      '--origins',
      '6',
      '--horizons',
      '4',
      '--simulations',
      '50',
      '--json',
    ]),
  ) as {
    methods: { method: string; scope: string; mase: number; maseByHorizon: number[] }[];
    selected: { method: string; mase: number };
    coverage: { measure: string; coverage80: number; coverage95: number }[];
    protocol: { origins: number; horizons: number };
  };
  assert.deepEqual(
    out.methods.map((m) => m.method),
    [
      'profile-share0.2',
      'profile-share0.1',
      'profile-ewma0.1',
      'profile-ewma0.03',
      'snaive',
      'mstl',
      'comb',
    ],
  );
  for (const method of out.methods) {
    assert.equal(method.maseByHorizon.length, 4);
    assert.ok(Number.isFinite(method.mase) && method.mase > 0, method.method);
  }
  assert.equal(out.selected.method, 'profile-share0.2');
  assert.equal(out.selected.mase, out.methods[0]!.mase);
  assert.deepEqual(out.protocol, { ...out.protocol, origins: 6, horizons: 4 });
  assert.ok(out.coverage.some((c) => c.measure === 'openCases'));
});

test('absencelab backtest --format canonical refuses origins that reach back before a year of records, saying how many fit', async () => {
  const args = ['backtest', '--data', dataDir, '--format', 'canonical', '--horizons', '4'];
  let hint = '';
  await assert.rejects(run(registerBacktest, [...args, '--origins', '500']), (error: unknown) => {
    const issue = isAppError(error) ? error.issues.find((i) => i.field === '--origins') : undefined;
    hint = issue?.hint ?? '';
    return isAppError(error) && error.code === 'INVALID_ARGUMENT';
  });
  const fitting = Number(/^Use --origins (\d+) or fewer\.$/.exec(hint)?.[1]);
  assert.ok(fitting > 0, hint);
  // The first of that many origins has exactly the year and a week the MASE scale needs.
  const dataset = await readCanonicalDataset(dataDir);
  const firstOrigin = (origins: number) =>
    addDays(dataset.observedUntil, -7 * 4 - 7 * (origins - 1));
  const weeks = (origins: number) =>
    weeksObservedBy(dataset.episodes, firstOrigin(origins), dataset.observedFrom);
  assert.equal(weeks(fitting), 53);
  await assert.rejects(
    run(registerBacktest, [...args, '--origins', String(fitting + 1)]),
    (error: unknown) => isAppError(error) && error.message.includes('has 52 weeks'),
  );
});

test('absencelab backtest --format canonical names --horizons when even the last origin lacks a year of records', async () => {
  const args = ['backtest', '--data', dataDir, '--format', 'canonical', '--origins', '1'];
  let hint = '';
  await assert.rejects(run(registerBacktest, [...args, '--horizons', '150']), (error: unknown) => {
    hint = isAppError(error)
      ? (error.issues.find((i) => i.field === '--horizons')?.hint ?? '')
      : '';
    return isAppError(error) && error.code === 'INVALID_ARGUMENT';
  });
  const longest = Number(/^Use --horizons (\d+) or fewer\.$/.exec(hint)?.[1]);
  const dataset = await readCanonicalDataset(dataDir);
  const weeksBeforeLast = (horizons: number) =>
    weeksObservedBy(
      dataset.episodes,
      addDays(dataset.observedUntil, -7 * horizons),
      dataset.observedFrom,
    );
  assert.equal(weeksBeforeLast(longest), 53, hint);
  assert.equal(weeksBeforeLast(longest + 1), 52);
});

test('absencelab backtest --format canonical leaves out default methods the records are too short for, and refuses chosen ones', async () => {
  // 60 weeks ahead: the one origin has under two years of records, too few for MSTL.
  const args = ['backtest', '--data', dataDir, '--format', 'canonical', '--origins', '1'];
  const common = [...args, '--horizons', '60', '--simulations', '20', '--json'];
  const out = JSON.parse(await run(registerBacktest, common)) as {
    methods: { method: string }[];
    protocol: { leftOutMethods: string[] };
  };
  assert.deepEqual(out.protocol.leftOutMethods, ['mstl', 'comb']);
  assert.ok(!out.methods.some((m) => m.method === 'mstl' || m.method === 'comb'));
  await assert.rejects(
    run(registerBacktest, [...common, '--methods', 'profile-share0.2,mstl']),
    (error: unknown) =>
      isAppError(error) &&
      error.issues.some((i) => i.field === '--methods' && i.hint === 'Leave out mstl.'),
  );
  // A first method other than the one forecast uses is scored, and said to be.
  const snaive = JSON.parse(
    await run(registerBacktest, [
      ...args,
      '--horizons',
      '4',
      '--simulations',
      '20',
      '--json',
      '--methods',
      'snaive',
    ]),
  ) as { selected: { method: string; rule: string } };
  assert.equal(snaive.selected.method, 'snaive');
  assert.match(snaive.selected.rule, /^the first of --methods; .*forecast uses profile-share0\.2/);
});
