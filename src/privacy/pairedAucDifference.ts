import { placementValues } from '../engine/metrics/placementValues.ts';

/** The normal quantile of a two-sided 95 % interval. */
const z95 = 1.959963984540054;

export interface AucDifference {
  aucA: number;
  aucB: number;
  /** aucA - aucB. */
  difference: number;
  standardError: number;
  /** 95 % normal interval of the difference. */
  lower: number;
  upper: number;
  /** Clusters (persons) that the variance was computed over. */
  clusters: number;
}

/**
 * The difference between the AUCs of two scores of the same rows, with a standard error that
 * respects both the pairing (the same rows, so the two AUCs are correlated and their difference
 * varies much less than each) and the clustering (several episodes of one person are not
 * independent): DeLong, DeLong and Clarke-Pearson's (1988) structural components summed per
 * cluster, as in Obuchowski (1997), "Nonparametric analysis of clustered ROC curve data",
 * Biometrics 53: 567-578, applied to the difference of the two components. With one row per
 * cluster it is DeLong's paired test. NaN when a class is empty or there are fewer than 2 clusters.
 */
export function pairedAucDifference(
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  labels: ArrayLike<number>,
  clusters: ArrayLike<number>,
): AucDifference {
  const n = labels.length;
  if (scoresA.length !== n || scoresB.length !== n || clusters.length !== n) {
    throw new RangeError('scores, labels and clusters differ in length');
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  const a = placements(scoresA, labels);
  const b = placements(scoresB, labels);

  // Per cluster: the summed components of the difference, and its positives and negatives.
  const index = new Map<number, number>();
  const v10: number[] = [];
  const v01: number[] = [];
  const clusterPositives: number[] = [];
  const clusterNegatives: number[] = [];
  for (let i = 0; i < n; i++) {
    let k = index.get(clusters[i]!);
    if (k === undefined) {
      k = v10.length;
      index.set(clusters[i]!, k);
      v10.push(0);
      v01.push(0);
      clusterPositives.push(0);
      clusterNegatives.push(0);
    }
    const component = a.component[i]! - b.component[i]!;
    if (labels[i] === 1) {
      v10[k]! += component;
      clusterPositives[k]!++;
    } else {
      v01[k]! += component;
      clusterNegatives[k]!++;
    }
  }
  const difference = a.auc - b.auc;
  const clusterCount = v10.length;
  let s10 = 0;
  let s01 = 0;
  let s11 = 0;
  for (let k = 0; k < clusterCount; k++) {
    const d10 = v10[k]! - clusterPositives[k]! * difference;
    const d01 = v01[k]! - clusterNegatives[k]! * difference;
    s10 += d10 * d10;
    s01 += d01 * d01;
    s11 += d10 * d01;
  }
  const scale = clusterCount / (clusterCount - 1);
  const variance =
    (scale * s10) / (positives * positives) +
    (scale * s01) / (negatives * negatives) +
    (2 * scale * s11) / (positives * negatives);
  const standardError =
    positives === 0 || negatives === 0 || clusterCount < 2 ? Number.NaN : Math.sqrt(variance);
  return {
    aucA: a.auc,
    aucB: b.auc,
    difference,
    standardError,
    lower: difference - z95 * standardError,
    upper: difference + z95 * standardError,
    clusters: clusterCount,
  };
}

/** Each row's structural component (its placement value) and the AUC they give. */
function placements(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { auc: number; component: Float64Array } {
  const { values, positives, negatives } = placementValues(scores, labels);
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (labels[i] === 1) sum += values[i]!;
  return {
    auc: positives === 0 || negatives === 0 ? Number.NaN : sum / positives,
    component: values,
  };
}
