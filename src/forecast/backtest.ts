import { AppError } from '../core/errors.ts';
import type { Forecast, ForecastMethod } from './forecast.ts';
import { forecastWithMemo } from './forecast.ts';
import { ScoreAccumulator, type ForecastScore } from './forecastScore.ts';
import { seasonalNaiveScale } from './meanAbsoluteScaledError.ts';
import type { SeasonalSeries } from './series.ts';

export interface BacktestOptions {
  readonly series: readonly SeasonalSeries[];
  readonly methods: readonly ForecastMethod[];
  /** Forecasts are made and scored for horizons 1..horizonPeriods. */
  readonly horizonPeriods: number;
  /**
   * Every forecast target lies in the last `evaluationPeriods` periods of its series: the first
   * origin forecasts the first period of that window, the last origin ends on the last value.
   */
  readonly evaluationPeriods: number;
  /** Shortest training window allowed; the default is four seasons. */
  readonly minTrainingPeriods?: number;
}

export interface BacktestResult {
  readonly scores: readonly ForecastScore[];
  /** Origins per series: evaluationPeriods - horizonPeriods + 1. */
  readonly originsPerSeries: number;
  readonly seriesCount: number;
  /** Wall time spent in each method's forecasts; members reused by a combination count once. */
  readonly elapsedMsByMethod: Readonly<Record<string, number>>;
}

/** The origins of one series, as the length of each training window, oldest first. */
export function originLengths(
  seriesLength: number,
  horizonPeriods: number,
  evaluationPeriods: number,
): number[] {
  const lengths: number[] = [];
  for (let n = seriesLength - evaluationPeriods; n <= seriesLength - horizonPeriods; n++) {
    lengths.push(n);
  }
  return lengths;
}

/**
 * Rolling-origin evaluation (Tashman 2000): at each origin every method sees only the values
 * before it and forecasts the next `horizonPeriods`. Errors are scaled by the in-sample MAE of
 * the seasonal naive method on that same training window, so a value below 1 beats last year's
 * value as it did in the past, and series of different levels weigh equally.
 */
export function runBacktest(options: BacktestOptions): BacktestResult {
  const { series, methods, horizonPeriods: horizon, evaluationPeriods } = options;
  validateBacktest(options);

  const accumulators = methods.map((m) => new ScoreAccumulator(m.name, horizon));
  const elapsedMsByMethod: Record<string, number> = Object.fromEntries(
    methods.map((m) => [m.name, 0]),
  );

  for (const one of series) {
    for (const trainingLength of originLengths(one.values.length, horizon, evaluationPeriods)) {
      const training = one.values.slice(0, trainingLength);
      const actual = one.values.slice(trainingLength, trainingLength + horizon);
      const scale = seasonalNaiveScale(training, one.seasonLength);
      if (!(scale > 0)) {
        throw new AppError('INVALID_INPUT', 'MASE is undefined for this series', [
          {
            field: one.key,
            message: `repeats its seasonal pattern exactly in the first ${trainingLength} values, so the seasonal naive error that scales MASE is 0.`,
            hint: 'Leave this series out or start it later.',
          },
        ]);
      }
      const memo = new Map<string, Forecast>();
      const input = { values: training, seasonLength: one.seasonLength, horizon, memo };

      methods.forEach((method, i) => {
        const started = performance.now();
        const forecast = forecastWithMemo(method, input);
        elapsedMsByMethod[method.name] =
          elapsedMsByMethod[method.name]! + (performance.now() - started);
        accumulators[i]!.add(actual, forecast, scale);
      });
    }
  }

  return {
    scores: accumulators.map((a) => a.score()),
    originsPerSeries: evaluationPeriods - horizon + 1,
    seriesCount: series.length,
    elapsedMsByMethod,
  };
}

/** Checks the options against the series; every problem becomes one issue. */
export function validateBacktest(options: BacktestOptions): void {
  const { series, horizonPeriods: horizon, evaluationPeriods } = options;
  const issues: { field: string; message: string; hint?: string }[] = [];
  if (!Number.isInteger(horizon) || horizon < 1) {
    issues.push({ field: 'horizonPeriods', message: 'must be a whole number of at least 1.' });
  }
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < horizon) {
    issues.push({
      field: 'evaluationPeriods',
      message: 'must be a whole number at least as large as the horizon.',
    });
  }
  if (series.length === 0) issues.push({ field: 'series', message: 'no series to evaluate.' });
  // One issue for the shortest series: the window is a global setting, not a per-series fault.
  const shortest = series.reduce<SeasonalSeries | undefined>(
    (a, b) => (a === undefined || b.values.length < a.values.length ? b : a),
    undefined,
  );
  if (shortest !== undefined) {
    const minTraining = options.minTrainingPeriods ?? 4 * shortest.seasonLength;
    if (shortest.values.length - evaluationPeriods < minTraining) {
      issues.push({
        field: shortest.key,
        message: `has ${shortest.values.length} values; an evaluation window of ${evaluationPeriods} leaves fewer than ${minTraining} for the first training window.`,
        hint: `Use an evaluation window of at most ${shortest.values.length - minTraining} or an earlier start.`,
      });
    }
  }
  for (const one of series) {
    if (one.values.some((v) => !Number.isFinite(v))) {
      issues.push({ field: one.key, message: 'contains missing or non-numeric values.' });
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_ARGUMENT', 'the backtest cannot run with these settings', issues);
  }
}
