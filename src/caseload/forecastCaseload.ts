import { addDays } from '../core/canonical/dates.ts';
import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import { AppError } from '../core/errors.ts';
import { caseSnapshot, type CaseSnapshot, type SnapshotOptions } from './caseSnapshot.ts';
import { drawDurationDays, durationSurvival } from './durationSurvival.ts';
import { inflowErrorSpread } from './inflowErrorSpread.ts';
import { inflowMethods, type InflowInput, type InflowMethod } from './inflowMethods.ts';
import { newCaseCurves, seasonHalfWidthDays } from './newCaseCurves.ts';
import { openCaseErrorSpread } from './openCaseErrorSpread.ts';
import {
  measureNames,
  taskKinds,
  type MeasureName,
  type TaskKind,
} from './poortwachterMilestones.ts';
import { quantileSummary, type QuantileSummary } from './quantileSummary.ts';
import { simulateCaseload, type DurationSampler } from './simulateCaseload.ts';

export interface CaseloadOptions extends SnapshotOptions {
  readonly horizonWeeks: number;
  readonly simulations: number;
  readonly seed: number;
  /** The inflow method; default the one the backtest chose (first of `inflowMethods`). */
  readonly inflowMethod?: InflowMethod;
  /**
   * Durations of the open cases from another model (per-case survival curves); new cases and,
   * without it, open cases use Kaplan-Meier per sector.
   */
  readonly openCaseDurations?: OpenCaseDurations;
}

/** Per-case durations for the open cases, e.g. from the AbsencePredictor's survival model. */
export interface OpenCaseDurations {
  readonly description: string;
  /**
   * A sampler of total durations for the open cases, by index into `snapshot.openCases`;
   * `fallback` is the Kaplan-Meier draw, for cases the other model cannot score.
   */
  samplers(
    snapshot: CaseSnapshot,
  ): (openIndex: number, uniform: number, fallback: (uniform: number) => number) => number;
}

export interface WeekForecast {
  readonly week: number;
  /** First day of the week; weeks run from the day after as-of in blocks of 7 days. */
  readonly weekStart: string;
  readonly newReports: QuantileSummary;
  readonly openCases: QuantileSummary;
  readonly passing6Weeks: QuantileSummary;
  readonly tasks: Readonly<Record<TaskKind, QuantileSummary>>;
}

export interface GroupForecast {
  readonly group: string;
  readonly employees: number;
  readonly openAtAsOf: number;
  readonly weeks: readonly WeekForecast[];
}

export interface CaseloadForecast {
  readonly asOf: string;
  readonly horizonWeeks: number;
  /** The shown groups, then "total" (every employee, suppressed groups included). */
  readonly groups: readonly GroupForecast[];
  readonly mergedGroups: readonly string[];
  readonly suppressedGroups: readonly string[];
  readonly method: CaseloadMethod;
  /** What the records were too short to learn, so the intervals leave it out. */
  readonly warnings: readonly string[];
}

export interface CaseloadMethod {
  readonly inflow: { readonly name: string; readonly description: string };
  readonly durations: string;
  readonly observedFrom: string;
  readonly simulations: number;
  readonly seed: number;
  /** The shared level error of the inflow per week ahead (sd of its log), from past origins. */
  readonly inflowLevelLogSdByWeek: readonly number[];
  /** The seasonal profile's estimation error per week ahead (sd of its log). */
  readonly seasonalLogSdByWeek: readonly number[];
  /** Days of duration experience before as-of the Kaplan-Meier curves count. */
  readonly durationWindowDays: number;
  /** The open-case error of the duration curves on past origins, applied to the open counts. */
  readonly openCaseError: {
    readonly description: string;
    readonly origins: number;
    /** Mean log(actual / expected) per week ahead; the simulated counts are shifted by it. */
    readonly logBiasByWeek: readonly number[];
    /** Its spread per week ahead beyond chance (sd of the log), one shared draw per simulation. */
    readonly logSdByWeek: readonly number[];
  };
  readonly minGroupSize: number;
  readonly smallGroups: string;
  readonly tasks: string;
}

// Fewest cases at risk on a day for a sector's own hazard; below it the pooled hazard is used.
const minAtRiskPerSegment = 30;
// Earlier origins that calibrate the inflow level error: half a year of weekly forecasts.
const errorSpreadOrigins = 26;
// The same half year for the open-case error of the duration curves.
const openCaseErrorOrigins = 26;
export const totalGroupName = 'total';

/**
 * The case-data forecast: per group and week ahead, new sick reports, open cases, cases passing
 * 6 weeks and the Poortwachter tasks due, each as a median with 80 % and 95 % intervals.
 * Only records known on the as-of day are used (see caseSnapshot).
 */
export function forecastCaseload(
  employees: readonly Employee[],
  episodes: readonly Episode[],
  options: CaseloadOptions,
): CaseloadForecast {
  validate(options);
  const snapshot = caseSnapshot(employees, episodes, options);
  const { horizonWeeks: horizon, simulations } = options;
  const method = options.inflowMethod ?? inflowMethods[0]!;
  const neededWeeks = method.minHistoryWeeks ?? 0;
  if (snapshot.weekEndDays.length < neededWeeks) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The inflow method ${method.name} needs ${neededWeeks} weeks of records before the ` +
        `as-of date; ${snapshot.weekEndDays.length} are observed.`,
      [
        {
          field: 'inflowMethod',
          message: 'needs more history than the records hold before the as-of date.',
          hint: 'Forecast from a later as-of date, or with a method that needs less history.',
        },
      ],
    );
  }

  // Step 1: inflow per unit, and the spread of the total's level error on past origins.
  const inflowInput = inflowInputOf(snapshot, horizon);
  const employeesByUnit = inflowInput.employeesByUnit;
  const inflow = method.forecast(inflowInput);
  const inflowError = inflowErrorSpread(method, inflowInput, { pastOrigins: errorSpreadOrigins });
  const shockLogSdByWeek = inflowError.logSdByWeek;
  const seasonalLogSdByWeek = Float64Array.from(inflow.seasonalLogVarianceByWeek, Math.sqrt);

  // Step 2: durations, and the error of the open count they gave on past origins. Learned for
  // the Kaplan-Meier curves, it says nothing of another model's curves for the open cases.
  // TODO: no such error term for the cases passing 6 weeks and the Poortwachter tasks, and none
  // with --model: their intervals carry the inflow's errors and chance only, so may be narrow.
  const durations = kaplanMeierSampler(snapshot, horizon, options.openCaseDurations);
  const openCaseError =
    options.openCaseDurations === undefined
      ? openCaseErrorSpread(snapshot.history, {
          asOfDay: snapshot.asOfDay,
          observedFromDay: snapshot.observedFromDay,
          horizonWeeks: horizon,
          pastOrigins: openCaseErrorOrigins,
          durationWindowDays: snapshot.durationWindowDays,
          segmentCount: snapshot.segmentNames.length,
          minAtRisk: minAtRiskPerSegment,
        })
      : {
          logBiasByWeek: new Float64Array(horizon),
          logSdByWeek: new Float64Array(horizon),
          origins: 0,
        };

  // Step 3: simulate, summarise each shown unit, and add every unit into the total.
  const width = measureNames.length * horizon;
  const totalValues = new Int32Array(width * simulations);
  const groups: GroupForecast[] = [];
  const shownUnits = snapshot.groups.names.length;
  const openByUnit = new Int32Array(snapshot.unitCount);
  for (const open of snapshot.openCases) openByUnit[open.unit] = openByUnit[open.unit]! + 1;
  simulateCaseload(
    snapshot,
    inflow,
    durations,
    {
      horizonWeeks: horizon,
      simulations,
      seed: options.seed,
      commonLogSdByWeek: shockLogSdByWeek,
      weeklyLogSdByWeek: seasonalLogSdByWeek,
      openCaseLogBiasByWeek: openCaseError.logBiasByWeek,
      openCaseLogSdByWeek: openCaseError.logSdByWeek,
    },
    (unit, counts) => {
      for (let i = 0; i < totalValues.length; i++) {
        totalValues[i] = totalValues[i]! + counts.values[i]!;
      }
      if (unit >= shownUnits) return;
      groups.push({
        group: snapshot.groups.names[unit]!,
        employees: snapshot.groups.employeeCounts[unit]!,
        openAtAsOf: openByUnit[unit]!,
        weeks: summariseWeeks(counts.values, options.asOf, horizon, simulations),
      });
    },
  );
  if (options.groupBy !== 'total') {
    groups.push({
      group: totalGroupName,
      employees: employeesByUnit.reduce((a, b) => a + b, 0),
      openAtAsOf: snapshot.openCases.length,
      weeks: summariseWeeks(totalValues, options.asOf, horizon, simulations),
    });
  }

  const warnings: string[] = [];
  if (snapshot.weekEndDays.length < 52) {
    warnings.push(
      'Less than a year of records before the as-of date: no seasonal profile, so the new ' +
        'reports follow the level alone.',
    );
  }
  if (inflowError.origins === 0) {
    warnings.push(
      'No earlier origin has a year of reports and its targets known: the intervals of the new ' +
        'reports hold Poisson noise only, and may be narrow.',
    );
  }
  if (options.openCaseDurations === undefined && openCaseError.origins === 0) {
    warnings.push(
      'No earlier origin has a year of duration experience and its targets known: the ' +
        "open-case intervals leave out the duration curves' own error, and may be narrow.",
    );
  }

  return {
    asOf: options.asOf,
    horizonWeeks: horizon,
    groups,
    mergedGroups: snapshot.groups.mergedGroups,
    suppressedGroups: snapshot.groups.suppressedGroups,
    method: {
      inflow: { name: method.name, description: method.description },
      durations:
        (options.openCaseDurations === undefined
          ? 'open cases: '
          : `open cases: ${options.openCaseDurations.description}, else `) +
        `Kaplan-Meier per sector on the last ${snapshot.durationWindowDays} days of duration ` +
        'experience (a period life table: delayed entry for cases open when it begins), ' +
        'conditioned on their elapsed days, S(t) / S(elapsed); new cases: the same per-sector ' +
        'curves times the season, S(d) × C(d) / P(d), with C the curve of all cases reported ' +
        `within ${seasonHalfWidthDays / 7} weeks of the same week a year before (followed up ` +
        'to as-of) and P the period curve of all sectors (the ratio held where that cohort ' +
        `has fewer than ${minAtRiskPerSegment} cases at risk; none where the data do not reach ` +
        'back so far); the pooled curve where a sector has fewer than ' +
        `${minAtRiskPerSegment} cases at risk`,
      observedFrom: addDays('1970-01-01', snapshot.observedFromDay),
      simulations,
      seed: options.seed,
      inflowLevelLogSdByWeek: [...shockLogSdByWeek],
      seasonalLogSdByWeek: [...seasonalLogSdByWeek],
      durationWindowDays: snapshot.durationWindowDays,
      openCaseError: {
        description:
          options.openCaseDurations === undefined
            ? 'at each of up to ' +
              `${openCaseErrorOrigins} earlier weekly origins with every target known by as-of, ` +
              'the curves fitted as then and the exact expected open count per week ahead ' +
              '(actual inflow) against the actual count; the open counts are scaled by ' +
              'exp(bias + sd z), z shared by all groups and weeks of a simulation'
            : 'none: learned for the Kaplan-Meier curves, not for the per-case model',
        origins: openCaseError.origins,
        logBiasByWeek: [...openCaseError.logBiasByWeek],
        logSdByWeek: [...openCaseError.logSdByWeek],
      },
      minGroupSize: options.minGroupSize,
      smallGroups: options.smallGroups,
      tasks:
        'a task is due in the week a case enters the sickness week of the step still absent ' +
        '(problem analysis week 6, plan of action week 8, evaluations weeks 14, 20, ..., ' +
        'UWV report week 42, first-year evaluation week 52, WIA application week 91), counted ' +
        'on the sick days of the chain of episodes reported within 4 weeks of each other; new ' +
        'cases continue a chain as often, and with as many earlier sick days, as last ' +
        "year's reports",
    },
    warnings,
  };
}

/** What the inflow methods see of a snapshot: the weekly reports per unit and the headcounts. */
export function inflowInputOf(snapshot: CaseSnapshot, horizonWeeks: number): InflowInput {
  return {
    inflowByUnit: snapshot.inflowByUnit,
    weekEndDays: snapshot.weekEndDays,
    employeesByWeek: snapshot.employeesByWeek,
    employeesByUnit: [...snapshot.groups.employeeCounts, snapshot.groups.suppressedEmployeeCount],
    horizonWeeks,
  };
}

/** Kaplan-Meier per segment for new cases, and for open cases unless per-case curves are given. */
export function kaplanMeierSampler(
  snapshot: CaseSnapshot,
  horizonWeeks: number,
  openCaseDurations?: OpenCaseDurations,
): DurationSampler {
  const curves = durationSurvival(snapshot.observedEpisodes, {
    segmentCount: Math.max(snapshot.segmentNames.length, 1),
    minAtRisk: minAtRiskPerSegment,
  });
  const seasonal = newCaseCurves(snapshot.history, curves, {
    asOfDay: snapshot.asOfDay,
    observedFromDay: snapshot.observedFromDay,
    horizonWeeks,
    segmentCount: snapshot.segmentNames.length,
    minAtRisk: minAtRiskPerSegment,
  });
  const perCase = openCaseDurations?.samplers(snapshot);
  return {
    drawOpen: (openIndex, uniform) => {
      const open = snapshot.openCases[openIndex]!;
      const curve = curves.bySegment[open.segment]!;
      const kaplanMeier = (u: number) => drawDurationDays(curve, open.elapsedDays, u);
      return perCase === undefined
        ? kaplanMeier(uniform)
        : perCase(openIndex, uniform, kaplanMeier);
    },
    drawNew: (segment, uniform, week) =>
      drawDurationDays((seasonal[week - 1] ?? curves.bySegment)[segment]!, 0, uniform),
  };
}

function summariseWeeks(
  values: Int32Array,
  asOf: string,
  horizon: number,
  simulations: number,
): WeekForecast[] {
  const summary = (measure: MeasureName, week: number): QuantileSummary =>
    quantileSummary(
      values,
      (measureNames.indexOf(measure) * horizon + week - 1) * simulations,
      simulations,
    );
  return Array.from({ length: horizon }, (_, i) => {
    const week = i + 1;
    const tasks = Object.fromEntries(
      taskKinds.map((task) => [task, summary(task, week)]),
    ) as Record<TaskKind, QuantileSummary>;
    return {
      week,
      weekStart: addDays(asOf, 7 * i + 1),
      newReports: summary('newReports', week),
      openCases: summary('openCases', week),
      passing6Weeks: summary('passing6Weeks', week),
      tasks,
    };
  });
}

function validate(options: CaseloadOptions): void {
  const issues: { field: string; message: string }[] = [];
  if (
    !Number.isInteger(options.horizonWeeks) ||
    options.horizonWeeks < 1 ||
    options.horizonWeeks > 104
  ) {
    issues.push({ field: '--horizon-weeks', message: 'must be a whole number from 1 to 104.' });
  }
  if (!Number.isInteger(options.simulations) || options.simulations < 20) {
    issues.push({ field: '--simulations', message: 'must be a whole number of at least 20.' });
  }
  const window = options.durationWindowDays;
  if (window !== undefined && (!Number.isInteger(window) || window < 28)) {
    issues.push({ field: 'durationWindowDays', message: 'must be a whole number of at least 28.' });
  }
  if (!Number.isInteger(options.minGroupSize) || options.minGroupSize < 1) {
    issues.push({ field: '--min-group-size', message: 'must be a whole number of at least 1.' });
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_ARGUMENT', 'The forecast cannot run with these settings.', issues);
  }
}
