import { meanForecast } from './combination.ts';
import type { Forecast } from './forecast.ts';
import { ScoreAccumulator, type ForecastScore } from './forecastScore.ts';
import { bestMembers, poolHistory, type PoolHistory, type PoolOptions } from './poolHistory.ts';

export interface PanelSelectionOptions extends PoolOptions {
  /** How many of the best pool members to average. */
  readonly topCount: number;
}

export interface PanelChoice {
  /** Length of the training window the choice was made for. */
  readonly trainingLength: number;
  readonly members: readonly string[];
}

/**
 * The panel forecast at every origin from the first one with any ranking history: the mean of
 * the best members. Also keeps, per origin and horizon, the absolute scaled errors of those
 * forecasts whose targets are observed, which calibrate the intervals of later origins.
 */
interface PanelRun {
  readonly choices: Map<number, number[]>;
  /** points[trainingLength][series] */
  readonly points: Map<number, number[][]>;
  /** scaledErrors[trainingLength][horizon - 1] over series */
  readonly scaledErrors: Map<number, number[][]>;
  /** Interval quantiles per training length, filled on first use. */
  readonly quantiles: Map<number, { q80: number[]; q95: number[] } | undefined>;
}

function runPanel(history: PoolHistory, options: PanelSelectionOptions, last: number): PanelRun {
  const horizon = options.horizonPeriods;
  const run: PanelRun = {
    choices: new Map(),
    points: new Map(),
    scaledErrors: new Map(),
    quantiles: new Map(),
  };
  for (let length = options.minTrainingPeriods; length <= last; length++) {
    const chosen = bestMembers(history, options, length, options.topCount);
    const points = options.series.map((_, s) =>
      meanForecast(chosen.map((m) => history.forecasts[s]![length]![m]!)).point.slice(),
    );
    run.choices.set(length, chosen);
    run.points.set(length, points);
    // Only choices made with some ranking history calibrate the intervals; earlier ones are
    // the pool's order, not the rule.
    const hasHistory = length >= options.minTrainingPeriods + horizon;
    if (!hasHistory || length + horizon > history.seriesLength) continue;
    const errors = Array.from({ length: horizon }, (_, h) =>
      options.series.map(
        (one, s) =>
          Math.abs(one.values[length + h]! - points[s]![h]!) / history.scales[s]![length]!,
      ),
    );
    run.scaledErrors.set(length, errors);
  }
  return run;
}

/**
 * The panel forecast for one series at one origin. Its intervals are empirical: the 80 % and
 * 95 % quantiles of the absolute scaled errors the panel made at horizon h on earlier origins
 * whose targets are observed, pooled over all series, times this window's scale. The members'
 * normal intervals assume the model is right and cover 65 % and 82 % here; past errors include
 * the shocks the models miss. Falls back to the members' mean interval without past errors.
 */
function panelForecast(
  history: PoolHistory,
  run: PanelRun,
  options: PanelSelectionOptions,
  length: number,
  s: number,
): Forecast {
  const chosen = run.choices.get(length)!;
  const members = meanForecast(chosen.map((m) => history.forecasts[s]![length]![m]!));
  const point = run.points.get(length)![s]!;
  const scale = history.scales[s]![length]!;
  const horizon = options.horizonPeriods;

  const quantiles = pastErrorQuantiles(run, length, horizon);
  if (quantiles === undefined) return members;
  const q80 = quantiles.q80.map((q) => scale * q);
  const q95 = quantiles.q95.map((q) => scale * q);
  return {
    point,
    lower80: point.map((p, h) => p - q80[h]!),
    upper80: point.map((p, h) => p + q80[h]!),
    lower95: point.map((p, h) => p - q95[h]!),
    upper95: point.map((p, h) => p + q95[h]!),
  };
}

/**
 * Per horizon, the 80 % and 95 % quantiles of the panel's absolute scaled errors on origins
 * whose targets precede a forecast from `length` values; the same for every series, so cached.
 */
function pastErrorQuantiles(
  run: PanelRun,
  length: number,
  horizon: number,
): { q80: number[]; q95: number[] } | undefined {
  const cached = run.quantiles.get(length);
  if (cached !== undefined || run.quantiles.has(length)) return cached;
  const past = Array.from({ length: horizon }, () => [] as number[]);
  for (const [origin, errors] of run.scaledErrors) {
    if (origin > length - horizon) continue;
    errors.forEach((values, h) => past[h]!.push(...values));
  }
  const result =
    past[0]!.length === 0
      ? undefined
      : {
          q80: past.map((values) => empiricalQuantile(values, 0.8)),
          q95: past.map((values) => empiricalQuantile(values, 0.95)),
        };
  run.quantiles.set(length, result);
  return result;
}

/**
 * Backtests the panel selection on the same protocol as `runBacktest`: at each origin, average
 * the `topCount` pool members that did best on all earlier, fully observed origins.
 */
export function backtestPanelSelection(
  options: PanelSelectionOptions & { readonly evaluationPeriods: number; readonly name: string },
): { score: ForecastScore; choices: PanelChoice[] } {
  const { series, horizonPeriods: horizon, evaluationPeriods } = options;
  const length = series[0]?.values.length ?? 0;
  const history = poolHistory(options, length - horizon);
  const run = runPanel(history, options, length - horizon);
  const accumulator = new ScoreAccumulator(options.name, horizon);
  const choices: PanelChoice[] = [];

  const first = Math.max(length - evaluationPeriods, options.minTrainingPeriods);
  for (let trainingLength = first; trainingLength <= length - horizon; trainingLength++) {
    const chosen = run.choices.get(trainingLength)!;
    choices.push({ trainingLength, members: chosen.map((m) => options.pool[m]!.name) });
    series.forEach((one, s) => {
      const forecast = panelForecast(history, run, options, trainingLength, s);
      const actual = one.values.slice(trainingLength, trainingLength + horizon);
      accumulator.add(actual, forecast, history.scales[s]![trainingLength]!);
    });
  }
  return { score: accumulator.score(), choices };
}

/** Forecasts every series from its full history with the members chosen on all past origins. */
export function forecastPanelSelection(options: PanelSelectionOptions): {
  members: string[];
  forecasts: Forecast[];
} {
  const length = options.series[0]?.values.length ?? 0;
  const history = poolHistory(options, length);
  const run = runPanel(history, options, length);
  return {
    members: run.choices.get(length)!.map((m) => options.pool[m]!.name),
    forecasts: options.series.map((_, s) => panelForecast(history, run, options, length, s)),
  };
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7). */
export function empiricalQuantile(values: readonly number[], probability: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
