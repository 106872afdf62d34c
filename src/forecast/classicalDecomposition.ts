import { AppError } from '../core/errors.ts';

export type DecompositionKind = 'additive' | 'multiplicative';

export interface ClassicalDecomposition {
  readonly kind: DecompositionKind;
  /**
   * One index per position in the cycle, keyed by `t % seasonLength` where t is the index into
   * the decomposed values: an offset (additive, summing to 0) or a factor (multiplicative,
   * averaging 1).
   */
  readonly seasonalIndex: readonly number[];
  /** The values with the seasonal pattern taken out. */
  readonly adjusted: readonly number[];
}

/**
 * Classical decomposition: a centred moving average of one cycle as the trend, and the mean
 * detrended value of each season as its index (FPP3 §3.4). Crude, but with only 8-17 years of
 * quarters a seasonal pattern that stays fixed is estimated with less noise than one that moves.
 */
export function classicalDecomposition(
  values: readonly number[],
  seasonLength: number,
  kind: DecompositionKind,
): ClassicalDecomposition {
  const m = seasonLength;
  const n = values.length;
  if (n < 2 * m + 1) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `a seasonal decomposition needs at least ${2 * m + 1} values, got ${n}; use a longer series`,
    );
  }

  // Step 1: trend by a centred moving average (2 x m for even m, m for odd m).
  const half = Math.floor(m / 2);
  const isEven = m % 2 === 0;
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    for (let j = -half; j <= half; j++) {
      const weight = isEven && Math.abs(j) === half ? 0.5 : 1;
      sum += weight * values[t + j]!;
    }
    const trend = sum / m;
    const season = t % m;
    sums[season] = sums[season]! + (kind === 'additive' ? values[t]! - trend : values[t]! / trend);
    counts[season] = counts[season]! + 1;
  }

  // Step 2: average per season, then normalise so the indices leave the annual level alone.
  const raw = sums.map((s, i) => s / counts[i]!);
  const centre = raw.reduce((a, b) => a + b, 0) / m;
  const seasonalIndex = raw.map((r) => (kind === 'additive' ? r - centre : r / centre));

  const adjusted = values.map((v, t) =>
    kind === 'additive' ? v - seasonalIndex[t % m]! : v / seasonalIndex[t % m]!,
  );
  return { kind, seasonalIndex, adjusted };
}
