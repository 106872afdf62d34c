import { pooledProfile, type InflowInput, type InflowMethod } from './inflowMethods.ts';

/** Fewest weeks of history before an earlier origin for its errors to count: a year and more. */
const minErrorSpreadWeeks = 60;

/** The spread per week ahead, and how many earlier origins it was learned at (0: none). */
export interface InflowErrorSpread {
  readonly logSdByWeek: Float64Array;
  readonly origins: number;
}

export interface ErrorSpreadOptions {
  /** How many earlier weekly origins, with all their targets observed, to learn from. */
  readonly pastOrigins: number;
}

/**
 * Per week ahead, the spread of the total's inflow level errors that Poisson noise does not
 * explain: the method is run on earlier origins of the same history, and sd² = mean over
 * origins of (log(actual / forecast)² - 1 / forecast). It measures level shocks (a flu wave,
 * a reorganisation) and the level's lag, which no model term here describes. The seasonal
 * profile is held at today's estimate for these runs: re-estimated at each earlier origin it
 * rests on a year less of data, and its errors there (measured: 2-4 times the Poisson variance
 * on the synthetic workforce) overstate today's; today's profile error is added separately
 * from its own Poisson variance (seasonalLogVarianceByWeek).
 */
export function inflowErrorSpread(
  method: InflowMethod,
  input: InflowInput,
  options: ErrorSpreadOptions,
): InflowErrorSpread {
  const horizon = input.horizonWeeks;
  const n = input.weekEndDays.length;
  const sums = new Float64Array(horizon);
  const profile = pooledProfile(input);
  let origins = 0;
  for (let back = horizon; back < horizon + options.pastOrigins; back++) {
    const length = n - back;
    // A year of history for the profile, as at the real origin, or the errors say little;
    // and what the method itself needs (MSTL two years).
    if (length < Math.max(minErrorSpreadWeeks, method.minHistoryWeeks ?? 0)) break;
    const forecast = method.forecast({
      ...input,
      profile,
      inflowByUnit: input.inflowByUnit.map((counts) =>
        Array.prototype.slice.call(counts, 0, length),
      ),
      weekEndDays: Array.prototype.slice.call(input.weekEndDays, 0, length),
      ...(input.employeesByWeek === undefined
        ? {}
        : { employeesByWeek: Array.prototype.slice.call(input.employeesByWeek, 0, length) }),
    });
    for (let h = 1; h <= horizon; h++) {
      let predicted = 0;
      let actual = 0;
      forecast.meanByUnit.forEach((means, u) => {
        predicted += means[h - 1]!;
        actual += input.inflowByUnit[u]![length + h - 1]!;
      });
      if (!(predicted > 0)) continue;
      const logRatio = Math.log((actual + 0.5) / (predicted + 0.5));
      sums[h - 1] = sums[h - 1]! + logRatio * logRatio - 1 / predicted;
    }
    origins++;
  }
  const logSdByWeek = Float64Array.from(sums, (sum) =>
    origins > 0 ? Math.sqrt(Math.max(0, sum / origins)) : 0,
  );
  return { logSdByWeek, origins };
}
