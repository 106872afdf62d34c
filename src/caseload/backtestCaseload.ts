import { addDays, dayNumber } from '../core/canonical/dates.ts';
import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import { AppError } from '../core/errors.ts';
import { seasonalNaiveScale } from '../forecast/meanAbsoluteScaledError.ts';
import { caseSnapshot, priorChainDaysOf, weeksObservedBy } from './caseSnapshot.ts';
import { addMilestones, measureNames, taskKinds } from './poortwachterMilestones.ts';
import type { QuantileSummary } from './quantileSummary.ts';
import type { GroupingKey, SmallGroupPolicy } from './caseloadGroups.ts';
import {
  forecastCaseload,
  inflowInputOf,
  totalGroupName,
  type WeekForecast,
} from './forecastCaseload.ts';
import { inflowMethods, totalOf, weeksPerYear, type InflowMethod } from './inflowMethods.ts';

export interface CaseloadBacktestOptions {
  /** The last day of the complete data: the last origin's targets end on or before it. */
  readonly observedUntil: string;
  readonly observedFrom?: string;
  /** Weekly origins, the last one `horizonWeeks` weeks before `observedUntil`. */
  readonly origins: number;
  readonly horizonWeeks: number;
  readonly groupBy: GroupingKey;
  readonly minGroupSize: number;
  readonly smallGroups: SmallGroupPolicy;
  readonly simulations: number;
  readonly seed: number;
  readonly methods?: readonly InflowMethod[];
  /**
   * Leave out, and name in `leftOutMethods`, the methods after the first that no origin has the
   * history for, instead of refusing: for a default list the user did not choose.
   */
  readonly leaveOutShortMethods?: boolean;
}

export interface InflowScore {
  readonly method: string;
  /** How many origins every method was scored on: those with the history each needs. */
  readonly originCount: number;
  /** total: the sum over groups against the total; groups: each shown group on its own. */
  readonly scope: 'total' | 'groups';
  readonly mase: number;
  readonly maseByHorizon: readonly number[];
}

export interface CoverageScore {
  readonly measure: string;
  readonly scope: 'total' | 'groups';
  readonly coverage80: number;
  readonly coverage95: number;
  readonly coverage80ByHorizon: readonly number[];
  readonly coverage95ByHorizon: readonly number[];
  /** Mean absolute error of the median, in cases, per week ahead. */
  readonly meanAbsoluteErrorByHorizon: readonly number[];
  /** Mean of median forecast minus actual: above 0 the forecast ran high. */
  readonly meanErrorByHorizon: readonly number[];
}

export interface CaseloadBacktest {
  /** The weekly origins; the intervals are scored at every one. */
  readonly originDates: readonly string[];
  /** The first origin at which every inflow method had its history, and so was scored. */
  readonly firstInflowOrigin: string;
  /** Methods left out because no origin had the history they need (leaveOutShortMethods). */
  readonly leftOutMethods: readonly string[];
  readonly horizonWeeks: number;
  readonly inflow: readonly InflowScore[];
  readonly coverage: readonly CoverageScore[];
}

/**
 * Rolling-origin evaluation of the case-data forecast (Tashman 2000): at each weekly origin the
 * forecast sees only what was known then (caseSnapshot) and is scored against the complete
 * records: the inflow methods by MASE per week ahead (scaled by each series' in-sample
 * seasonal naive error, lag 52 weeks), and the chosen forecast's intervals by how often they
 * hold the actual new reports, open cases, cases passing 6 weeks and each step due (counted on
 * the complete records with the chains' earlier sick days, as the simulation counts). The
 * methods are compared on the origins where each has the history it needs (MSTL two years), so
 * on the same weeks; the intervals at every origin. Refused when the first origin has less than
 * the chosen method needs, saying which option to change and to what.
 */
export function backtestCaseload(
  employees: readonly Employee[],
  episodes: readonly Episode[],
  options: CaseloadBacktestOptions,
): CaseloadBacktest {
  const horizon = options.horizonWeeks;
  const requested = options.methods ?? inflowMethods;
  const lastOrigin = addDays(options.observedUntil, -7 * horizon);
  const originDates = Array.from({ length: options.origins }, (_, i) =>
    addDays(lastOrigin, -7 * (options.origins - 1 - i)),
  );
  const scaleWeeks = weeksPerYear + 1;
  // Each origin has a week more than the one before it.
  const lastWeeks = weeksObservedBy(episodes, lastOrigin, options.observedFrom);
  const firstWeeks = lastWeeks - (options.origins - 1);
  const chosen = requested[0];
  const forecastWeeks = Math.max(scaleWeeks, chosen?.minHistoryWeeks ?? 0);
  const why =
    'the MASE scale compares each week with the same week a year before' +
    (forecastWeeks > scaleWeeks ? `, and ${chosen!.name} needs ${forecastWeeks}` : '');
  // What fits: the longest horizon with one origin and with all of them, the most origins.
  const longestAlone = lastWeeks + horizon - forecastWeeks;
  const longest = longestAlone - (options.origins - 1);
  const mostOrigins = lastWeeks - forecastWeeks + 1;
  if (lastWeeks < forecastWeeks) {
    // Not even the last origin: the horizon leaves too little before it.
    throw new AppError(
      'INVALID_ARGUMENT',
      `The last origin, ${horizon} week${horizon === 1 ? '' : 's'} before the end of the ` +
        `records, has ${Math.max(0, lastWeeks)} weeks of records before it; the backtest ` +
        `needs ${forecastWeeks} (${why}).`,
      [
        {
          field: '--horizons',
          message: 'leaves too little history before the last origin.',
          hint:
            longest >= 1
              ? `Use --horizons ${longest} or fewer` +
                (options.origins > 1 ? ', or fewer --origins.' : '.')
              : longestAlone >= 1
                ? `Use --origins 1 and --horizons ${longestAlone} or fewer.`
                : `The records need ${forecastWeeks + 1} weeks or more.`,
        },
      ],
    );
  }
  if (firstWeeks < forecastWeeks) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The first of ${options.origins} weekly origins has ${Math.max(0, firstWeeks)} weeks ` +
        `of records before it; the backtest needs ${forecastWeeks} (${why}).`,
      [
        {
          field: '--origins',
          message: 'reaches back too far for the records.',
          hint:
            `Use --origins ${mostOrigins} or fewer` +
            (longest >= 1 ? `, or --horizons ${longest} or fewer.` : '.'),
        },
      ],
    );
  }
  const isShort = (m: InflowMethod) => (m.minHistoryWeeks ?? 0) > lastWeeks;
  const leftOutMethods =
    options.leaveOutShortMethods === true
      ? requested.filter((m, i) => i > 0 && isShort(m)).map((m) => m.name)
      : [];
  const methods = requested.filter((m) => !leftOutMethods.includes(m.name));
  // Methods are compared on the same origins: those where every one has its history.
  const comparedWeeks = Math.max(scaleWeeks, ...methods.map((m) => m.minHistoryWeeks ?? 0));
  const firstCompared = Math.max(0, comparedWeeks - firstWeeks);
  if (firstCompared >= options.origins) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `No origin has the ${comparedWeeks} weeks of records every inflow method needs.`,
      [
        {
          field: '--methods',
          message: 'includes a method that needs more history than the records hold.',
          hint: `Leave out ${methods
            .filter(isShort)
            .map((m) => m.name)
            .join(', ')}.`,
        },
      ],
    );
  }
  const truth = caseloadTruth(episodes);

  const inflowSums = methods.map(() => ({
    total: new Float64Array(horizon),
    totalCount: 0,
    groups: new Float64Array(horizon),
    groupCount: 0,
  }));
  const coverage = new Map<string, CoverageTally>();
  const tally = (key: string) => {
    let found = coverage.get(key);
    if (found === undefined) {
      found = newTally(horizon);
      coverage.set(key, found);
    }
    return found;
  };

  originDates.forEach((asOf, originIndex) => {
    const groupOptions = { ...options, asOf };
    const snapshot = caseSnapshot(employees, episodes, groupOptions);
    const asOfDay = snapshot.asOfDay;
    const shown = snapshot.groups.names.length;
    const unitOfEmployee = (id: string) => {
      const index = snapshot.groups.groupOf.get(id) ?? -1;
      return index === -1 ? snapshot.unitCount - 1 : index;
    };
    const actualInflow = truth.inflow(asOfDay, horizon, snapshot.unitCount, unitOfEmployee);
    const actualTotal = Float64Array.from({ length: horizon }, (_, h) =>
      actualInflow.reduce((sum, unit) => sum + unit[h]!, 0),
    );

    // Step 1: every inflow method on the same snapshot.
    const input = inflowInputOf(snapshot, horizon);
    const totalScale = seasonalNaiveScale(Array.from(totalOf(input)), weeksPerYear);
    const unitScales = snapshot.inflowByUnit.map((unit) =>
      seasonalNaiveScale(Array.from(unit), weeksPerYear),
    );
    methods.forEach((method, m) => {
      if (originIndex < firstCompared) return;
      const forecast = method.forecast(input);
      const sums = inflowSums[m]!;
      for (let h = 0; h < horizon; h++) {
        const predicted = forecast.meanByUnit.reduce((sum, unit) => sum + unit[h]!, 0);
        sums.total[h] = sums.total[h]! + Math.abs(actualTotal[h]! - predicted) / totalScale;
      }
      sums.totalCount++;
      for (let u = 0; u < shown; u++) {
        const scale = unitScales[u]!;
        if (!(scale > 0)) continue;
        for (let h = 0; h < horizon; h++) {
          const error = Math.abs(actualInflow[u]![h]! - forecast.meanByUnit[u]![h]!);
          sums.groups[h] = sums.groups[h]! + error / scale;
        }
        sums.groupCount++;
      }
    });

    // Step 2: the full forecast, and its intervals against what happened.
    const forecast = forecastCaseload(employees, episodes, {
      ...groupOptions,
      horizonWeeks: horizon,
      simulations: options.simulations,
      seed: options.seed + originIndex,
      ...(options.methods === undefined ? {} : { inflowMethod: options.methods[0]! }),
    });
    const actualOpen = truth.open(asOfDay, horizon, snapshot.unitCount, unitOfEmployee);
    const actualSteps = truth.steps(asOfDay, horizon, snapshot.unitCount, unitOfEmployee);
    forecast.groups.forEach((group) => {
      const isTotal =
        group.group === totalGroupName && options.groupBy !== 'total'
          ? true
          : group.group === totalGroupName;
      const unit = isTotal ? -1 : snapshot.groups.names.indexOf(group.group);
      const scope = isTotal ? 'total' : 'groups';
      const openActual = (h: number) =>
        unit === -1 ? actualOpen.reduce((s, u) => s + u[h]!, 0) : actualOpen[unit]![h]!;
      const inflowActual = (h: number) => (unit === -1 ? actualTotal[h]! : actualInflow[unit]![h]!);
      addWeeks(tally(`openCases/${scope}`), group.weeks, (w) => w.openCases, openActual);
      addWeeks(tally(`newReports/${scope}`), group.weeks, (w) => w.newReports, inflowActual);
      // The steps due, counted on the complete records as the simulation counts them.
      for (const measure of ['passing6Weeks', ...taskKinds] as const) {
        const index = measureNames.indexOf(measure);
        const stepActual = (h: number) =>
          unit === -1
            ? actualSteps.reduce((sum, counts) => sum + counts[index * horizon + h]!, 0)
            : actualSteps[unit]![index * horizon + h]!;
        const summary = (w: WeekForecast) =>
          measure === 'passing6Weeks' ? w.passing6Weeks : w.tasks[measure];
        addWeeks(tally(`${measure}/${scope}`), group.weeks, summary, stepActual);
      }
    });
  });

  const inflow: InflowScore[] = methods.flatMap((method, m) => {
    const sums = inflowSums[m]!;
    const total = Array.from(sums.total, (sum) => sum / sums.totalCount);
    const groups = Array.from(sums.groups, (sum) => sum / Math.max(sums.groupCount, 1));
    const originCount = sums.totalCount;
    const entries: InflowScore[] = [
      { method: method.name, originCount, scope: 'total', mase: mean(total), maseByHorizon: total },
    ];
    if (options.groupBy !== 'total') {
      entries.push({
        method: method.name,
        originCount,
        scope: 'groups',
        mase: mean(groups),
        maseByHorizon: groups,
      });
    }
    return entries;
  });
  const scores = [...coverage.entries()].map(([key, t]) => scoreOf(key, t));
  return {
    originDates,
    firstInflowOrigin: originDates[firstCompared]!,
    leftOutMethods,
    horizonWeeks: horizon,
    inflow,
    coverage: scores,
  };
}

interface CoverageTally {
  hits80: Float64Array;
  hits95: Float64Array;
  absoluteErrors: Float64Array;
  errors: Float64Array;
  count: number;
}

function newTally(horizon: number): CoverageTally {
  return {
    hits80: new Float64Array(horizon),
    hits95: new Float64Array(horizon),
    absoluteErrors: new Float64Array(horizon),
    errors: new Float64Array(horizon),
    count: 0,
  };
}

function addWeeks(
  tally: CoverageTally,
  weeks: readonly WeekForecast[],
  summaryOf: (week: WeekForecast) => QuantileSummary,
  actualAt: (h: number) => number,
): void {
  weeks.forEach((week, h) => {
    const q = summaryOf(week);
    const actual = actualAt(h);
    if (actual >= q.p10 && actual <= q.p90) tally.hits80[h] = tally.hits80[h]! + 1;
    if (actual >= q.p2_5 && actual <= q.p97_5) tally.hits95[h] = tally.hits95[h]! + 1;
    tally.absoluteErrors[h] = tally.absoluteErrors[h]! + Math.abs(actual - q.median);
    tally.errors[h] = tally.errors[h]! + q.median - actual;
  });
  tally.count++;
}

function scoreOf(key: string, tally: CoverageTally): CoverageScore {
  const [measure, scope] = key.split('/') as [string, 'total' | 'groups'];
  const per = (values: Float64Array) => Array.from(values, (v) => v / tally.count);
  const coverage80ByHorizon = per(tally.hits80);
  const coverage95ByHorizon = per(tally.hits95);
  return {
    measure,
    scope,
    coverage80: mean(coverage80ByHorizon),
    coverage95: mean(coverage95ByHorizon),
    coverage80ByHorizon,
    coverage95ByHorizon,
    meanAbsoluteErrorByHorizon: per(tally.absoluteErrors),
    meanErrorByHorizon: per(tally.errors),
  };
}

/**
 * The complete records, for the truth at each origin: reports per week, cases open, and the
 * cases passing 6 weeks and steps due, per unit (`unitOf` an employee id) and week ahead.
 */
export function caseloadTruth(episodes: readonly Episode[]) {
  const sickness = episodes.filter(
    (e): e is Episode & { startDate: string } => e.kind === 'sickness' && e.startDate !== undefined,
  );
  const starts = Int32Array.from(sickness, (e) => dayNumber(e.startDate));
  const ends = Float64Array.from(sickness, (e) =>
    e.endDate == null ? Infinity : dayNumber(e.endDate),
  );
  const employeeIds = sickness.map((e) => e.employeeId);
  if (sickness.length === 0) {
    throw new AppError('INVALID_INPUT', 'The backtest needs sick reports with dates.');
  }
  // Sick days of the earlier episodes of each one's chain, all of them known in the end.
  const byId = new Map(sickness.map((e) => [e.episodeId, e]));
  const priorChainDays = Int32Array.from(sickness, (e) => priorChainDaysOf(e, byId, '9999-12-31'));
  const perUnit = (unitCount: number, horizon: number) =>
    Array.from({ length: unitCount }, () => new Float64Array(horizon));
  return {
    inflow(asOfDay: number, horizon: number, unitCount: number, unitOf: (id: string) => number) {
      const out = perUnit(unitCount, horizon);
      for (let i = 0; i < starts.length; i++) {
        const offset = starts[i]! - asOfDay;
        if (offset < 1 || offset > 7 * horizon) continue;
        const row = out[unitOf(employeeIds[i]!)]!;
        const h = Math.ceil(offset / 7) - 1;
        row[h] = row[h]! + 1;
      }
      return out;
    },
    /** Per unit, the passing of 6 weeks and each step due per week ahead, as addMilestones. */
    steps(asOfDay: number, horizon: number, unitCount: number, unitOf: (id: string) => number) {
      const out = Array.from(
        { length: unitCount },
        () => new Int32Array(measureNames.length * horizon),
      );
      for (let i = 0; i < starts.length; i++) {
        const start = starts[i]!;
        const end = ends[i]!;
        if (start > asOfDay + 7 * horizon || end <= asOfDay) continue;
        const counts = out[unitOf(employeeIds[i]!)]!;
        addMilestones(counts, horizon, start - asOfDay, end - start, priorChainDays[i]!);
      }
      return out;
    },
    open(asOfDay: number, horizon: number, unitCount: number, unitOf: (id: string) => number) {
      const out = perUnit(unitCount, horizon);
      for (let i = 0; i < starts.length; i++) {
        const start = starts[i]!;
        const end = ends[i]!;
        if (start > asOfDay + 7 * horizon || end <= asOfDay + 7) continue;
        const row = out[unitOf(employeeIds[i]!)]!;
        for (let h = 1; h <= horizon; h++) {
          const day = asOfDay + 7 * h;
          if (start <= day && day < end) row[h - 1] = row[h - 1]! + 1;
        }
      }
      return out;
    },
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}
