import type { ForecastMethod } from '../forecast/forecast.ts';
import {
  totalOf,
  weeksPerYear,
  type InflowForecast,
  type InflowInput,
  type InflowMethod,
} from './inflowMethods.ts';

/**
 * The total's weekly reports forecast by a univariate method on the whole series (MSTL with an
 * AutoETS trend from @bsull/augurs, period 52 weeks), split over units by each unit's share of
 * last year's reports shrunk towards its share of the employees, as `profile-share` splits.
 * A year of reports spans every season, so the raw counts give the shares. The method's own
 * intervals are not used: the caseload simulation takes the level error from past origins.
 */
export function totalSeriesInflow(method: ForecastMethod, priorReports: number): InflowMethod {
  return {
    name: method.name,
    description: `${method.description} on the total's weekly reports, split by each group's share of last year's reports`,
    // MSTL estimates the yearly component from at least two whole years.
    minHistoryWeeks: 2 * weeksPerYear,
    forecast(input) {
      const totals = totalOf(input);
      const point = method.forecast({
        values: Array.from(totals),
        seasonLength: weeksPerYear,
        horizon: input.horizonWeeks,
      }).point;
      return splitByShares(
        input,
        point.map((p) => Math.max(0, p)),
        priorReports,
      );
    },
  };
}

/** The mean of the members' expected reports per unit and week: a combination (Clemen 1989). */
export function meanInflow(name: string, members: readonly InflowMethod[]): InflowMethod {
  return {
    name,
    description: `the mean of ${members.map((m) => m.name).join(' and ')}`,
    minHistoryWeeks: Math.max(...members.map((m) => m.minHistoryWeeks ?? 0)),
    forecast(input) {
      const forecasts = members.map((m) => m.forecast(input));
      const first = forecasts[0]!;
      return {
        meanByUnit: first.meanByUnit.map((unit, u) =>
          Float64Array.from(unit, (_, h) => mean(forecasts.map((f) => f.meanByUnit[u]![h]!))),
        ),
        levelShapeByUnit: Float64Array.from(first.levelShapeByUnit, (_, u) =>
          Math.min(...forecasts.map((f) => f.levelShapeByUnit[u]!)),
        ),
        seasonalLogVarianceByWeek: Float64Array.from(first.seasonalLogVarianceByWeek, (_, h) =>
          Math.max(...forecasts.map((f) => f.seasonalLogVarianceByWeek[h]!)),
        ),
      };
    },
  };
}

function splitByShares(
  input: InflowInput,
  totalAhead: readonly number[],
  priorReports: number,
): InflowForecast {
  const n = input.weekEndDays.length;
  const from = Math.max(0, n - weeksPerYear);
  const recentByUnit = input.inflowByUnit.map((counts) => {
    let sum = 0;
    for (let t = from; t < n; t++) sum += counts[t]!;
    return sum;
  });
  const recentTotal = recentByUnit.reduce((a, b) => a + b, 0);
  const employeesTotal = input.employeesByUnit.reduce((a, b) => a + b, 0);
  const meanByUnit: Float64Array[] = [];
  const levelShapeByUnit = new Float64Array(recentByUnit.length);
  recentByUnit.forEach((recent, u) => {
    const employeeShare =
      employeesTotal > 0 ? input.employeesByUnit[u]! / employeesTotal : 1 / recentByUnit.length;
    const share = (recent + priorReports * employeeShare) / (recentTotal + priorReports);
    meanByUnit.push(Float64Array.from(totalAhead, (total) => total * share));
    levelShapeByUnit[u] = Math.max(recent + priorReports * employeeShare, 0.5);
  });
  return {
    meanByUnit,
    levelShapeByUnit,
    seasonalLogVarianceByWeek: new Float64Array(input.horizonWeeks),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
