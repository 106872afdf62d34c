import type { ForecastMethod } from './forecast.ts';
import { seasonallyAdjusted } from './seasonallyAdjusted.ts';
import { smoothedLevelForecast } from './smoothedLevel.ts';

/**
 * The pool the panel selection chooses from: exponential smoothing of the multiplicatively
 * seasonally adjusted series with a fixed α and a share of the recent slope. Fitting α per
 * series by likelihood is noisy on 8-17 years of quarters; choosing it across all series by
 * multi-step errors uses 39 times the data. Multiplicative, because a sickness-absence rate
 * swings by a similar share, not a similar amount, around its level.
 */
export function smoothingPool(
  alphas: readonly number[] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  driftShares: readonly number[] = [0, 0.5, 1],
): ForecastMethod[] {
  return alphas.flatMap((alpha) =>
    driftShares.map((driftShare) =>
      seasonallyAdjusted(
        `ses(a=${alpha},d=${driftShare})`,
        `SES with α = ${alpha} and ${driftShare} of the recent slope on adjusted data`,
        'multiplicative',
        (adjusted, horizon) => smoothedLevelForecast(adjusted, horizon, { alpha, driftShare }),
      ),
    ),
  );
}
