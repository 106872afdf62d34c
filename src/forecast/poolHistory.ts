import { AppError } from '../core/errors.ts';
import type { Forecast, ForecastMethod } from './forecast.ts';
import { seasonalNaiveScale } from './meanAbsoluteScaledError.ts';
import type { SeasonalSeries } from './series.ts';

export interface PoolOptions {
  readonly series: readonly SeasonalSeries[];
  readonly pool: readonly ForecastMethod[];
  readonly horizonPeriods: number;
  /** Shortest training window used for the past forecasts that rank the pool. */
  readonly minTrainingPeriods: number;
}

/**
 * Forecasts of every pool member at every origin of every series, with the seasonal naive
 * scale of each training window and the scaled errors summed over series and horizons. Origins
 * are keyed by training length, so all series must cover the same periods (the CBS table does).
 */
export interface PoolHistory {
  readonly seriesLength: number;
  /** forecasts[series][trainingLength][member] */
  readonly forecasts: Forecast[][][];
  /** scales[series][trainingLength] */
  readonly scales: number[][];
  /** errorSums[member][trainingLength]; 0 where the targets are not all observed. */
  readonly errorSums: number[][];
}

export function poolHistory(options: PoolOptions, lastTrainingLength: number): PoolHistory {
  const { series, pool, horizonPeriods: horizon, minTrainingPeriods } = options;
  const seriesLength = sharedLength(series);
  const errorSums = pool.map(() => new Array<number>(lastTrainingLength + 1).fill(0));
  const scales = series.map(() => [] as number[]);
  const forecasts = series.map((one, s) => {
    const byLength: Forecast[][] = [];
    for (let length = minTrainingPeriods; length <= lastTrainingLength; length++) {
      const training = one.values.slice(0, length);
      const input = { values: training, seasonLength: one.seasonLength, horizon };
      const memberForecasts = pool.map((member) => member.forecast(input));
      const scale = seasonalNaiveScale(training, one.seasonLength);
      byLength[length] = memberForecasts;
      scales[s]![length] = scale;
      if (length + horizon > one.values.length) continue;

      memberForecasts.forEach((forecast, m) => {
        let sum = 0;
        for (let h = 0; h < horizon; h++) {
          sum += Math.abs(one.values[length + h]! - forecast.point[h]!) / scale;
        }
        errorSums[m]![length] = errorSums[m]![length]! + sum;
      });
    }
    return byLength;
  });
  return { seriesLength, forecasts, scales, errorSums };
}

/**
 * The indices of the `count` members with the lowest summed error over the origins whose
 * targets were all observed before a forecast from `trainingLength` values: only the past
 * decides. TODO: with no such origin yet (training shorter than minTrainingPeriods + horizon)
 * every total is 0 and the first members of the pool (the lowest α) win by order alone.
 */
export function bestMembers(
  history: PoolHistory,
  options: PoolOptions,
  trainingLength: number,
  count: number,
): number[] {
  const lastUsable = trainingLength - options.horizonPeriods;
  const totals = history.errorSums.map((row) => {
    let total = 0;
    for (let length = options.minTrainingPeriods; length <= lastUsable; length++) {
      total += row[length]!;
    }
    return total;
  });
  return totals
    .map((total, index) => ({ total, index }))
    .sort((a, b) => a.total - b.total || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.index);
}

function sharedLength(series: readonly SeasonalSeries[]): number {
  const length = series[0]?.values.length ?? 0;
  if (series.some((one) => one.values.length !== length)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'the panel selection needs series that cover the same periods; trim them to a common start and end',
    );
  }
  return length;
}
