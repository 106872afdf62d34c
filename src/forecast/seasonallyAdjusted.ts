import { classicalDecomposition, type DecompositionKind } from './classicalDecomposition.ts';
import { mapForecast, type Forecast, type ForecastInput, type ForecastMethod } from './forecast.ts';

/** Forecasts a series without seasonality, oldest value first, for horizons 1..H. */
export type NonSeasonalForecaster = (adjusted: readonly number[], horizon: number) => Forecast;

/**
 * Wraps a non-seasonal forecaster: take the seasonal pattern out by classical decomposition,
 * forecast what is left, put the pattern back (FPP3 §5.7). The seasonal pattern is treated as
 * known, so intervals are slightly too narrow by its estimation error.
 */
export function seasonallyAdjusted(
  name: string,
  description: string,
  kind: DecompositionKind,
  forecaster: NonSeasonalForecaster,
): ForecastMethod {
  return {
    name,
    description,
    forecast(input: ForecastInput) {
      const { values, seasonLength: m, horizon } = input;
      const decomposition = classicalDecomposition(values, m, kind);
      const adjustedForecast = forecaster(decomposition.adjusted, horizon);
      const n = values.length;
      return mapForecast(adjustedForecast, (value, h) => {
        const index = decomposition.seasonalIndex[(n + h - 1) % m]!;
        return kind === 'additive' ? value + index : value * index;
      });
    },
  };
}
