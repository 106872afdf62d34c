import { normalQuantile } from '../survival/kaplanMeier.ts';

export interface AucEstimate {
  auc: number;
  standardError: number;
  lower: number;
  upper: number;
}

/**
 * AUC with DeLong's (1988) standard error and a normal interval clipped to [0, 1]. Each row's
 * placement value (its share of the other class it beats, ties half) comes from mid-ranks, so
 * the cost is one sort.
 */
export function aucWithConfidence(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  confidence = 0.95,
): AucEstimate {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels differ in length');
  const all = midRanks(scores, () => true);
  const positiveRanks = midRanks(scores, (i) => labels[i] === 1);
  const negativeRanks = midRanks(scores, (i) => labels[i] !== 1);
  let m = 0;
  for (let i = 0; i < n; i++) m += labels[i] === 1 ? 1 : 0;
  const k = n - m;
  if (m === 0 || k === 0) return { auc: NaN, standardError: NaN, lower: NaN, upper: NaN };

  // Placement values: V10 for positives (negatives beaten), V01 for negatives (positives above).
  let auc = 0;
  const v10: number[] = [];
  const v01: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      const value = (all[i]! - positiveRanks[i]!) / k;
      v10.push(value);
      auc += value / m;
    } else {
      v01.push(1 - (all[i]! - negativeRanks[i]!) / m);
    }
  }
  const variance = sampleVariance(v10) / m + sampleVariance(v01) / k;
  const standardError = Math.sqrt(variance);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    auc,
    standardError,
    lower: Math.max(0, auc - z * standardError),
    upper: Math.min(1, auc + z * standardError),
  };
}

/** Mid-ranks (1-based, ties averaged) among the rows that pass `include`; NaN for the rest. */
function midRanks(scores: ArrayLike<number>, include: (i: number) => boolean): Float64Array {
  const ranks = new Float64Array(scores.length).fill(Number.NaN);
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (include(i)) order.push(i);
  order.sort((a, b) => scores[a]! - scores[b]!);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    for (let j = start; j < end; j++) ranks[order[j]!] = (start + 1 + end) / 2;
    start = end;
  }
  return ranks;
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}
