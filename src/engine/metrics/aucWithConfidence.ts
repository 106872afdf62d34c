import { normalQuantile } from '../survival/kaplanMeier.ts';
import { placementValues } from './placementValues.ts';

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
  const { values, positives: m, negatives: k } = placementValues(scores, labels);
  if (m === 0 || k === 0) return { auc: NaN, standardError: NaN, lower: NaN, upper: NaN };

  // Placement values: V10 for positives (negatives beaten), V01 for negatives (positives above).
  let auc = 0;
  const v10: number[] = [];
  const v01: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (labels[i] === 1) {
      v10.push(values[i]!);
      auc += values[i]! / m;
    } else {
      v01.push(values[i]!);
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

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}
