import { seasonalProfile, type SeasonalProfile } from './seasonalProfile.ts';

export interface InflowInput {
  /** New sick reports per unit and week, oldest first; all units cover the same weeks. */
  readonly inflowByUnit: readonly ArrayLike<number>[];
  /** Day number of the last day of each history week. */
  readonly weekEndDays: ArrayLike<number>;
  /** Employees per unit on the forecast day. */
  readonly employeesByUnit: readonly number[];
  /**
   * Employees employed at the end of each history week, all units and leavers together. With
   * it the total's level is smoothed as reports per employee and taken times the last week's
   * headcount, so a workforce that shrinks or grows is followed at once, not at the smoothing's
   * lag.
   */
  readonly employeesByWeek?: ArrayLike<number>;
  readonly horizonWeeks: number;
  /** A seasonal profile to use instead of estimating one from these counts. */
  readonly profile?: SeasonalProfile;
}

/** Expected new sick reports per unit for weeks 1..H ahead, and how firmly each level is known. */
export interface InflowForecast {
  /** meanByUnit[unit][h - 1] */
  readonly meanByUnit: readonly Float64Array[];
  /**
   * Reports' worth of evidence behind each unit's level: the shape of a gamma distribution
   * (mean 1) for the level's estimation error; Infinity when the method treats it as known.
   */
  readonly levelShapeByUnit: Float64Array;
  /** Estimation variance of the log seasonal factor per week ahead, shared by all units. */
  readonly seasonalLogVarianceByWeek: Float64Array;
}

export interface InflowMethod {
  readonly name: string;
  readonly description: string;
  /** Fewest weeks of history the method forecasts from; absent: any. */
  readonly minHistoryWeeks?: number;
  forecast(input: InflowInput): InflowForecast;
}

const daysPerWeek = 7;
export const weeksPerYear = 52;

/** The count of the same week a year (52 weeks) earlier: the baseline every method must beat. */
export const seasonalNaiveInflow: InflowMethod = {
  name: 'snaive',
  description: 'the count 52 weeks earlier',
  forecast(input) {
    const n = input.weekEndDays.length;
    const meanByUnit = input.inflowByUnit.map((counts) =>
      Float64Array.from({ length: input.horizonWeeks }, (_, i) => {
        const back = n >= weeksPerYear ? n - weeksPerYear + (i % weeksPerYear) : n - 1;
        return counts[Math.max(0, back)] ?? 0;
      }),
    );
    return {
      meanByUnit,
      levelShapeByUnit: new Float64Array(meanByUnit.length).fill(Infinity),
      seasonalLogVarianceByWeek: new Float64Array(input.horizonWeeks),
    };
  },
};

/**
 * Per unit, exponential smoothing of the seasonally adjusted counts (a fixed α, because with a
 * few reports a week a fitted α chases noise), times the pooled seasonal profile.
 */
export function profileLevelInflow(alpha: number): InflowMethod {
  return {
    name: `profile-ewma${alpha}`,
    description: `pooled seasonal profile times each group's smoothed level (α ${alpha})`,
    forecast(input) {
      const profile = input.profile ?? pooledProfile(input);
      const { adjustFactors, aheadFactors, aheadLogVariances } = profileFactors(profile, input);
      const meanByUnit: Float64Array[] = [];
      const levelShapeByUnit = new Float64Array(input.inflowByUnit.length);
      input.inflowByUnit.forEach((counts, u) => {
        const level = smoothedLevel(counts, adjustFactors, alpha);
        meanByUnit.push(Float64Array.from(aheadFactors, (f) => level * f));
        // An exponentially weighted mean of Poisson counts has the variance of a mean of
        // (2 - α) / α weeks: that many weeks' reports are the evidence behind the level.
        levelShapeByUnit[u] = Math.max(level * ((2 - alpha) / alpha), 0.5);
      });
      return { meanByUnit, levelShapeByUnit, seasonalLogVarianceByWeek: aheadLogVariances };
    },
  };
}

/**
 * The total's smoothed seasonally adjusted level, split over units by each unit's share of the
 * reports of the last year, shrunk towards its share of the employees. Shares move slowly and
 * need a year of reports to be known; the total's level moves with the whole workforce and is
 * known from a few weeks. Bottom-up sums of such forecasts equal the total's forecast. With
 * `employeesByWeek`, the level smoothed is that of reports per employee, times the last
 * week's headcount.
 */
export function profileShareInflow(alpha: number, priorReports: number): InflowMethod {
  return {
    name: `profile-share${alpha}`,
    description:
      `pooled seasonal profile times the total's smoothed level (α ${alpha}; of reports per ` +
      "employee on the books, times the last week's headcount, where that is known), split by " +
      `each group's share of last year's reports, shrunk to its share of employees ` +
      `(${priorReports} reports)`,
    forecast(input) {
      const profile = input.profile ?? pooledProfile(input);
      const { adjustFactors, aheadFactors, aheadLogVariances } = profileFactors(profile, input);
      const n = input.weekEndDays.length;
      const totals = totalOf(input);
      const employees = input.employeesByWeek;
      const firstStaffed = headcountFrom(employees, n);
      const totalLevel =
        employees !== undefined && firstStaffed >= 0
          ? smoothedLevel(
              Float64Array.from(
                totals.subarray(firstStaffed),
                (count, t) => count / employees[firstStaffed + t]!,
              ),
              adjustFactors.subarray(firstStaffed),
              alpha,
            ) * employees[n - 1]!
          : smoothedLevel(totals, adjustFactors, alpha);

      const from = Math.max(0, n - weeksPerYear);
      const recentByUnit = input.inflowByUnit.map((counts) => {
        let sum = 0;
        for (let t = from; t < n; t++) sum += counts[t]! / adjustFactors[t]!;
        return sum;
      });
      const recentTotal = recentByUnit.reduce((a, b) => a + b, 0);
      const employeesTotal = input.employeesByUnit.reduce((a, b) => a + b, 0);

      const meanByUnit: Float64Array[] = [];
      const levelShapeByUnit = new Float64Array(input.inflowByUnit.length);
      recentByUnit.forEach((recent, u) => {
        const employeeShare =
          employeesTotal > 0 ? input.employeesByUnit[u]! / employeesTotal : 1 / recentByUnit.length;
        const share = (recent + priorReports * employeeShare) / (recentTotal + priorReports);
        meanByUnit.push(Float64Array.from(aheadFactors, (f) => totalLevel * share * f));
        levelShapeByUnit[u] = Math.max(recent + priorReports * employeeShare, 0.5);
      });
      return { meanByUnit, levelShapeByUnit, seasonalLogVarianceByWeek: aheadLogVariances };
    },
  };
}

/** The inflow methods the backtest compares, the chosen one first. */
export const inflowMethods: readonly InflowMethod[] = [
  profileShareInflow(0.2, 5),
  profileShareInflow(0.1, 5),
  profileLevelInflow(0.1),
  profileLevelInflow(0.03),
  seasonalNaiveInflow,
];

/** The total's reports per history week: the units added up. */
export function totalOf(input: InflowInput): Float64Array {
  const totals = new Float64Array(input.weekEndDays.length);
  for (const counts of input.inflowByUnit) {
    for (let t = 0; t < totals.length; t++) totals[t] = totals[t]! + counts[t]!;
  }
  return totals;
}

export function pooledProfile(input: InflowInput): SeasonalProfile {
  return seasonalProfile(totalOf(input), input.weekEndDays);
}

/** The profile's factor for each history week and for each week ahead. */
function profileFactors(
  profile: SeasonalProfile,
  input: InflowInput,
): { adjustFactors: Float64Array; aheadFactors: Float64Array; aheadLogVariances: Float64Array } {
  const n = input.weekEndDays.length;
  const adjustFactors = Float64Array.from({ length: n }, (_, t) =>
    profile.factorAt(input.weekEndDays[t]!),
  );
  const lastDay = input.weekEndDays[n - 1]!;
  const aheadFactors = Float64Array.from({ length: input.horizonWeeks }, (_, i) =>
    profile.factorAt(lastDay + daysPerWeek * (i + 1)),
  );
  const aheadLogVariances = Float64Array.from({ length: input.horizonWeeks }, (_, i) =>
    profile.logVarianceAt(lastDay + daysPerWeek * (i + 1)),
  );
  return { adjustFactors, aheadFactors, aheadLogVariances };
}

/**
 * The first week from which every week has someone on the books: after the last week with
 * none (a workforce hired after the records begin). -1 when there is no headcount, or none in
 * the last week, so the counts are smoothed as they are.
 */
function headcountFrom(employees: ArrayLike<number> | undefined, n: number): number {
  if (employees === undefined || employees.length !== n) return -1;
  for (let t = n - 1; t >= 0; t--) if (!(employees[t]! > 0)) return t === n - 1 ? -1 : t + 1;
  return 0;
}

/** Exponential smoothing of counts / factors, started at the mean of the first year. */
function smoothedLevel(counts: ArrayLike<number>, factors: Float64Array, alpha: number): number {
  const n = factors.length;
  const warm = Math.min(n, weeksPerYear);
  let level = 0;
  for (let t = 0; t < warm; t++) level += counts[t]! / factors[t]! / warm;
  for (let t = 0; t < n; t++) level += alpha * (counts[t]! / factors[t]! - level);
  return level;
}
