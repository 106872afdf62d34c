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

/**
 * Adds the forest's margins for rows of a column-major matrix to `out`. Level by level over a
 * block of rows, so the steps of different rows are independent and overlap in the CPU.
 */
export function addCompleteForestMargins(
  forest: CompleteForest,
  values: Float32Array | Float64Array,
  rowCount: number,
  out: Float64Array,
  blockRows: number,
): void {
  const { depth, treeCount, feature, threshold, missingRight, leafValue } = forest;
  const internal = 2 ** depth - 1;
  const leaves = internal + 1;
  const position = new Int32Array(blockRows);
  for (let start = 0; start < rowCount; start += blockRows) {
    const count = Math.min(rowCount, start + blockRows) - start;
    for (let t = 0; t < treeCount; t++) {
      const base = t * internal;
      position.fill(0);
      for (let level = 0; level < depth; level++) {
        for (let j = 0; j < count; j++) {
          const k = position[j]!;
          const at = base + k;
          const x = values[feature[at]! * rowCount + start + j]!;
          // NaN fails every comparison, so only the missing flag can send it right.
          position[j] = 2 * k + 1 + (+(x > threshold[at]!) | (+(x !== x) & missingRight[at]!));
        }
      }
      const leafBase = t * leaves - internal;
      for (let j = 0; j < count; j++) out[start + j]! += leafValue[leafBase + position[j]!]!;
    }
  }
}
