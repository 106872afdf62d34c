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
  featureCount: number;
  /**
   * Per node, the column of the scoring block it reads: its feature f where missing values go
   * left (the block holds them as -Infinity there), f + featureCount where they go right (held as
   * +Infinity). So missing values need no test of their own while rows descend.
   */
  column: Int32Array;
  /** Per node: a block value above it goes right (see addCompleteForestMargins). */
  threshold: Float64Array;
  leafValue: Float64Array;
}

const largestFloat32 = 3.4028234663852886e38;

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
  // A finite threshold this large could not tell a real +Infinity (held as the largest finite
  // value of the block's type) from a large finite value.
  for (let node = 0; node < left.length; node++) {
    const t = threshold[node]!;
    if (left[node]! >= 0 && t >= largestFloat32 && t !== Number.POSITIVE_INFINITY) return null;
  }

  const internal = 2 ** depth - 1;
  const leaves = 2 ** depth;
  const treeCount = treeRoots.length;
  const featureCount = ensemble.features.length;
  const forest: CompleteForest = {
    depth,
    treeCount,
    featureCount,
    column: new Int32Array(treeCount * internal),
    threshold: new Float64Array(treeCount * internal).fill(Number.POSITIVE_INFINITY),
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
      const isMissingRight = defaultLeft[node] !== 1;
      forest.column[at] = feature[node]! + (isMissingRight ? featureCount : 0);
      // A split "present left, missing right" (threshold +Infinity) must still send the block's
      // +Infinity right, and a real +Infinity (held as a finite value) left: it compares against
      // the largest double instead.
      const cut = threshold[node]!;
      const isPresentLeft = cut === Number.POSITIVE_INFINITY && isMissingRight;
      forest.threshold[at] = isPresentLeft ? Number.MAX_VALUE : cut;
      fill(left[node]!, 2 * position + 1, level + 1);
      fill(right[node]!, 2 * position + 2, level + 1);
    };
    fill(treeRoots[t]!, 0, 0);
  }
  return forest;
}

// Rows per block: the block's values (twice 30 features x 256 rows as Float32 is 60 kB) stay near
// the core while every tree walks them.
const blockRows = 256;

/**
 * Adds the forest's margins for the rows of a column-major matrix to `out`. Each block of rows is
 * first copied row-major, so one row's values share cache lines, each value twice: with a missing
 * value as -Infinity (read by splits that send it left) and as +Infinity (by splits that send it
 * right); a real +Infinity becomes the largest finite value of the block's type, which compares
 * as +Infinity does with every threshold (the "present left" splits compare against it). A step
 * is then one comparison. Every tree takes eight rows down together: eight independent descents
 * keep the CPU busy while each waits for its loads, and their positions stay in registers.
 */
export function addCompleteForestMargins(
  forest: CompleteForest,
  matrix: FeatureMatrix,
  out: Float64Array,
  rowFrom = 0,
  rowTo = matrix.rowCount,
): void {
  const { depth, treeCount, featureCount, column: c, leafValue } = forest;
  const { rowCount, values } = matrix;
  const internal = 2 ** depth - 1;
  const leaves = internal + 1;
  const stride = 2 * featureCount;
  // Same element type as the input, so a Float64 value is compared at full precision.
  const isFloat32 = values instanceof Float32Array;
  const block = isFloat32
    ? new Float32Array(blockRows * stride)
    : new Float64Array(blockRows * stride);
  const t = forest.threshold;
  const largest = isFloat32 ? largestFloat32 : Number.MAX_VALUE;
  // Rows [rowFrom, rowTo) of the matrix; row i's margin goes to out[i - rowFrom].
  for (let start = rowFrom; start < rowTo; start += blockRows) {
    const count = Math.min(rowTo, start + blockRows) - start;
    const outStart = start - rowFrom;
    for (let q = 0; q < featureCount; q++) {
      const from = q * rowCount + start;
      for (let j = 0; j < count; j++) {
        const x = values[from + j]!;
        const isMissing = x !== x;
        const present = x === Number.POSITIVE_INFINITY ? largest : x;
        block[j * stride + q] = isMissing ? Number.NEGATIVE_INFINITY : present;
        block[j * stride + featureCount + q] = isMissing ? Number.POSITIVE_INFINITY : present;
      }
    }

    for (let tree = 0; tree < treeCount; tree++) {
      const base = tree * internal;
      const leafBase = tree * leaves - internal;
      let j = 0;
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
          k0 = 2 * k0 + 1 + +(block[r + c[a]!]! > t[a]!);
          a = base + k1;
          k1 = 2 * k1 + 1 + +(block[r + stride + c[a]!]! > t[a]!);
          a = base + k2;
          k2 = 2 * k2 + 1 + +(block[r + 2 * stride + c[a]!]! > t[a]!);
          a = base + k3;
          k3 = 2 * k3 + 1 + +(block[r + 3 * stride + c[a]!]! > t[a]!);
          a = base + k4;
          k4 = 2 * k4 + 1 + +(block[r + 4 * stride + c[a]!]! > t[a]!);
          a = base + k5;
          k5 = 2 * k5 + 1 + +(block[r + 5 * stride + c[a]!]! > t[a]!);
          a = base + k6;
          k6 = 2 * k6 + 1 + +(block[r + 6 * stride + c[a]!]! > t[a]!);
          a = base + k7;
          k7 = 2 * k7 + 1 + +(block[r + 7 * stride + c[a]!]! > t[a]!);
        }
        const at = outStart + j;
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
          k = 2 * k + 1 + +(block[r + c[a]!]! > t[a]!);
        }
        out[outStart + j]! += leafValue[leafBase + k]!;
      }
    }
  }
}
