import { forecastWithMemo, type Forecast, type ForecastMethod } from './forecast.ts';

/** Element-wise mean of several forecasts, bounds included (quantile averaging). */
export function meanForecast(forecasts: readonly Forecast[]): Forecast {
  const average = (pick: (f: Forecast) => readonly number[]) =>
    pick(forecasts[0]!).map(
      (_, i) => forecasts.reduce((sum, f) => sum + pick(f)[i]!, 0) / forecasts.length,
    );
  return {
    point: average((f) => f.point),
    lower80: average((f) => f.lower80),
    upper80: average((f) => f.upper80),
    lower95: average((f) => f.lower95),
    upper95: average((f) => f.upper95),
  };
}

/**
 * The equal-weight mean of several methods. Equal weights because estimated weights rarely beat
 * them out of sample (the "forecast combination puzzle", Smith & Wallis 2009). Averaging the
 * interval bounds keeps each member's calibration roughly, where pooling variances would need
 * the members' error correlations.
 */
export function combineMethods(name: string, members: readonly ForecastMethod[]): ForecastMethod {
  return {
    name,
    description: `mean of ${members.map((m) => m.name).join(', ')}`,
    forecast(input) {
      return meanForecast(members.map((member) => forecastWithMemo(member, input)));
    },
  };
}
