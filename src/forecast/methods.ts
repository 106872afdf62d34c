import { AppError } from '../core/errors.ts';
import { autoEts, forecastFromFit, selectEts } from './autoEts.ts';
import { combineMethods } from './combination.ts';
import type { ForecastMethod } from './forecast.ts';
import { seasonalNaive } from './seasonalNaive.ts';
import { seasonallyAdjusted } from './seasonallyAdjusted.ts';
import { theta } from './theta.ts';

/** Seasonal decomposition, then simple exponential smoothing with α fitted per series. */
export const adjustedSes = seasonallyAdjusted(
  'sa-ses',
  'SES with fitted α on additively seasonally adjusted data',
  'additive',
  (adjusted, horizon) => forecastFromFit(selectEts(adjusted, 1, ['none']), horizon),
);

/** Seasonal decomposition, then an additive damped trend (ETS(A,Ad,N)) fitted per series. */
export const adjustedDamped = seasonallyAdjusted(
  'sa-damped',
  'damped trend ETS(A,Ad,N) on additively seasonally adjusted data',
  'additive',
  (adjusted, horizon) => forecastFromFit(selectEts(adjusted, 1, ['damped']), horizon),
);

/** ETS, Theta and the damped trend averaged: the combination the M-competitions favour. */
export const combination = combineMethods('comb', [autoEts, theta, adjustedDamped]);

/** Every method that runs per series without optional packages, in report order. */
export const builtInMethods: readonly ForecastMethod[] = [
  seasonalNaive,
  autoEts,
  theta,
  adjustedSes,
  adjustedDamped,
  combination,
];

/**
 * Looks up methods by name; `extra` holds methods loaded at run time (mstl). Unknown names are
 * an INVALID_ARGUMENT error that lists the known ones.
 */
export function methodsByName(
  names: readonly string[],
  extra: readonly ForecastMethod[] = [],
): ForecastMethod[] {
  const known = [...builtInMethods, ...extra];
  const knownNames = [...new Set([...known.map((m) => m.name), 'mstl'])];
  return names.map((name) => {
    const method = known.find((m) => m.name === name);
    if (method === undefined) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `unknown forecasting method "${name}"; choose from ${knownNames.join(', ')}`,
      );
    }
    return method;
  });
}
