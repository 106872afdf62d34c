import type { FeatureKind } from './featureMatrix.ts';

export interface SplitParams {
  lambda: number;
  minChildWeight: number;
  minSplitGain: number;
  /** Per feature: 1 = margin may only rise with the value, -1 = only fall, 0 = free. */
  monotone: Int8Array;
}

/** A node's gradient and hessian sums and the bounds monotone constraints put on its weight. */
export interface NodeStats {
  gradient: number;
  hessian: number;
  lower: number;
  upper: number;
}

export interface SplitCandidate {
  feature: number;
  gain: number;
  /** Numeric: bins 1..binThreshold go left. Categorical: unused (-1). */
  binThreshold: number;
  /** Categorical: the bins (code + 1) that go left; null for numeric splits. */
  leftBins: number[] | null;
  isDefaultLeft: boolean;
  left: NodeStats;
  right: NodeStats;
}

export interface HistogramLayout {
  binCounts: Int32Array;
  binOffsets: Int32Array;
  kinds: readonly FeatureKind[];
}

/** Weight of a leaf: the Newton step -G / (H + lambda), kept within monotone bounds. */
export function leafWeight(stats: NodeStats, lambda: number): number {
  const w = -stats.gradient / (stats.hessian + lambda);
  return Math.min(stats.upper, Math.max(stats.lower, w));
}

// Loss reduction of a leaf with weight w; equals G^2 / (H + lambda) when w is unconstrained.
function scoreOf(gradient: number, hessian: number, lambda: number, w: number): number {
  return -(2 * gradient * w + (hessian + lambda) * w * w);
}

/**
 * The best split of a node over the given features, or null when no split gains more than
 * minSplitGain. Ties keep the first found (lowest feature, lowest bin), so the search is
 * deterministic. Missing values are tried on both sides; the better side is learned.
 */
export function findBestSplit(
  histogram: Float64Array,
  node: NodeStats,
  features: Int32Array,
  layout: HistogramLayout,
  params: SplitParams,
): SplitCandidate | null {
  const { lambda } = params;
  const parentScore = scoreOf(node.gradient, node.hessian, lambda, leafWeight(node, lambda));
  const best = {
    gain: Math.max(params.minSplitGain, 1e-10),
    feature: -1,
    bin: -1,
    isDefaultLeft: false,
  };
  let bestLeftBins: number[] | null = null;
  let bestLeftGradient = 0;
  let bestLeftHessian = 0;

  const evaluate = (gl: number, hl: number, constraint: number): number => {
    const gr = node.gradient - gl;
    const hr = node.hessian - hl;
    if (hl < params.minChildWeight || hr < params.minChildWeight || hl <= 0 || hr <= 0) return -1;
    const wl = clamp(-gl / (hl + lambda), node.lower, node.upper);
    const wr = clamp(-gr / (hr + lambda), node.lower, node.upper);
    if ((constraint > 0 && wl > wr) || (constraint < 0 && wl < wr)) return -1;
    return scoreOf(gl, hl, lambda, wl) + scoreOf(gr, hr, lambda, wr) - parentScore;
  };

  for (let q = 0; q < features.length; q++) {
    const f = features[q]!;
    const base = layout.binOffsets[f]! * 2;
    const binCount = layout.binCounts[f]!;
    const missingGradient = histogram[base]!;
    const missingHessian = histogram[base + 1]!;
    const hasMissing = missingHessian > 0;
    const constraint = params.monotone[f] ?? 0;

    if (layout.kinds[f] === 'categorical') {
      const found = bestCategorySplit(histogram, base, binCount, lambda, (gl, hl) =>
        evaluate(gl, hl, 0),
      );
      if (found !== null && found.gain > best.gain) {
        best.gain = found.gain;
        best.feature = f;
        best.bin = -1;
        best.isDefaultLeft = found.isMissingLeft;
        bestLeftBins = found.leftBins;
        bestLeftGradient = found.leftGradient;
        bestLeftHessian = found.leftHessian;
      }
      continue;
    }

    const isFree = constraint === 0 && node.lower === -Infinity && node.upper === Infinity;
    if (isFree) {
      const found = bestFreeThreshold(histogram, base, binCount, node, params, best.gain);
      if (found !== null) {
        best.gain = found.gain;
        best.feature = f;
        best.bin = found.bin;
        best.isDefaultLeft = found.isDefaultLeft;
        bestLeftBins = null;
        bestLeftGradient = found.leftGradient;
        bestLeftHessian = found.leftHessian;
      }
      continue;
    }

    let gl = 0;
    let hl = 0;
    for (let b = 1; b < binCount; b++) {
      gl += histogram[base + 2 * b]!;
      hl += histogram[base + 2 * b + 1]!;
      // The last bin as threshold is the split "present versus missing".
      if (b === binCount - 1 && !hasMissing) break;
      const gainRight = evaluate(gl, hl, constraint);
      if (gainRight > best.gain) {
        best.gain = gainRight;
        best.feature = f;
        best.bin = b;
        // With no missing values here, unseen missing values follow the heavier child.
        best.isDefaultLeft = !hasMissing && hl >= node.hessian - hl;
        bestLeftBins = null;
        bestLeftGradient = gl;
        bestLeftHessian = hl;
      }
      if (hasMissing && b < binCount - 1) {
        const gainLeft = evaluate(gl + missingGradient, hl + missingHessian, constraint);
        if (gainLeft > best.gain) {
          best.gain = gainLeft;
          best.feature = f;
          best.bin = b;
          best.isDefaultLeft = true;
          bestLeftBins = null;
          bestLeftGradient = gl + missingGradient;
          bestLeftHessian = hl + missingHessian;
        }
      }
    }
  }

  if (best.feature < 0) return null;
  const left: NodeStats = {
    gradient: bestLeftGradient,
    hessian: bestLeftHessian,
    lower: node.lower,
    upper: node.upper,
  };
  const right: NodeStats = {
    gradient: node.gradient - bestLeftGradient,
    hessian: node.hessian - bestLeftHessian,
    lower: node.lower,
    upper: node.upper,
  };
  // Children of a constrained split share the midpoint of their weights as a bound (as XGBoost).
  const constraint = bestLeftBins === null ? (params.monotone[best.feature] ?? 0) : 0;
  if (constraint !== 0) {
    const mid = (leafWeight(left, lambda) + leafWeight(right, lambda)) / 2;
    if (constraint > 0) {
      left.upper = mid;
      right.lower = mid;
    } else {
      left.lower = mid;
      right.upper = mid;
    }
  }
  return {
    feature: best.feature,
    gain: best.gain,
    binThreshold: best.bin,
    leftBins: bestLeftBins,
    isDefaultLeft: best.isDefaultLeft,
    left,
    right,
  };
}

interface ThresholdSplit {
  gain: number;
  bin: number;
  isDefaultLeft: boolean;
  leftGradient: number;
  leftHessian: number;
}

/**
 * The numeric search above for a node without weight bounds and a feature without a monotone
 * constraint, the case of almost every node: each side scores G^2 / (H + lambda), so there is no
 * clamping and no weight to compute, about a third of the work per threshold. The order of the
 * candidates and the ties are those of the general loop.
 */
function bestFreeThreshold(
  histogram: Float64Array,
  base: number,
  binCount: number,
  node: NodeStats,
  params: SplitParams,
  gainToBeat: number,
): ThresholdSplit | null {
  const { lambda, minChildWeight } = params;
  const gradient = node.gradient;
  const hessian = node.hessian;
  const parentScore = (gradient * gradient) / (hessian + lambda);
  const missingGradient = histogram[base]!;
  const missingHessian = histogram[base + 1]!;
  const hasMissing = missingHessian > 0;
  // The last bin as threshold is the split "present versus missing", only worth trying with some.
  const lastBin = hasMissing ? binCount - 1 : binCount - 2;
  let bestGain = gainToBeat;
  let bestBin = -1;
  let isBestMissingLeft = false;
  let bestGl = 0;
  let bestHl = 0;
  let gl = 0;
  let hl = 0;
  for (let b = 1; b <= lastBin; b++) {
    gl += histogram[base + 2 * b]!;
    hl += histogram[base + 2 * b + 1]!;
    let hr = hessian - hl;
    if (hl >= minChildWeight && hr >= minChildWeight && hl > 0 && hr > 0) {
      const gr = gradient - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestBin = b;
        isBestMissingLeft = false;
        bestGl = gl;
        bestHl = hl;
      }
    }
    if (hasMissing && b < binCount - 1) {
      const glm = gl + missingGradient;
      const hlm = hl + missingHessian;
      hr = hessian - hlm;
      if (hlm >= minChildWeight && hr >= minChildWeight && hlm > 0 && hr > 0) {
        const gr = gradient - glm;
        const gain = (glm * glm) / (hlm + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestBin = b;
          isBestMissingLeft = true;
          bestGl = glm;
          bestHl = hlm;
        }
      }
    }
  }
  if (bestBin < 0) return null;
  return {
    gain: bestGain,
    bin: bestBin,
    // With no missing values here, unseen missing values follow the heavier child.
    isDefaultLeft: isBestMissingLeft || (!hasMissing && bestHl >= hessian - bestHl),
    leftGradient: bestGl,
    leftHessian: bestHl,
  };
}

interface CategorySplit {
  gain: number;
  leftBins: number[];
  isMissingLeft: boolean;
  leftGradient: number;
  leftHessian: number;
}

/**
 * Categories ordered by their Newton weight; the best prefix of that order goes left (Fisher 1958,
 * as LightGBM). Optimal for a quadratic loss approximation, and linear after the sort.
 */
function bestCategorySplit(
  histogram: Float64Array,
  base: number,
  binCount: number,
  lambda: number,
  evaluate: (gl: number, hl: number) => number,
): CategorySplit | null {
  const present: number[] = [];
  for (let b = 1; b < binCount; b++) if (histogram[base + 2 * b + 1]! > 0) present.push(b);
  if (present.length < 2 && histogram[base + 1]! <= 0) return null;
  const ratio = (b: number): number =>
    histogram[base + 2 * b]! / (histogram[base + 2 * b + 1]! + lambda);
  present.sort((a, b) => ratio(a) - ratio(b) || a - b);

  const missingGradient = histogram[base]!;
  const missingHessian = histogram[base + 1]!;
  let best: CategorySplit | null = null;
  let gl = 0;
  let hl = 0;
  for (let k = 0; k < present.length; k++) {
    const b = present[k]!;
    gl += histogram[base + 2 * b]!;
    hl += histogram[base + 2 * b + 1]!;
    const options: [number, number, boolean][] = [[gl, hl, false]];
    if (missingHessian > 0) options.push([gl + missingGradient, hl + missingHessian, true]);
    for (const [g, h, isMissingLeft] of options) {
      const gain = evaluate(g, h);
      if (gain > (best?.gain ?? 0)) {
        best = {
          gain,
          leftBins: present.slice(0, k + 1),
          isMissingLeft,
          leftGradient: g,
          leftHessian: h,
        };
      }
    }
  }
  return best;
}

function clamp(value: number, lower: number, upper: number): number {
  return Math.min(upper, Math.max(lower, value));
}
