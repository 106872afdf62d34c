import type { TreeEnsemble } from '../trees/treeEnsemble.ts';

/**
 * Precomputed TreeSHAP (the idea of Fast TreeSHAP v2, Yang 2021). For one row and one leaf, the
 * path-dependent Shapley weights depend on the row only through which of the leaf's path features
 * the row satisfies all the way down (its "hot" pattern H). So for each leaf and each of the
 * 2^d patterns, the leaf's contribution to each of its d path features is computed once with the
 * EXTEND / UNWIND steps of Algorithm 2; explaining a row is then one table look-up per leaf and
 * path feature instead of O(d^2) work per leaf.
 */
export interface LeafPatternTables {
  /** Per node: the bit of its split feature in the unique-feature list of its path (internal). */
  bit: Int32Array;
  /** Per node (leaves): number of unique path features d, where its rows start in `table`. */
  pathLength: Int32Array;
  tableStart: Int32Array;
  /** Per node (leaves): where its path features start in `pathFeatures`. */
  featureStart: Int32Array;
  pathFeatures: Int32Array;
  /** table[tableStart + H * d + j]: the leaf's contribution to its j-th path feature under H. */
  table: Float64Array;
  /** Per tree: whether it got tables (false: too deep for the memory budget). */
  hasTables: Uint8Array;
}

/** At most this many table entries in all (8 bytes each): beyond it, trees use Algorithm 2. */
export const tableEntryBudget = 16_000_000;
const maxPathFeatures = 12;

export function buildLeafPatternTables(ensemble: TreeEnsemble): LeafPatternTables {
  const nodeCount = ensemble.left.length;
  const treeCount = ensemble.treeRoots.length;
  const bit = new Int32Array(nodeCount);
  const pathLength = new Int32Array(nodeCount);
  const tableStart = new Int32Array(nodeCount).fill(-1);
  const featureStart = new Int32Array(nodeCount);
  const hasTables = new Uint8Array(treeCount);
  const pathFeatures: number[] = [];
  const chunks: Float64Array[] = [];
  let used = 0;

  for (let t = 0; t < treeCount; t++) {
    const root = ensemble.treeRoots[t]!;

    const leaves = collectPaths(ensemble, root, bit);
    const size = leaves.reduce(
      (sum, leaf) => sum + 2 ** leaf.features.length * leaf.features.length,
      0,
    );
    const isTooDeep = leaves.some((leaf) => leaf.features.length > maxPathFeatures);
    if (isTooDeep || used + size > tableEntryBudget) continue;
    hasTables[t] = 1;
    for (const leaf of leaves) {
      const d = leaf.features.length;
      pathLength[leaf.node] = d;
      featureStart[leaf.node] = pathFeatures.length;
      pathFeatures.push(...leaf.features);
      tableStart[leaf.node] = used;
      const chunk = leafTable(leaf.zeroFractions, ensemble.value[leaf.node]!);
      chunks.push(chunk);
      used += chunk.length;
    }
  }

  const table = new Float64Array(used);
  let offset = 0;
  for (const chunk of chunks) {
    table.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    bit,
    pathLength,
    tableStart,
    featureStart,
    pathFeatures: Int32Array.from(pathFeatures),
    table,
    hasTables,
  };
}

interface LeafPath {
  node: number;
  features: number[];
  zeroFractions: number[];
}

/** Walks one tree; records each split's bit and each leaf's unique features and zero fractions. */
function collectPaths(ensemble: TreeEnsemble, root: number, bit: Int32Array): LeafPath[] {
  const leaves: LeafPath[] = [];
  const walk = (node: number, features: number[], zeros: number[]): void => {
    const l = ensemble.left[node]!;
    if (l < 0) {
      leaves.push({ node, features, zeroFractions: zeros });
      return;
    }
    const f = ensemble.feature[node]!;
    let position = features.indexOf(f);
    const isNew = position < 0;
    if (isNew) position = features.length;
    bit[node] = position;
    for (const child of [l, ensemble.right[node]!]) {
      const share = ensemble.cover[child]! / ensemble.cover[node]!;
      const childFeatures = isNew ? [...features, f] : features;
      const childZeros = isNew
        ? [...zeros, share]
        : zeros.map((z, k) => (k === position ? z * share : z));
      walk(child, childFeatures, childZeros);
    }
  };
  walk(root, [], []);
  return leaves;
}

/** One leaf's table: for each hot pattern H, EXTEND the path and UNWIND each feature's weight. */
function leafTable(zeroFractions: readonly number[], leafValue: number): Float64Array {
  const d = zeroFractions.length;
  const out = new Float64Array(2 ** d * d);
  const weight = new Float64Array(d + 1);
  const zero = new Float64Array(d + 1);
  const one = new Float64Array(d + 1);
  for (let pattern = 0; pattern < 2 ** d; pattern++) {
    // The dummy element (1, 1) first, then one element per unique path feature.
    zero[0] = 1;
    one[0] = 1;
    weight[0] = 1;
    for (let k = 0; k < d; k++) {
      const depth = k + 1;
      zero[depth] = zeroFractions[k]!;
      one[depth] = (pattern >> k) & 1;
      weight[depth] = 0;
      for (let i = depth - 1; i >= 0; i--) {
        weight[i + 1]! += (one[depth]! * weight[i]! * (i + 1)) / (depth + 1);
        weight[i] = (zero[depth]! * weight[i]! * (depth - i)) / (depth + 1);
      }
    }
    for (let k = 0; k < d; k++) {
      const w = unwoundPathSum(weight, zero[k + 1]!, one[k + 1]!, d);
      out[pattern * d + k] = w * (one[k + 1]! - zero[k + 1]!) * leafValue;
    }
  }
  return out;
}

function unwoundPathSum(
  weight: Float64Array,
  zeroFraction: number,
  oneFraction: number,
  depth: number,
): number {
  let next = weight[depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * oneFraction);
      total += tmp;
      next = weight[i]! - (tmp * zeroFraction * (depth - i)) / (depth + 1);
    } else if (zeroFraction !== 0) {
      total += (weight[i]! / zeroFraction) * ((depth + 1) / (depth - i));
    }
  }
  return total;
}
