import { AppError } from '../core/errors.ts';
import { normalForecast, type ForecastInput, type ForecastMethod } from './forecast.ts';

/**
 * Forecasts each period by the value one season earlier. Its intervals assume the seasonal
 * differences are independent normal errors, so the variance grows with the number of whole
 * seasons ahead (Hyndman & Athanasopoulos, FPP3 §5.5).
 */
export const seasonalNaive: ForecastMethod = {
  name: 'snaive',
  description: 'seasonal naive: the value one season earlier',
  forecast(input: ForecastInput) {
    const { values, seasonLength: m, horizon } = input;
    const n = values.length;
    if (n < m + 2) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `seasonal naive needs at least ${m + 2} values, got ${n}; use a longer training window`,
      );
    }

    const point: number[] = [];
    for (let h = 1; h <= horizon; h++) point.push(values[n - m + ((h - 1) % m)]!);

    let sumSquares = 0;
    for (let t = m; t < n; t++) sumSquares += (values[t]! - values[t - m]!) ** 2;
    const sigma = Math.sqrt(sumSquares / (n - m - 1));
    const sd = point.map((_, i) => sigma * Math.sqrt(Math.floor(i / m) + 1));
    return normalForecast(point, sd);
  },
};
