/**
 * Each row's placement value (DeLong 1988): for a positive, the share of negatives it scores
 * above; for a negative, the share of positives scoring above it; ties count half. From
 * mid-ranks: one sort of all rows and one per class. NaN everywhere when a class is empty.
 */
export function placementValues(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { values: Float64Array; positives: number; negatives: number } {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels differ in length');
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  const all = midRanks(scores, () => true);
  const positiveRanks = midRanks(scores, (i) => labels[i] === 1);
  const negativeRanks = midRanks(scores, (i) => labels[i] !== 1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    values[i] =
      labels[i] === 1
        ? (all[i]! - positiveRanks[i]!) / negatives
        : 1 - (all[i]! - negativeRanks[i]!) / positives;
  }
  return { values, positives, negatives };
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
