/**
 * Exponential smoothing in state-space form with additive errors (Hyndman, Koehler, Ord &
 * Snyder 2008, "class 1" models): ETS(A,N,N), (A,N,A), (A,Ad,N), (A,Ad,A) and undamped trend.
 * Additive errors keep the likelihood a plain sum of squares and give closed-form variances.
 */
export type EtsTrend = 'none' | 'additive' | 'damped';

export interface EtsSpec {
  readonly trend: EtsTrend;
  /** 1 for a model without a seasonal component. */
  readonly seasonLength: number;
}

export interface EtsParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** 1 unless the trend is damped. */
  readonly phi: number;
  readonly level0: number;
  readonly trend0: number;
  /** Initial seasonal offsets keyed by `t % seasonLength`; empty without a seasonal component. */
  readonly season0: readonly number[];
}

export interface EtsState {
  readonly level: number;
  readonly trend: number;
  /** Latest seasonal offset keyed by `t % seasonLength`, t counting from the first value. */
  readonly season: readonly number[];
  readonly sumSquaredErrors: number;
}

export function isSeasonal(spec: EtsSpec): boolean {
  return spec.seasonLength > 1;
}

export function etsSpecName(spec: EtsSpec): string {
  const trend = { none: 'N', additive: 'A', damped: 'Ad' }[spec.trend];
  return `ETS(A,${trend},${isSeasonal(spec) ? 'A' : 'N'})`;
}

/**
 * Runs the smoothing recursions over `values` and returns the final states and the sum of
 * squared one-step errors. Written allocation-free apart from the seasonal ring because the
 * optimiser calls it thousands of times per fit.
 */
export function filterEts(
  values: readonly number[],
  spec: EtsSpec,
  params: EtsParameters,
  seasonRing: number[] = params.season0.slice(),
): EtsState {
  const m = spec.seasonLength;
  const hasSeason = m > 1;
  const hasTrend = spec.trend !== 'none';
  const { alpha, beta, gamma, phi } = params;
  let level = params.level0;
  let trend = hasTrend ? params.trend0 : 0;
  let sumSquaredErrors = 0;

  for (let t = 0; t < values.length; t++) {
    const position = hasSeason ? t % m : 0;
    const seasonPrevious = hasSeason ? seasonRing[position]! : 0;
    const dampedTrend = phi * trend;
    const error = values[t]! - (level + dampedTrend + seasonPrevious);
    sumSquaredErrors += error * error;
    level = level + dampedTrend + alpha * error;
    if (hasTrend) trend = dampedTrend + beta * error;
    if (hasSeason) seasonRing[position] = seasonPrevious + gamma * error;
  }
  return { level, trend, season: seasonRing, sumSquaredErrors };
}

/**
 * Point forecasts and forecast standard deviations for horizons 1..H after `n` observations,
 * from the closed-form variance of class 1 models (Hyndman et al. 2008, Table 6.1):
 * var(h) = sigma² (1 + Σ_{j<h} c_j²), c_j = α + β(φ + … + φ^j) + γ [j mod m = 0].
 */
export function etsForecast(
  spec: EtsSpec,
  params: EtsParameters,
  state: EtsState,
  n: number,
  sigma2: number,
  horizon: number,
): { point: number[]; sd: number[] } {
  const m = spec.seasonLength;
  const point: number[] = [];
  const sd: number[] = [];
  let dampSum = 0;
  let varianceSum = 1;
  for (let h = 1; h <= horizon; h++) {
    dampSum += params.phi ** h;
    const season = m > 1 ? state.season[(n + h - 1) % m]! : 0;
    const trend = spec.trend === 'none' ? 0 : dampSum * state.trend;
    point.push(state.level + trend + season);
    sd.push(Math.sqrt(sigma2 * varianceSum));

    // c_h for the next horizon's variance.
    const trendPart = spec.trend === 'none' ? 0 : params.beta * dampSum;
    const seasonPart = m > 1 && h % m === 0 ? params.gamma : 0;
    varianceSum += (params.alpha + trendPart + seasonPart) ** 2;
  }
  return { point, sd };
}
