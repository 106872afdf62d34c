/**
 * Harrell's concordance index for censored durations: among comparable pairs (the shorter
 * duration ended in an event, the other lasted strictly longer), the share where the shorter one
 * has the higher risk score; tied scores count one half. Pairs with equal durations are not
 * comparable. A Fenwick tree over score ranks makes it O(n log n).
 */
export function concordanceIndex(
  riskScores: ArrayLike<number>,
  durations: ArrayLike<number>,
  events: ArrayLike<number>,
): number {
  const n = riskScores.length;
  if (durations.length !== n || events.length !== n) throw new RangeError('lengths differ');

  // Dense ranks of the scores, 1-based.
  const byScore = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => riskScores[a]! - riskScores[b]!,
  );
  const rank = new Int32Array(n);
  let distinct = 0;
  byScore.forEach((i, k) => {
    if (k === 0 || riskScores[i] !== riskScores[byScore[k - 1]!]) distinct++;
    rank[i] = distinct;
  });
  const tree = new Float64Array(distinct + 1);
  const add = (r: number): void => {
    for (let j = r; j <= distinct; j += j & -j) tree[j]! += 1;
  };
  const countUpTo = (r: number): number => {
    let total = 0;
    for (let j = r; j > 0; j -= j & -j) total += tree[j]!;
    return total;
  };

  // Walk durations from longest to shortest; the tree holds everyone strictly longer.
  const byDuration = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => durations[b]! - durations[a]!,
  );
  let inTree = 0;
  let concordant = 0;
  let comparable = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && durations[byDuration[end]!] === durations[byDuration[start]!]) end++;
    for (let k = start; k < end; k++) {
      const i = byDuration[k]!;
      if (events[i] !== 1) continue;
      const below = countUpTo(rank[i]! - 1);
      const tied = countUpTo(rank[i]!) - below;
      concordant += below + tied / 2;
      comparable += inTree;
    }
    for (let k = start; k < end; k++) add(rank[byDuration[k]!]!);
    inTree += end - start;
    start = end;
  }
  return comparable === 0 ? Number.NaN : concordant / comparable;
}
