/**
 * Isotonic calibration: the non-decreasing step function of the score closest (weighted least
 * squares) to the 0/1 outcomes, by pool adjacent violators. Fit it on held-out data, never on the
 * rows the model was trained on, or it learns the model's overconfidence as if it were truth.
 */
export interface IsotonicCalibration {
  /** Per block of pooled scores: its lowest and highest score and its fitted rate. */
  lowerScores: Float64Array;
  upperScores: Float64Array;
  rates: Float64Array;
}

export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicCalibration {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels differ in length');
  if (n === 0) throw new RangeError('isotonic calibration needs at least one score');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);

  // Blocks as a stack; equal scores start in one block so ties get one rate.
  const lower: number[] = [];
  const upper: number[] = [];
  const sum: number[] = [];
  const weight: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const s = scores[i]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (lower.length > 0 && upper[upper.length - 1] === s) {
      sum[sum.length - 1]! += w * labels[i]!;
      weight[weight.length - 1]! += w;
    } else {
      lower.push(s);
      upper.push(s);
      sum.push(w * labels[i]!);
      weight.push(w);
    }
    // Pool while the last block's rate is not above the one before it (equal rates merge too).
    while (sum.length > 1) {
      const last = sum.length - 1;
      if (sum[last - 1]! / weight[last - 1]! < sum[last]! / weight[last]!) break;
      sum[last - 1]! += sum[last]!;
      weight[last - 1]! += weight[last]!;
      upper[last - 1] = upper[last]!;
      sum.pop();
      weight.pop();
      lower.pop();
      upper.pop();
    }
  }
  return {
    lowerScores: Float64Array.from(lower),
    upperScores: Float64Array.from(upper),
    rates: Float64Array.from(sum, (s, k) => s / weight[k]!),
  };
}

/** The calibrated probability: the block's rate, linear between blocks, flat beyond the ends. */
export function applyIsotonic(calibration: IsotonicCalibration, score: number): number {
  const { lowerScores, upperScores, rates } = calibration;
  const last = rates.length - 1;
  if (score <= upperScores[0]!) return rates[0]!;
  if (score >= lowerScores[last]!) return rates[last]!;
  let lo = 0;
  let hi = last;
  // Find the first block whose lower score is above the score.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lowerScores[mid]! <= score) lo = mid + 1;
    else hi = mid;
  }
  const previous = lo - 1;
  if (score <= upperScores[previous]!) return rates[previous]!;
  const from = upperScores[previous]!;
  const to = lowerScores[lo]!;
  const share = (score - from) / (to - from);
  return rates[previous]! + share * (rates[lo]! - rates[previous]!);
}
