import {
  addCompleteForestMargins,
  toCompleteForest,
  type CompleteForest,
} from './completeForest.ts';
import { rowsOf, type FeatureMatrix, type FeatureSpec } from './featureMatrix.ts';

/**
 * Trees flattened into parallel typed arrays, one entry per node, trees end to end. A leaf has
 * left = right = -1. A numeric split sends `value <= threshold` left, a missing value to the
 * default side. A categorical split (threshold NaN) sends the codes in its category set left; a
 * missing value goes to the default side and a code never seen in training goes right.
 */
export interface TreeEnsemble {
  features: FeatureSpec[];
  baseMargin: number;
  treeRoots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  /** Index of a categorical split's 256-bit category set in `categoryBits` (8 words), else -1. */
  categorySlot: Int32Array;
  categoryBits: Uint32Array;
  /** Leaf margin (learning rate applied); on split nodes the weight the node would have as a leaf. */
  value: Float64Array;
  /** Sum of hessians (weighted) of the training rows reaching the node, as in XGBoost. */
  cover: Float64Array;
  gain: Float64Array;
}

/** One tree under construction; node 0 is the root. */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  isDefaultLeft: boolean;
  categories: readonly number[] | null;
  value: number;
  cover: number;
  gain: number;
}

/** Packs trees (each a list of nodes with tree-local child indices) into one ensemble. */
export function packTrees(
  features: FeatureSpec[],
  baseMargin: number,
  trees: readonly (readonly TreeNode[])[],
): TreeEnsemble {
  const nodeCount = trees.reduce((sum, tree) => sum + tree.length, 0);
  const slotCount = trees.reduce(
    (sum, tree) => sum + tree.filter((node) => node.categories !== null).length,
    0,
  );
  const ensemble: TreeEnsemble = {
    features,
    baseMargin,
    treeRoots: new Int32Array(trees.length),
    feature: new Int32Array(nodeCount),
    threshold: new Float64Array(nodeCount),
    left: new Int32Array(nodeCount),
    right: new Int32Array(nodeCount),
    defaultLeft: new Uint8Array(nodeCount),
    categorySlot: new Int32Array(nodeCount),
    categoryBits: new Uint32Array(slotCount * 8),
    value: new Float64Array(nodeCount),
    cover: new Float64Array(nodeCount),
    gain: new Float64Array(nodeCount),
  };

  let offset = 0;
  let slot = 0;
  trees.forEach((tree, t) => {
    ensemble.treeRoots[t] = offset;
    tree.forEach((node, k) => {
      const at = offset + k;
      const isLeaf = node.left < 0;
      ensemble.feature[at] = isLeaf ? -1 : node.feature;
      ensemble.threshold[at] = node.categories === null ? node.threshold : Number.NaN;
      ensemble.left[at] = isLeaf ? -1 : offset + node.left;
      ensemble.right[at] = isLeaf ? -1 : offset + node.right;
      ensemble.defaultLeft[at] = node.isDefaultLeft ? 1 : 0;
      ensemble.value[at] = node.value;
      ensemble.cover[at] = node.cover;
      ensemble.gain[at] = node.gain;
      ensemble.categorySlot[at] = -1;
      if (node.categories !== null) {
        ensemble.categorySlot[at] = slot;
        for (const code of node.categories)
          ensemble.categoryBits[slot * 8 + (code >>> 5)]! |= 1 << (code & 31);
        slot++;
      }
    });
    offset += tree.length;
  });
  return ensemble;
}

/** Where a value goes at split node `node`: the child's index. */
export function childFor(ensemble: TreeEnsemble, node: number, x: number): number {
  if (x <= ensemble.threshold[node]!) return ensemble.left[node]!;
  if (x !== x)
    return ensemble.defaultLeft[node] === 1 ? ensemble.left[node]! : ensemble.right[node]!;
  const slot = ensemble.categorySlot[node]!;
  if (slot < 0) return ensemble.right[node]!;
  return isInCategorySet(ensemble.categoryBits, slot, x)
    ? ensemble.left[node]!
    : ensemble.right[node]!;
}

function isInCategorySet(bits: Uint32Array, slot: number, x: number): boolean {
  if (!(x >= 0 && x < 256) || x !== Math.floor(x)) return false;
  return ((bits[slot * 8 + (x >>> 5)]! >>> (x & 31)) & 1) === 1;
}

// Walking the node arrays, rows go in blocks, tree by tree, so a block's feature values and one
// tree's nodes stay in cache together.
const blockRows = 256;

/** Margins (log-odds), base margin included; the first `treeCount` trees when given. */
export function predictMargins(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  treeCount = ensemble.treeRoots.length,
): Float64Array {
  if (treeCount === ensemble.treeRoots.length) {
    const forest = completeForestOf(ensemble);
    if (forest !== null) {
      const out = new Float64Array(matrix.rowCount).fill(ensemble.baseMargin);
      addCompleteForestMargins(forest, matrix, out);
      return out;
    }
  }
  return traverseMargins(ensemble, matrix, treeCount);
}

/**
 * Margins of rows [from, to) of the matrix, read where they are: a complete forest needs no copy
 * of them (a thread scores its share of a shared matrix in place); other forests score a copy.
 */
export function predictMarginsOfRows(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  from: number,
  to: number,
): Float64Array {
  if (from === 0 && to === matrix.rowCount) return predictMargins(ensemble, matrix);
  const forest = completeForestOf(ensemble);
  if (forest === null) return traverseMargins(ensemble, rowsOf(matrix, from, to));
  const out = new Float64Array(to - from).fill(ensemble.baseMargin);
  addCompleteForestMargins(forest, matrix, out, from, to);
  return out;
}

/** Margins by walking the node arrays: any forest, categorical splits included. */
export function traverseMargins(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  treeCount = ensemble.treeRoots.length,
): Float64Array {
  const n = matrix.rowCount;
  const out = new Float64Array(n).fill(ensemble.baseMargin);
  const { values } = matrix;
  const { treeRoots, feature, threshold, left, right, defaultLeft, categorySlot, value } = ensemble;
  const bits = ensemble.categoryBits;
  for (let start = 0; start < n; start += blockRows) {
    const end = Math.min(n, start + blockRows);
    for (let t = 0; t < treeCount; t++) {
      const root = treeRoots[t]!;
      for (let i = start; i < end; i++) {
        let node = root;
        let next = left[node]!;
        while (next >= 0) {
          const x = values[feature[node]! * n + i]!;
          if (x <= threshold[node]!) node = next;
          else if (x !== x) node = defaultLeft[node] === 1 ? next : right[node]!;
          else if (categorySlot[node]! < 0) node = right[node]!;
          else node = isInCategorySet(bits, categorySlot[node]!, x) ? next : right[node]!;
          next = left[node]!;
        }
        out[i]! += value[node]!;
      }
    }
  }
  return out;
}

// The complete layout is built once per ensemble; ensembles are immutable once packed.
const completeForests = new WeakMap<TreeEnsemble, CompleteForest | null>();

function completeForestOf(ensemble: TreeEnsemble): CompleteForest | null {
  let forest = completeForests.get(ensemble);
  if (forest === undefined) {
    forest = toCompleteForest(ensemble);
    completeForests.set(ensemble, forest);
  }
  return forest;
}

/** Probabilities of the positive class. */
export function predictProbabilities(ensemble: TreeEnsemble, matrix: FeatureMatrix): Float64Array {
  const margins = predictMargins(ensemble, matrix);
  for (let i = 0; i < margins.length; i++) margins[i] = 1 / (1 + Math.exp(-margins[i]!));
  return margins;
}
