import {
  expectedBaseMargin,
  explainMargins,
  type MarginExplanation,
} from '../engine/shap/treeShap.ts';
import type { FeatureMatrix } from '../engine/trees/featureMatrix.ts';
import type { TreeEnsemble } from '../engine/trees/treeEnsemble.ts';

/**
 * Exact TreeSHAP contributions, as the engine's `explainMargins` gives them (equal up to the
 * order in which floating-point sums are taken), at a fraction of its cost on shallow trees.
 *
 * Path-dependent TreeSHAP reads a row only through the side it takes at each split of a tree
 * (Lundberg et al. 2018, Algorithm 2: the "hot" and "cold" branches). A tree with k splits sends
 * rows down at most 2^k patterns of sides, and rows with one pattern get the same contributions
 * from that tree. So per tree the engine explains one row per pattern present in the batch, and
 * every row adds its pattern's contributions: for depth-3 trees at most 128 explanations per tree
 * however many rows, and per row only the comparisons at the splits and one addition per feature
 * the tree uses.
 *
 * Sides follow the rules of `TreeEnsemble` (`value <= threshold` goes left, a missing value to the
 * default side). Trees with a categorical split or more than `maxSplitsPerTree` splits, and
 * batches too small to gain, go to the engine as they are.
 */
export function explainByPatterns(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
): MarginExplanation {
  const n = matrix.rowCount;
  const width = matrix.featureCount;
  const trees = singleTreesOf(ensemble);
  const contributions = new Float64Array(n * width);
  const deferred: number[] = [];

  for (const tree of trees) {
    if (tree.splits.length === 0) continue;
    if (!tree.isPatterned || n < 4 * 2 ** Math.min(tree.splits.length, 12)) {
      deferred.push(tree.index);
      continue;
    }
    explainTree(tree, matrix, contributions);
  }

  if (deferred.length > 0) {
    const rest = explainMargins(cachedSubEnsemble(ensemble, deferred), matrix).contributions;
    for (let k = 0; k < rest.length; k++) contributions[k]! += rest[k]!;
  }
  return { baseMargin: expectedBaseMargin(ensemble), contributions, featureCount: width };
}

/** Splits per tree up to which patterns are used: 2^15 patterns at most. */
const maxSplitsPerTree = 15;

interface SingleTree {
  index: number;
  ensemble: TreeEnsemble;
  /** The tree's split nodes in the whole ensemble's numbering. */
  splits: Int32Array;
  /** The features the tree splits on: the only ones it gives a contribution. */
  usedFeatures: Int32Array;
  isPatterned: boolean;
}

function explainTree(tree: SingleTree, matrix: FeatureMatrix, contributions: Float64Array): void {
  const n = matrix.rowCount;
  const width = matrix.featureCount;
  const { values } = matrix;
  const { feature, threshold, defaultLeft } = tree.ensemble;
  const local = tree.splits;

  // Each row's pattern: bit s set when the row goes left at the tree's s-th split.
  const slotOfPattern = new Int32Array(2 ** local.length).fill(-1);
  const representatives: number[] = [];
  const slotOfRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let pattern = 0;
    for (let s = 0; s < local.length; s++) {
      const node = local[s]!;
      const x = values[feature[node]! * n + i]!;
      const goesLeft = x <= threshold[node]! || (x !== x && defaultLeft[node] === 1);
      if (goesLeft) pattern |= 1 << s;
    }
    let slot = slotOfPattern[pattern]!;
    if (slot < 0) {
      slot = representatives.length;
      slotOfPattern[pattern] = slot;
      representatives.push(i);
    }
    slotOfRow[i] = slot;
  }

  // One engine explanation per pattern, on a representative row of it.
  const sample = rowsOf(matrix, representatives);
  const phi = explainMargins(tree.ensemble, sample).contributions;

  const used = tree.usedFeatures;
  for (let i = 0; i < n; i++) {
    const from = slotOfRow[i]! * width;
    const to = i * width;
    for (let u = 0; u < used.length; u++) {
      const f = used[u]!;
      contributions[to + f]! += phi[from + f]!;
    }
  }
}

function rowsOf(matrix: FeatureMatrix, rows: readonly number[]): FeatureMatrix {
  const n = matrix.rowCount;
  const count = rows.length;
  const values = new Float64Array(count * matrix.featureCount);
  for (let f = 0; f < matrix.featureCount; f++) {
    for (let k = 0; k < count; k++) values[f * count + k] = matrix.values[f * n + rows[k]!]!;
  }
  return { rowCount: count, featureCount: matrix.featureCount, values };
}

// Split once per ensemble: ensembles are not changed once packed, and the engine caches its
// TreeSHAP tables per ensemble object, so keeping the single trees keeps their tables too.
const treeCache = new WeakMap<TreeEnsemble, SingleTree[]>();

function singleTreesOf(ensemble: TreeEnsemble): SingleTree[] {
  const cached = treeCache.get(ensemble);
  if (cached !== undefined) return cached;
  const trees = Array.from(ensemble.treeRoots, (_, t) => {
    const single = subEnsemble(ensemble, [t]);
    const splits: number[] = [];
    const used = new Set<number>();
    let hasCategorical = false;
    for (let node = 0; node < single.left.length; node++) {
      if (single.left[node]! < 0) continue;
      splits.push(node);
      used.add(single.feature[node]!);
      if (single.categorySlot[node]! >= 0) hasCategorical = true;
    }
    return {
      index: t,
      ensemble: single,
      splits: Int32Array.from(splits),
      usedFeatures: Int32Array.from([...used].sort((a, b) => a - b)),
      isPatterned: !hasCategorical && splits.length <= maxSplitsPerTree,
    };
  });
  treeCache.set(ensemble, trees);
  return trees;
}

/** The trees `indices` of an ensemble as an ensemble of their own, without the base margin. */
const subEnsembleCache = new WeakMap<TreeEnsemble, Map<string, TreeEnsemble>>();

/**
 * The same sub-ensemble object for the same trees of one ensemble: the engine keeps its TreeSHAP
 * tables per ensemble object, so a new object per call (small batches defer every tree) would
 * rebuild all of them on each call.
 */
function cachedSubEnsemble(ensemble: TreeEnsemble, indices: readonly number[]): TreeEnsemble {
  const byKey = subEnsembleCache.get(ensemble) ?? new Map<string, TreeEnsemble>();
  subEnsembleCache.set(ensemble, byKey);
  const key = indices.join(',');
  let sub = byKey.get(key);
  if (sub === undefined) {
    sub = indices.length === ensemble.treeRoots.length ? ensemble : subEnsemble(ensemble, indices);
    byKey.set(key, sub);
  }
  return sub;
}

function subEnsemble(ensemble: TreeEnsemble, indices: readonly number[]): TreeEnsemble {
  const ranges = indices.map((t) => {
    const from = ensemble.treeRoots[t]!;
    const to =
      t + 1 < ensemble.treeRoots.length ? ensemble.treeRoots[t + 1]! : ensemble.left.length;
    return { from, to };
  });
  const nodeCount = ranges.reduce((sum, r) => sum + r.to - r.from, 0);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(
    source: T,
    make: (length: number) => T,
  ): T => {
    const out = make(nodeCount);
    let at = 0;
    for (const { from, to } of ranges) {
      out.set(source.subarray(from, to), at);
      at += to - from;
    }
    return out;
  };
  const treeRoots = new Int32Array(ranges.length);
  const left = new Int32Array(nodeCount);
  const right = new Int32Array(nodeCount);
  let at = 0;
  ranges.forEach(({ from, to }, k) => {
    treeRoots[k] = at;
    for (let node = from; node < to; node++, at++) {
      const l = ensemble.left[node]!;
      left[at] = l < 0 ? l : l - from + treeRoots[k]!;
      const r = ensemble.right[node]!;
      right[at] = r < 0 ? r : r - from + treeRoots[k]!;
    }
  });
  return {
    features: ensemble.features,
    baseMargin: 0,
    treeRoots,
    feature: pick(ensemble.feature, (length) => new Int32Array(length)),
    threshold: pick(ensemble.threshold, (length) => new Float64Array(length)),
    left,
    right,
    defaultLeft: pick(ensemble.defaultLeft, (length) => new Uint8Array(length)),
    categorySlot: pick(ensemble.categorySlot, (length) => new Int32Array(length)),
    categoryBits: ensemble.categoryBits,
    value: pick(ensemble.value, (length) => new Float64Array(length)),
    cover: pick(ensemble.cover, (length) => new Float64Array(length)),
    gain: pick(ensemble.gain, (length) => new Float64Array(length)),
  };
}
