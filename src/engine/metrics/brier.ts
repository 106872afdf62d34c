/** Mean squared difference between predicted probabilities and 0/1 outcomes. */
export function brier(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = probabilities.length;
  if (labels.length !== n) throw new RangeError('probabilities and labels differ in length');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / n;
}
