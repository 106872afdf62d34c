import type { MarginExplanation } from './treeShap.ts';

export interface ProbabilityExplanation {
  /** sigmoid(baseMargin). */
  baseProbability: number;
  /** Row-major like the margin contributions; per row they sum to p - baseProbability. */
  contributions: Float64Array;
  featureCount: number;
}

/**
 * Moves margin contributions to the probability scale. Shapley values do not survive the
 * sigmoid, so this is a convention, not a Shapley decomposition of p: each row's change
 * sigmoid(margin) - sigmoid(base) is shared out in proportion to the margin contributions, which
 * keeps their signs and ratios and makes baseProbability + sum(contributions) = p. When the
 * margin contributions cancel to (almost) zero, the sigmoid's slope at the base scales them.
 */
export function toProbabilityScale(explanation: MarginExplanation): ProbabilityExplanation {
  const { baseMargin, contributions, featureCount } = explanation;
  const baseProbability = sigmoid(baseMargin);
  const slopeAtBase = baseProbability * (1 - baseProbability);
  const out = new Float64Array(contributions.length);
  const rowCount = featureCount === 0 ? 0 : contributions.length / featureCount;
  for (let i = 0; i < rowCount; i++) {
    const from = i * featureCount;
    let total = 0;
    for (let j = 0; j < featureCount; j++) total += contributions[from + j]!;
    const change = sigmoid(baseMargin + total) - baseProbability;
    const scale = Math.abs(total) > 1e-12 ? change / total : slopeAtBase;
    for (let j = 0; j < featureCount; j++) out[from + j] = contributions[from + j]! * scale;
  }
  return { baseProbability, contributions: out, featureCount };
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
