import { dayNumber } from '../core/canonical/dates.ts';
import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import { AppError } from '../core/errors.ts';
import { caseloadGroups, type CaseloadGroups, type GroupOptions } from './caseloadGroups.ts';
import type { ObservedEpisode } from './durationSurvival.ts';

/** A case open at the end of the as-of day. */
export interface OpenCase {
  readonly episodeId: string;
  readonly unit: number;
  readonly segment: number;
  readonly elapsedDays: number;
  /** Sick days of earlier episodes linked to this one (reported within 4 weeks of each other). */
  readonly priorChainDays: number;
}

/**
 * Everything the forecast may know on the as-of day: episodes reported after it are left out,
 * and an end date after it is unknown, so such an episode is open with its elapsed days.
 * Units are the shown groups plus, last, one hidden unit for suppressed groups: their cases
 * count in the total but are never shown on their own.
 */
export interface CaseSnapshot {
  readonly asOfDay: number;
  readonly observedFromDay: number;
  readonly groups: CaseloadGroups;
  readonly unitCount: number;
  readonly segmentNames: readonly string[];
  /** New sick reports per unit and history week, oldest first; the last week ends on as-of. */
  readonly inflowByUnit: readonly Float64Array[];
  /** Day number of the last day of each history week. */
  readonly weekEndDays: Int32Array;
  /** Employees employed at the end of each history week (all of them, leavers too). */
  readonly employeesByWeek: Float64Array;
  /** Share of reports on day 1..7 of a week (index 0..6), over the last 52 weeks. */
  readonly reportDayShares: Float64Array;
  /** Share of each segment among a unit's reports over the last 52 weeks. */
  readonly segmentSharesByUnit: readonly Float64Array[];
  /**
   * Per sick report of the last 52 weeks, the sick days of the earlier episodes of its chain
   * (0 unless it is a relapse within 4 weeks): new cases draw theirs from these.
   */
  readonly recentPriorChainDays: Int32Array;
  /** Durations for the Kaplan-Meier curves: the experience of the last `durationWindowDays`. */
  readonly observedEpisodes: readonly ObservedEpisode[];
  readonly openCases: readonly OpenCase[];
  readonly durationWindowDays: number;
  /** Every visible episode as known on the as-of day, to replay earlier origins. */
  readonly history: EpisodeHistory;
}

/**
 * The visible episodes in columns, in order of sick report day: that day, recovery day (Infinity
 * when still open on the as-of day) and segment. Earlier origins can be replayed from these without leaking
 * anything after as-of, since an end after as-of is not known and is stored as Infinity.
 */
export interface EpisodeHistory {
  readonly startDays: Int32Array;
  readonly endDays: Float64Array;
  readonly segments: Int32Array;
}

export interface SnapshotOptions extends Omit<GroupOptions, 'asOf'> {
  readonly asOf: string;
  /** First day the records describe; default: the earliest recovery date seen by as-of. */
  readonly observedFrom?: string;
  /**
   * Days of duration experience the Kaplan-Meier curves count, back from the as-of day (a
   * period life table); default 365. See defaultDurationWindowDays.
   */
  readonly durationWindowDays?: number;
}

/**
 * A year of experience, so every season's mix of short (flu) and long absences weighs once.
 * Durations drift (on the synthetic workforce the mean rose by a tenth in two years); curves
 * fitted on all history since the data began lag the drift further the longer the history
 * gets, so errors measured at earlier origins would not carry over to today. A fixed window
 * keeps that lag about the same at every origin, which the open-case error term relies on.
 */
export const defaultDurationWindowDays = 365;

const daysPerWeek = 7;
const recentWeeks = 52;

export function caseSnapshot(
  employees: readonly Employee[],
  episodes: readonly Episode[],
  options: SnapshotOptions,
): CaseSnapshot {
  const asOfDay = dayNumber(options.asOf);
  const visible = reportsBy(episodes, options.asOf);
  if (visible.length === 0) {
    throw new AppError('INVALID_ARGUMENT', 'No sick report lies on or before the as-of date.', [
      { field: '--as-of', message: 'is before every sick report.', hint: 'Choose a later date.' },
    ]);
  }
  const observedFromDay = dayNumber(
    options.observedFrom ?? defaultObservedFrom(visible, options.asOf),
  );
  const weekCount = wholeWeeksBetween(observedFromDay, asOfDay);
  if (weekCount < 1) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'The records before the as-of date span less than a week.',
      [
        {
          field: '--as-of',
          message:
            'lies before, or less than 7 days after, the first day the records describe ' +
            '(--observed-from, else the period in manifest.json).',
          hint: 'Choose a later as-of date.',
        },
      ],
    );
  }

  // Step 1: groups (who is employed on the as-of day) and segments (sectors) per employee.
  const groups = caseloadGroups(employees, options);
  const unitCount = groups.names.length + 1;
  const employeeById = new Map(employees.map((e) => [e.employeeId, e]));
  const segmentNames = [...new Set(employees.map(segmentNameOf))].sort();
  const segmentIndex = new Map(segmentNames.map((name, index) => [name, index]));
  const unitOf = (employeeId: string): number => {
    const index = groups.groupOf.get(employeeId) ?? -1;
    return index === -1 ? unitCount - 1 : index;
  };
  const segmentOf = (employeeId: string): number => {
    const employee = employeeById.get(employeeId);
    return segmentIndex.get(employee === undefined ? 'unknown' : segmentNameOf(employee)) ?? 0;
  };

  // Step 2: weekly inflow, the weekday pattern and the segment mix of recent reports.
  const inflowByUnit = Array.from({ length: unitCount }, () => new Float64Array(weekCount));
  const reportDayShares = new Float64Array(daysPerWeek);
  const segmentSharesByUnit = Array.from(
    { length: unitCount },
    () => new Float64Array(Math.max(segmentNames.length, 1)),
  );
  const startDays = visible.map((e) => dayNumber(e.startDate));
  visible.forEach((episode, i) => {
    const weeksBack = Math.floor((asOfDay - startDays[i]!) / daysPerWeek);
    const week = weekCount - 1 - weeksBack;
    if (week < 0 || startDays[i]! < observedFromDay) return;
    const unit = unitOf(episode.employeeId);
    inflowByUnit[unit]![week] = inflowByUnit[unit]![week]! + 1;
    if (weeksBack < recentWeeks) {
      const position = daysPerWeek - 1 - ((asOfDay - startDays[i]!) % daysPerWeek);
      reportDayShares[position] = reportDayShares[position]! + 1;
      const shares = segmentSharesByUnit[unit]!;
      const segment = segmentOf(episode.employeeId);
      shares[segment] = shares[segment]! + 1;
    }
  });
  normalise(reportDayShares);
  segmentSharesByUnit.forEach(normalise);

  // Step 3: durations as known on the as-of day, and the cases open then.
  const byId = new Map(visible.map((e) => [e.episodeId, e]));
  const durationWindowDays = options.durationWindowDays ?? defaultDurationWindowDays;
  const windowStartDay = asOfDay - durationWindowDays;
  const endDays = new Float64Array(visible.length);
  const segments = new Int32Array(visible.length);
  const observedEpisodes: ObservedEpisode[] = [];
  const openCases: OpenCase[] = [];
  visible.forEach((episode, i) => {
    const startDay = startDays[i]!;
    const isEnded = episode.endDate != null && episode.endDate <= options.asOf;
    const durationDays = isEnded ? dayNumber(episode.endDate!) - startDay : asOfDay - startDay;
    const segment = segmentOf(episode.employeeId);
    endDays[i] = isEnded ? startDay + durationDays : Infinity;
    segments[i] = segment;
    observedEpisodes.push({
      durationDays,
      isEnded,
      entryDays: windowedEntryDays(startDay, observedFromDay, windowStartDay),
      segment,
    });
    if (isEnded) return;
    openCases.push({
      episodeId: episode.episodeId,
      unit: unitOf(episode.employeeId),
      segment,
      elapsedDays: durationDays,
      priorChainDays: priorChainDaysOf(episode, byId, options.asOf),
    });
  });

  const recentPriorChainDays = Int32Array.from(
    visible.filter((_, i) => asOfDay - startDays[i]! < recentWeeks * daysPerWeek),
    (episode) => priorChainDaysOf(episode, byId, episode.startDate),
  );

  // Sorted, so a replay can find the reports of a period by bisection.
  const order = Array.from(startDays.keys()).sort((a, b) => startDays[a]! - startDays[b]!);
  const history: EpisodeHistory = {
    startDays: Int32Array.from(order, (i) => startDays[i]!),
    endDays: Float64Array.from(order, (i) => endDays[i]!),
    segments: Int32Array.from(order, (i) => segments[i]!),
  };
  const weekEndDays = Int32Array.from(
    { length: weekCount },
    (_, week) => asOfDay - daysPerWeek * (weekCount - 1 - week),
  );
  return {
    asOfDay,
    observedFromDay,
    groups,
    unitCount,
    segmentNames,
    inflowByUnit,
    weekEndDays,
    employeesByWeek: employeesEmployedAt(employees, weekEndDays),
    reportDayShares,
    segmentSharesByUnit,
    recentPriorChainDays,
    observedEpisodes,
    openCases,
    durationWindowDays,
    history,
  };
}

/**
 * Days an episode had lasted when it came under observation: when the data begin (left
 * truncation) or when the duration window opens, whichever is later. Kaplan-Meier with this
 * delayed entry counts only the days at risk inside the window, so long cases reported before
 * it still inform the tail without their early days weighing in twice.
 */
export function windowedEntryDays(
  startDay: number,
  observedFromDay: number,
  windowStartDay: number,
): number {
  return Math.max(0, observedFromDay - startDay, windowStartDay - startDay);
}

function segmentNameOf(employee: Employee): string {
  return employee.sector ?? 'unknown';
}

/**
 * Whole weeks of records on or before `asOf`, counted back from it to the first observed day
 * (`observedFrom`, else as caseSnapshot derives it): below 0 when `asOf` is before that day;
 * 0 when no sick report lies so early.
 */
export function weeksObservedBy(
  episodes: readonly Episode[],
  asOf: string,
  observedFrom?: string,
): number {
  const visible = reportsBy(episodes, asOf);
  if (visible.length === 0) return 0;
  return wholeWeeksBetween(
    dayNumber(observedFrom ?? defaultObservedFrom(visible, asOf)),
    dayNumber(asOf),
  );
}

/** Whole history weeks from `fromDay` to `asOfDay`, both included, counted back from as-of. */
function wholeWeeksBetween(fromDay: number, asOfDay: number): number {
  return Math.floor((asOfDay - fromDay + 1) / daysPerWeek);
}

/**
 * How many employees were employed at the end of each of the days, which are 7 apart and
 * ascending, as isEmployedOn counts them: from the start date up to the day before the end date.
 */
export function employeesEmployedAt(
  employees: readonly Employee[],
  weekEndDays: ArrayLike<number>,
): Float64Array {
  const n = weekEndDays.length;
  const first = weekEndDays[0]!;
  // The first week whose last day is on or after `day`.
  const weekFrom = (day: number) =>
    Math.min(n, Math.max(0, Math.ceil((day - first) / daysPerWeek)));
  const changes = new Float64Array(n + 1);
  for (const employee of employees) {
    const start = employee.employmentStartDate;
    const end = employee.employmentEndDate;
    const from = start === undefined ? 0 : weekFrom(dayNumber(start));
    const until = end == null ? n : weekFrom(dayNumber(end));
    if (from >= until) continue;
    changes[from] = changes[from]! + 1;
    changes[until] = changes[until]! - 1;
  }
  const counts = new Float64Array(n);
  let running = 0;
  for (let t = 0; t < n; t++) {
    running += changes[t]!;
    counts[t] = running;
  }
  return counts;
}

/** The sick reports made on or before `asOf`. */
function reportsBy(
  episodes: readonly Episode[],
  asOf: string,
): (Episode & { startDate: string })[] {
  return episodes.filter(
    (e): e is Episode & { startDate: string } =>
      e.kind === 'sickness' && e.startDate !== undefined && e.startDate <= asOf,
  );
}

/**
 * Extracts hold the episodes still running on their first day, so the first recovery date in
 * them is (nearly) that day; earlier sick reports are survivors, not the inflow of their weeks.
 */
function defaultObservedFrom(
  visible: readonly (Episode & { startDate: string })[],
  asOf: string,
): string {
  let firstStart = asOf;
  let firstEnd: string | undefined;
  for (const episode of visible) {
    if (episode.startDate < firstStart) firstStart = episode.startDate;
    const end = episode.endDate;
    if (end != null && end <= asOf && (firstEnd === undefined || end < firstEnd)) firstEnd = end;
  }
  return firstEnd !== undefined && firstEnd > firstStart ? firstEnd : firstStart;
}

/** Sick days of the linked earlier episodes of a chain that ended by `asOf`. */
export function priorChainDaysOf(
  episode: Episode,
  byId: ReadonlyMap<string, Episode & { startDate: string }>,
  asOf: string,
): number {
  let days = 0;
  const seen = new Set<string>([episode.episodeId]);
  let link = episode.linkedToEpisodeId;
  while (link !== undefined && !seen.has(link)) {
    seen.add(link);
    const earlier = byId.get(link);
    if (earlier === undefined || earlier.endDate == null || earlier.endDate > asOf) break;
    days += dayNumber(earlier.endDate) - dayNumber(earlier.startDate);
    link = earlier.linkedToEpisodeId;
  }
  return days;
}

function normalise(values: Float64Array): void {
  let total = 0;
  for (const v of values) total += v;
  if (total === 0) {
    values.fill(1 / values.length);
    return;
  }
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / total;
}
