/**
 * The mean absolute error of the seasonal naive method inside a training window: the scale of
 * MASE (Hyndman & Koehler 2006), so that an error of 1 means "as bad as last year's value was
 * in the past". Returns NaN when the window is shorter than one season plus one.
 */
export function seasonalNaiveScale(training: readonly number[], seasonLength: number): number {
  let sum = 0;
  for (let t = seasonLength; t < training.length; t++) {
    sum += Math.abs(training[t]! - training[t - seasonLength]!);
  }
  return training.length > seasonLength ? sum / (training.length - seasonLength) : Number.NaN;
}

/** |actual - forecast| / scale for each horizon, for one forecast origin. */
export function absoluteScaledErrors(
  actual: readonly number[],
  point: readonly number[],
  scale: number,
): number[] {
  return actual.map((a, i) => Math.abs(a - point[i]!) / scale);
}
