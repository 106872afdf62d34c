import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayNumber } from '../../src/core/canonical/dates.ts';
import type { Employee } from '../../src/core/canonical/employee.ts';
import type { Episode } from '../../src/core/canonical/episode.ts';
import {
  backtestCaseload,
  caseloadTruth,
  forecastCaseload,
  isEmployedOn,
  measureNames,
  taskKinds,
  totalGroupName,
  type CaseloadForecast,
} from '../../src/caseload/index.ts';
import {
  caseSnapshot,
  employeesEmployedAt,
  weeksObservedBy,
} from '../../src/caseload/caseSnapshot.ts';
import { inflowMethods, type InflowInput } from '../../src/caseload/inflowMethods.ts';
import { isAppError } from '../../src/core/errors.ts';
import { readCanonicalDataset } from '../../src/sources/canonical/readCanonicalDataset.ts';
import { smallWorkforce } from '../support/workforce.ts';

const dataset = await readCanonicalDataset(await smallWorkforce({ employees: 3000, seed: 11 }));
const asOf = addDays(dataset.observedUntil, -120);
const baseOptions = {
  asOf,
  groupBy: 'team' as const,
  minGroupSize: 10,
  smallGroups: 'merge' as const,
  horizonWeeks: 13,
  simulations: 300,
  seed: 1,
  observedFrom: dataset.observedFrom,
};

const forecast = forecastCaseload(dataset.employees, dataset.episodes, baseOptions);

function totalOf(result: CaseloadForecast) {
  return result.groups.find((g) => g.group === totalGroupName)!;
}

test('forecastCaseload gives every group and week each measure as ordered quantiles', () => {
  assert.equal(forecast.asOf, asOf);
  assert.ok(forecast.groups.length >= 2, 'teams and the total');
  assert.equal(forecast.groups.at(-1)!.group, totalGroupName);
  for (const group of forecast.groups) {
    assert.equal(group.weeks.length, 13);
    group.weeks.forEach((week, h) => {
      assert.equal(week.week, h + 1);
      assert.equal(week.weekStart, addDays(asOf, 1 + 7 * h));
      for (const measure of measureNames) {
        const q =
          measure in week.tasks
            ? week.tasks[measure as (typeof taskKinds)[number]]
            : week[measure as 'newReports'];
        assert.ok(q.p2_5 <= q.p10 && q.p10 <= q.median, `${group.group} ${measure} ${h}`);
        assert.ok(q.median <= q.p90 && q.p90 <= q.p97_5, `${group.group} ${measure} ${h}`);
        assert.ok(q.p2_5 >= 0);
      }
    });
  }
});

test('forecastCaseload sums the groups to about the total and starts from the cases open today', () => {
  const total = totalOf(forecast);
  const teams = forecast.groups.filter((g) => g.group !== totalGroupName);
  const openToday = dataset.episodes.filter(
    (e) =>
      e.kind === 'sickness' &&
      e.startDate !== undefined &&
      e.startDate <= asOf &&
      (e.endDate == null || e.endDate > asOf),
  ).length;
  assert.equal(total.openAtAsOf, openToday);
  assert.equal(
    teams.reduce((sum, g) => sum + g.openAtAsOf, 0),
    openToday,
  );
  const medianSum = teams.reduce((sum, g) => sum + g.weeks[0]!.newReports.median, 0);
  const totalMedian = total.weeks[0]!.newReports.median;
  assert.ok(
    Math.abs(medianSum - totalMedian) <= 0.25 * totalMedian + teams.length,
    `${medianSum} vs ${totalMedian}`,
  );
  // Open cases fade as today's cases recover and new ones only partly take their place.
  assert.ok(total.weeks[0]!.openCases.median <= openToday + total.weeks[0]!.newReports.p97_5);
});

test('forecastCaseload counts a year of duration experience and reports the open-case error it learned', () => {
  assert.equal(forecast.method.durationWindowDays, 365);
  const error = forecast.method.openCaseError;
  assert.ok(error.origins > 0, `${error.origins} origins`);
  assert.equal(error.logBiasByWeek.length, 13);
  assert.equal(error.logSdByWeek.length, 13);
  assert.ok(error.logSdByWeek.every((sd) => Number.isFinite(sd) && sd >= 0));
  assert.ok(error.logBiasByWeek.every((bias) => Math.abs(bias) < 0.5));

  // A window that holds no duration the 13 weeks need, and one too short to mean anything.
  const short = forecastCaseload(dataset.employees, dataset.episodes, {
    ...baseOptions,
    durationWindowDays: 28,
  });
  assert.equal(short.method.durationWindowDays, 28);
  assert.notDeepEqual(totalOf(short).weeks, totalOf(forecast).weeks);
  assert.throws(
    () =>
      forecastCaseload(dataset.employees, dataset.episodes, {
        ...baseOptions,
        durationWindowDays: 7,
      }),
    /cannot run/,
  );
});

test('forecastCaseload merges or suppresses groups below the minimum size and says which', () => {
  // Team sizes on the as-of day: a threshold at the median makes about half the teams small.
  // Teams of everyone hired by then count, even when nobody in them is employed any more.
  const sizes = new Map<string, number>();
  for (const e of dataset.employees) {
    if (e.team === undefined || (e.employmentStartDate ?? '') > asOf) continue;
    const employed = isEmployedOn(e, asOf) ? 1 : 0;
    sizes.set(e.team, (sizes.get(e.team) ?? 0) + employed);
  }
  const sorted = [...sizes.values()].sort((a, b) => a - b);
  const minGroupSize = sorted[Math.floor(sorted.length / 2)]! + 1;
  const small = [...sizes.keys()].filter((team) => sizes.get(team)! < minGroupSize).sort();
  assert.ok(small.length >= 2, `${small.length} small teams`);

  const merged = forecastCaseload(dataset.employees, dataset.episodes, {
    ...baseOptions,
    minGroupSize,
  });
  assert.deepEqual(merged.mergedGroups, small);
  assert.deepEqual(merged.suppressedGroups, []);
  const shown = merged.groups.map((g) => g.group);
  assert.ok(shown.includes('other'), 'the merged group is shown');
  assert.ok(
    small.every((team) => !shown.includes(team)),
    'no small team is shown on its own',
  );
  const other = merged.groups.find((g) => g.group === 'other')!;
  assert.equal(
    other.employees,
    small.reduce((sum, team) => sum + sizes.get(team)!, 0),
  );

  const suppressed = forecastCaseload(dataset.employees, dataset.episodes, {
    ...baseOptions,
    minGroupSize,
    smallGroups: 'suppress',
  });
  assert.deepEqual(suppressed.suppressedGroups, small);
  assert.ok(
    suppressed.groups.every((g) => g.group !== 'other' && !small.includes(g.group)),
    'suppressed teams appear nowhere but in the total',
  );
  // Suppressed groups still count in the total.
  assert.equal(totalOf(suppressed).openAtAsOf, totalOf(forecast).openAtAsOf);
});

test('forecastCaseload does not change when records after the as-of day are added or changed', () => {
  const shifted: Episode[] = dataset.episodes.map((e) => {
    if (e.startDate !== undefined && e.startDate > asOf)
      return { ...e, startDate: addDays(e.startDate, 3) };
    if (e.endDate != null && e.endDate > asOf)
      return { ...e, endDate: addDays(e.endDate, 40), durationDays: undefined } as Episode;
    return e;
  });
  const future: Episode = {
    ...dataset.episodes[0]!,
    episodeId: 'later-report',
    startDate: addDays(asOf, 2),
    endDate: null,
  } as Episode;
  const again = forecastCaseload(dataset.employees, [...shifted, future], baseOptions);
  assert.deepEqual(again.groups, forecast.groups);
});

test('backtestCaseload: the chosen inflow beats seasonal naive and the open-case intervals hold about as often as they say', () => {
  const result = backtestCaseload(dataset.employees, dataset.episodes, {
    observedUntil: dataset.observedUntil,
    observedFrom: dataset.observedFrom,
    origins: 12,
    horizonWeeks: 8,
    groupBy: 'total',
    minGroupSize: 10,
    smallGroups: 'merge',
    simulations: 200,
    seed: 3,
  });
  assert.equal(result.originDates.length, 12);
  const mase = (name: string) =>
    result.inflow.find((s) => s.method === name && s.scope === 'total')!.mase;
  assert.ok(
    mase('profile-share0.2') < mase('snaive'),
    `${mase('profile-share0.2')} vs ${mase('snaive')}`,
  );
  const open = result.coverage.find((c) => c.measure === 'openCases' && c.scope === 'total')!;
  // 12 overlapping origins of a small workforce: loose bounds, yet far from 0 or 1.
  assert.ok(open.coverage80 > 0.6 && open.coverage80 < 0.97, `80 %: ${open.coverage80}`);
  assert.ok(open.coverage95 > 0.8, `95 %: ${open.coverage95}`);
  assert.ok(open.coverage95 >= open.coverage80);
  // Every measure the forecast gives is scored, against counts of the complete records.
  assert.deepEqual(
    result.coverage.map((c) => c.measure),
    ['openCases', 'newReports', 'passing6Weeks', ...taskKinds],
  );
  const passing = result.coverage.find((c) => c.measure === 'passing6Weeks')!;
  assert.ok(passing.coverage80 > 0.5 && passing.coverage80 < 1, `80 %: ${passing.coverage80}`);
  assert.ok(passing.meanAbsoluteErrorByHorizon.every((e) => e > 0 && e < 10));
});

test('backtestCaseload compares the inflow methods on the origins where each has its history', () => {
  const options = {
    observedUntil: dataset.observedUntil,
    observedFrom: dataset.observedFrom,
    origins: 5,
    horizonWeeks: 4,
    groupBy: 'total' as const,
    minGroupSize: 10,
    smallGroups: 'merge' as const,
    simulations: 50,
    seed: 3,
  };
  const lastOrigin = addDays(dataset.observedUntil, -7 * 4);
  const firstOrigin = addDays(lastOrigin, -7 * 4);
  const firstWeeks = weeksObservedBy(dataset.episodes, firstOrigin, dataset.observedFrom);
  // Two weeks more than the first origin has: the first two origins cannot serve it.
  const late = { ...inflowMethods[4]!, name: 'snaive-late', minHistoryWeeks: firstWeeks + 2 };
  const result = backtestCaseload(dataset.employees, dataset.episodes, {
    ...options,
    methods: [inflowMethods[0]!, late],
  });
  assert.equal(result.originDates.length, 5);
  assert.equal(result.firstInflowOrigin, result.originDates[2]);
  assert.deepEqual(
    result.inflow.map((s) => [s.method, s.originCount]),
    [
      ['profile-share0.2', 3],
      ['snaive-late', 3],
    ],
  );
  // A method that needs no more than the first origin has is run, in the error spread too,
  // only on histories at least that long.
  const strict = {
    ...inflowMethods[0]!,
    name: 'strict',
    minHistoryWeeks: firstWeeks,
    forecast(input: InflowInput) {
      assert.ok(input.weekEndDays.length >= firstWeeks, `${input.weekEndDays.length} weeks`);
      return inflowMethods[0]!.forecast(input);
    },
  };
  const strictFirst = backtestCaseload(dataset.employees, dataset.episodes, {
    ...options,
    origins: 2,
    methods: [strict],
  });
  assert.equal(strictFirst.inflow[0]!.originCount, 2);
  // Comparing with a method that no origin can serve is refused, naming it.
  const never = { ...late, name: 'never', minHistoryWeeks: firstWeeks + 100 };
  assert.throws(
    () =>
      backtestCaseload(dataset.employees, dataset.episodes, {
        ...options,
        methods: [inflowMethods[0]!, late, never],
      }),
    (error: unknown) =>
      isAppError(error) &&
      error.issues.some((i) => i.field === '--methods' && i.hint === 'Leave out never.'),
  );
  // Chosen first, it would be the forecast's method too, at origins that cannot serve it.
  assert.throws(
    () => backtestCaseload(dataset.employees, dataset.episodes, { ...options, methods: [late] }),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'INVALID_ARGUMENT' &&
      error.issues.some(
        (i) =>
          i.field === '--origins' &&
          i.hint === 'Use --origins 3 or fewer, or --horizons 2 or fewer.',
      ),
  );
});

test('forecastCaseload refuses an inflow method that needs more history than the as-of date has', () => {
  const weeks = weeksObservedBy(dataset.episodes, asOf, dataset.observedFrom);
  const method = { ...inflowMethods[0]!, minHistoryWeeks: weeks + 1 };
  assert.throws(
    () =>
      forecastCaseload(dataset.employees, dataset.episodes, {
        ...baseOptions,
        inflowMethod: method,
      }),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'INVALID_ARGUMENT' &&
      error.message.includes(`needs ${weeks + 1} weeks`) &&
      error.issues.some((i) => i.field === 'inflowMethod'),
  );
  assert.doesNotThrow(() =>
    forecastCaseload(dataset.employees, dataset.episodes, {
      ...baseOptions,
      simulations: 20,
      inflowMethod: { ...method, minHistoryWeeks: weeks },
    }),
  );
});

test('forecastCaseload refuses an as-of date less than a week after the records begin', () => {
  assert.throws(
    () =>
      forecastCaseload(dataset.employees, dataset.episodes, {
        ...baseOptions,
        asOf: addDays(dataset.observedFrom, 5),
      }),
    (error: unknown) =>
      isAppError(error) &&
      error.code === 'INVALID_ARGUMENT' &&
      error.issues.some((i) => i.field === '--as-of'),
  );
});

test('employeesEmployedAt counts from the start date up to the day before the end date', () => {
  const weekEnds = [dayNumber('2024-01-07'), dayNumber('2024-01-14'), dayNumber('2024-01-21')];
  const employee = (start?: string, end?: string | null): Employee =>
    ({
      employeeId: `E-${start ?? 'none'}-${end ?? 'none'}`,
      ...(start === undefined ? {} : { employmentStartDate: start }),
      ...(end === undefined ? {} : { employmentEndDate: end }),
    }) as Employee;
  const count = (e: Employee) => Array.from(employeesEmployedAt([e], weekEnds));
  assert.deepEqual(count(employee()), [1, 1, 1]);
  assert.deepEqual(count(employee('2024-01-07')), [1, 1, 1]); // starts on a week's last day
  assert.deepEqual(count(employee('2024-01-08')), [0, 1, 1]);
  assert.deepEqual(count(employee('2023-01-01', '2024-01-14')), [1, 0, 0]); // ends that day
  assert.deepEqual(count(employee('2023-01-01', '2024-01-15')), [1, 1, 0]);
  assert.deepEqual(count(employee('2024-01-08', '2024-01-13')), [0, 0, 0]); // within a week
  assert.deepEqual(count(employee('2025-01-01', null)), [0, 0, 0]);
});

test('caseSnapshot counts the employees employed at the end of each history week', () => {
  const snapshot = caseSnapshot(dataset.employees, dataset.episodes, baseOptions);
  assert.equal(snapshot.employeesByWeek.length, snapshot.weekEndDays.length);
  snapshot.weekEndDays.forEach((day, t) => {
    const date = addDays('1970-01-01', day);
    const employed = dataset.employees.filter((e) => isEmployedOn(e, date)).length;
    assert.equal(snapshot.employeesByWeek[t], employed, date);
  });
  // The synthetic workforce shrinks over the years: the count is not a constant.
  assert.ok(snapshot.employeesByWeek[0]! > snapshot.employeesByWeek.at(-1)!);
});

test("caseSnapshot keeps, per sick report of the last year, its chain's earlier sick days", () => {
  const snapshot = caseSnapshot(dataset.employees, dataset.episodes, baseOptions);
  const yearBefore = addDays(asOf, -7 * 52);
  const recent = dataset.episodes.filter(
    (e) => e.kind === 'sickness' && e.startDate! > yearBefore && e.startDate! <= asOf,
  );
  assert.equal(snapshot.recentPriorChainDays.length, recent.length);
  const relapses = recent.filter((e) => e.linkedToEpisodeId != null).length;
  const continued = snapshot.recentPriorChainDays.filter((days) => days > 0).length;
  // A linked report continues a chain whose earlier episodes ended before it.
  assert.ok(continued > 0 && continued <= relapses, `${continued} of ${relapses}`);
});

test('forecastCaseload says what records too short to learn from leave out of the intervals', () => {
  assert.deepEqual(forecast.warnings, []);
  const early = forecastCaseload(dataset.employees, dataset.episodes, {
    ...baseOptions,
    asOf: addDays(dataset.observedFrom, 60),
    simulations: 20,
  });
  assert.equal(early.warnings.length, 3);
  assert.match(early.warnings[0]!, /^Less than a year of records/);
  assert.equal(early.method.openCaseError.origins, 0);
});

test('caseloadTruth counts each step in the week it falls, continuing chains, on the complete records', () => {
  const asOfDay = dayNumber('2024-06-02');
  const on = (days: number) => addDays('2024-06-02', days);
  const episode = (id: string, start: number, end: number | null, linkedTo?: string): Episode =>
    ({
      episodeId: id,
      employeeId: 'E1',
      kind: 'sickness',
      startDate: on(start),
      startMonth: on(start).slice(0, 7),
      endDate: end === null ? null : on(end),
      ...(linkedTo === undefined ? {} : { linkedToEpisodeId: linkedTo }),
    }) as Episode;
  const truth = caseloadTruth([
    episode('open', -20, null), // day 42 of its own is day 22 after as-of: week 4
    episode('first', -60, -20), // 40 sick days, ended before as-of
    episode('relapse', 3, 30, 'first'), // continues: its day 2 is the chain's day 42, day 5: week 1
    episode('ended', -50, 0), // ended on the as-of day: nothing ahead
  ]);
  const steps = truth.steps(asOfDay, 8, 1, () => 0)[0]!;
  const passing = measureNames.indexOf('passing6Weeks');
  assert.deepEqual(
    Array.from(steps.subarray(passing * 8, passing * 8 + 8)),
    [1, 0, 0, 1, 0, 0, 0, 0],
  );
});
