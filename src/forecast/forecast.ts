/**
 * Point forecasts and central prediction intervals for horizons 1..H; index h-1 holds horizon h.
 * The 80 % interval should hold the outcome 8 times in 10, the 95 % interval 19 times in 20.
 */
export interface Forecast {
  readonly point: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
}

export interface ForecastInput {
  /** The training window, oldest first, without gaps. */
  readonly values: readonly number[];
  readonly seasonLength: number;
  readonly horizon: number;
  /**
   * Forecasts already made on this same input, by method name, so that a combination does not
   * refit its members when the backtest also reports them on their own.
   */
  readonly memo?: Map<string, Forecast>;
}

export interface ForecastMethod {
  /** Short name used on the command line, e.g. `ets`. */
  readonly name: string;
  readonly description: string;
  forecast(input: ForecastInput): Forecast;
}

/** Runs `method` on `input`, reusing a forecast in `input.memo` when there is one. */
export function forecastWithMemo(method: ForecastMethod, input: ForecastInput): Forecast {
  const cached = input.memo?.get(method.name);
  if (cached !== undefined) return cached;
  const result = method.forecast(input);
  input.memo?.set(method.name, result);
  return result;
}

// Standard normal quantiles for the two central intervals we report.
const z80 = 1.2815515655446004;
const z95 = 1.959963984540054;

/** Normal intervals around `point` with standard deviation `sdByHorizon[h-1]`. */
export function normalForecast(point: readonly number[], sdByHorizon: readonly number[]): Forecast {
  return {
    point,
    lower80: point.map((p, i) => p - z80 * sdByHorizon[i]!),
    upper80: point.map((p, i) => p + z80 * sdByHorizon[i]!),
    lower95: point.map((p, i) => p - z95 * sdByHorizon[i]!),
    upper95: point.map((p, i) => p + z95 * sdByHorizon[i]!),
  };
}

/** Applies `transform` (monotone increasing) to every number of a forecast. */
export function mapForecast(
  forecast: Forecast,
  transform: (value: number, h: number) => number,
): Forecast {
  const apply = (values: readonly number[]) => values.map((v, i) => transform(v, i + 1));
  return {
    point: apply(forecast.point),
    lower80: apply(forecast.lower80),
    upper80: apply(forecast.upper80),
    lower95: apply(forecast.lower95),
    upper95: apply(forecast.upper95),
  };
}
