export interface ThresholdRow {
  /** Rows with score >= cutoff are flagged. */
  cutoff: number;
  flaggedShare: number;
  /** Share of positives flagged (sensitivity, recall). */
  sensitivity: number;
  /** Share of negatives flagged (false-alarm rate, 1 - specificity). */
  falseAlarmRate: number;
  /** Share of flagged rows that are positive (positive predictive value); NaN if none flagged. */
  ppv: number;
  truePositives: number;
  falsePositives: number;
}

/** Operating characteristics at each cut-off, as a case manager would read them. */
export function thresholdTable(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  cutoffs: readonly number[],
): ThresholdRow[] {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels differ in length');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  return cutoffs.map((cutoff) => {
    let truePositives = 0;
    let falsePositives = 0;
    for (let i = 0; i < n; i++) {
      if (scores[i]! < cutoff) continue;
      if (labels[i] === 1) truePositives++;
      else falsePositives++;
    }
    const flagged = truePositives + falsePositives;
    return {
      cutoff,
      flaggedShare: flagged / n,
      sensitivity: truePositives / positives,
      falseAlarmRate: falsePositives / negatives,
      ppv: flagged === 0 ? Number.NaN : truePositives / flagged,
      truePositives,
      falsePositives,
    };
  });
}
