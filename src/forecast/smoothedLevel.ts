import { normalForecast, type Forecast } from './forecast.ts';

export interface SmoothedLevelOptions {
  /** Smoothing constant in (0, 1]: the weight of the newest value in the level. */
  readonly alpha: number;
  /**
   * Share of the recent slope to carry forward, 0 to 1. The slope is the change between the
   * mean of the last four values and the mean of four values two years earlier, per period,
   * and it is damped by half each period ahead, so it adds at most one period's worth.
   */
  readonly driftShare: number;
}

// Damping of the recent slope per period ahead: absence rates move in level shifts that rarely
// continue for long, so the slope is trusted for about one period.
const slopeDampingPerPeriod = 0.5;

/**
 * Simple exponential smoothing with a fixed smoothing constant and an optional, strongly
 * damped recent slope: the cheap members of the panel selection pool, where the smoothing
 * constant is chosen across all series by rolling-origin errors instead of per series.
 * Intervals follow SES: var(h) = σ² (1 + (h - 1) α²).
 */
export function smoothedLevelForecast(
  values: readonly number[],
  horizon: number,
  options: SmoothedLevelOptions,
): Forecast {
  const { alpha, driftShare } = options;
  const n = values.length;

  // Step 1: the level and the one-step errors that estimate σ².
  let level = values[0]!;
  let sumSquares = 0;
  for (let t = 1; t < n; t++) {
    const error = values[t]! - level;
    sumSquares += error * error;
    level += alpha * error;
  }
  const sigma2 = sumSquares / Math.max(n - 2, 1);

  // Step 2: the recent slope, when there are three years to measure it from.
  const slope =
    n >= 12 && driftShare > 0 ? (meanOf(values, n - 4, n) - meanOf(values, n - 12, n - 8)) / 8 : 0;

  const point: number[] = [];
  const sd: number[] = [];
  let carried = 0;
  for (let h = 1; h <= horizon; h++) {
    carried += slopeDampingPerPeriod ** h;
    point.push(level + driftShare * carried * slope);
    sd.push(Math.sqrt(sigma2 * (1 + (h - 1) * alpha * alpha)));
  }
  return normalForecast(point, sd);
}

function meanOf(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let t = from; t < to; t++) sum += values[t]!;
  return sum / (to - from);
}
