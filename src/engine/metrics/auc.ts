/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counted as one half (the Mann-Whitney statistic). NaN when a class is empty.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError('scores and labels differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);

  let positives = 0;
  let rankSumPositives = 0;
  // Walk groups of tied scores, giving each member the group's mean rank.
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]!] === scores[order[start]!]) end++;
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSumPositives += meanRank;
      }
    }
    start = end;
  }

  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
