import { shuffled, type Random } from '../../core/random.ts';

export interface Fold {
  train: number[];
  test: number[];
}

/**
 * k folds whose test parts keep the share of positives, each class dealt round-robin over the
 * folds after a shuffle. Every index is in exactly one test part.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, random: Random): Fold[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer of at least 2');
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]!) ?? [];
    members.push(i);
    byClass.set(labels[i]!, members);
  }

  const testParts: number[][] = Array.from({ length: k }, () => []);
  let offset = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = shuffled(byClass.get(label)!, random);
    members.forEach((index, position) => testParts[(position + offset) % k]!.push(index));
    offset += members.length;
  }

  return testParts.map((test, foldIndex) => ({
    train: testParts
      .flatMap((part, other) => (other === foldIndex ? [] : part))
      .sort((a, b) => a - b),
    test: test.sort((a, b) => a - b),
  }));
}

/** `repeats` independent rounds of stratified k-fold splits, as in repeated cross-validation. */
export function repeatedStratifiedFolds(
  labels: ArrayLike<number>,
  options: { folds: number; repeats: number; random: Random },
): Fold[] {
  return Array.from({ length: options.repeats }, () =>
    stratifiedFolds(labels, options.folds, options.random),
  ).flat();
}
