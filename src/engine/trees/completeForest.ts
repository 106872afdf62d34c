import type { FeatureMatrix } from './featureMatrix.ts';
import type { TreeEnsemble } from './treeEnsemble.ts';

/**
 * Trees re-laid as complete binary trees of one depth: node k has children 2k+1 and 2k+2, so a
 * row descends by arithmetic alone, without branches to mispredict (the idea of treelite and
 * XGBoost's array layout). A leaf above the full depth is padded with always-left nodes
 * (threshold +Infinity, missing left) over copies of its value.
 */
export interface CompleteForest {
  depth: number;
  treeCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  missingRight: Uint8Array;
  leafValue: Float64Array;
}

/** Padding doubles the work per missing level, so shallow or lopsided forests are not converted. */
const maxCompleteDepth = 10;

/** The complete layout, or null when a tree has a categorical split or is too deep. */
export function toCompleteForest(ensemble: TreeEnsemble): CompleteForest | null {
  const { left, right, feature, threshold, defaultLeft, categorySlot, value, treeRoots } = ensemble;
  for (let node = 0; node < left.length; node++) if (categorySlot[node]! >= 0) return null;
  const depthOf = (node: number): number =>
    left[node]! < 0 ? 0 : 1 + Math.max(depthOf(left[node]!), depthOf(right[node]!));
  let depth = 0;
  for (const root of treeRoots) depth = Math.max(depth, depthOf(root));
  if (depth > maxCompleteDepth) return null;

  const internal = 2 ** depth - 1;
  const leaves = 2 ** depth;
  const treeCount = treeRoots.length;
  const forest: CompleteForest = {
    depth,
    treeCount,
    feature: new Int32Array(treeCount * internal),
    threshold: new Float64Array(treeCount * internal).fill(Number.POSITIVE_INFINITY),
    missingRight: new Uint8Array(treeCount * internal),
    leafValue: new Float64Array(treeCount * leaves),
  };
  for (let t = 0; t < treeCount; t++) {
    const fill = (node: number, position: number, level: number): void => {
      if (level === depth) {
        forest.leafValue[t * leaves + position - internal] = value[node]!;
        return;
      }
      const at = t * internal + position;
      if (left[node]! < 0) {
        fill(node, 2 * position + 1, level + 1);
        fill(node, 2 * position + 2, level + 1);
        return;
      }
      forest.feature[at] = feature[node]!;
      forest.threshold[at] = threshold[node]!;
      forest.missingRight[at] = defaultLeft[node] === 1 ? 0 : 1;
      fill(left[node]!, 2 * position + 1, level + 1);
      fill(right[node]!, 2 * position + 2, level + 1);
    };
    fill(treeRoots[t]!, 0, 0);
  }
  return forest;
}

// Rows per block: the block's values (30 features x 256 rows as Float32 is 30 kB) stay in the
// first-level cache while every tree walks them.
const blockRows = 256;

/**
 * Adds the forest's margins for the rows of a column-major matrix to `out`. Each block of rows is
 * first copied row-major, so one row's values share a cache line; then every tree takes eight rows
 * down together. Eight independent descents keep the CPU busy while each one waits for its loads,
 * and their positions stay in registers (a position array in memory costs as much as the descent).
 */
export function addCompleteForestMargins(
  forest: CompleteForest,
  matrix: FeatureMatrix,
  out: Float64Array,
): void {
  const { depth, treeCount, feature: f, threshold: t, missingRight: m, leafValue } = forest;
  const { rowCount, featureCount, values } = matrix;
  const internal = 2 ** depth - 1;
  const leaves = internal + 1;
  // Same element type as the input, so a Float64 value is compared at full precision.
  const block =
    values instanceof Float32Array
      ? new Float32Array(blockRows * featureCount)
      : new Float64Array(blockRows * featureCount);
  const stride = featureCount;
  for (let start = 0; start < rowCount; start += blockRows) {
    const count = Math.min(rowCount, start + blockRows) - start;
    for (let q = 0; q < featureCount; q++) {
      const from = q * rowCount + start;
      for (let j = 0; j < count; j++) block[j * stride + q] = values[from + j]!;
    }

    for (let tree = 0; tree < treeCount; tree++) {
      const base = tree * internal;
      const leafBase = tree * leaves - internal;
      let j = 0;
      // NaN fails every comparison, so only the missing flag can send it right.
      for (; j + 8 <= count; j += 8) {
        const r = j * stride;
        let k0 = 0;
        let k1 = 0;
        let k2 = 0;
        let k3 = 0;
        let k4 = 0;
        let k5 = 0;
        let k6 = 0;
        let k7 = 0;
        for (let level = 0; level < depth; level++) {
          let a = base + k0;
          let x = block[r + f[a]!]!;
          k0 = 2 * k0 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k1;
          x = block[r + stride + f[a]!]!;
          k1 = 2 * k1 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k2;
          x = block[r + 2 * stride + f[a]!]!;
          k2 = 2 * k2 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k3;
          x = block[r + 3 * stride + f[a]!]!;
          k3 = 2 * k3 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k4;
          x = block[r + 4 * stride + f[a]!]!;
          k4 = 2 * k4 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k5;
          x = block[r + 5 * stride + f[a]!]!;
          k5 = 2 * k5 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k6;
          x = block[r + 6 * stride + f[a]!]!;
          k6 = 2 * k6 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
          a = base + k7;
          x = block[r + 7 * stride + f[a]!]!;
          k7 = 2 * k7 + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
        }
        const at = start + j;
        out[at]! += leafValue[leafBase + k0]!;
        out[at + 1]! += leafValue[leafBase + k1]!;
        out[at + 2]! += leafValue[leafBase + k2]!;
        out[at + 3]! += leafValue[leafBase + k3]!;
        out[at + 4]! += leafValue[leafBase + k4]!;
        out[at + 5]! += leafValue[leafBase + k5]!;
        out[at + 6]! += leafValue[leafBase + k6]!;
        out[at + 7]! += leafValue[leafBase + k7]!;
      }
      for (; j < count; j++) {
        const r = j * stride;
        let k = 0;
        for (let level = 0; level < depth; level++) {
          const a = base + k;
          const x = block[r + f[a]!]!;
          k = 2 * k + 1 + (+(x > t[a]!) | (+(x !== x) & m[a]!));
        }
        out[start + j]! += leafValue[leafBase + k]!;
      }
    }
  }
}
