import type { FeatureMatrix } from '../trees/featureMatrix.ts';
import { childFor, type TreeEnsemble } from '../trees/treeEnsemble.ts';
import { buildSubtreePatternTables, type SubtreePatternTables } from './subtreePatternTables.ts';

export interface MarginExplanation {
  /** Expected margin under the training cover: the model's output when nothing is known. */
  baseMargin: number;
  /** Row-major, rowCount x featureCount: contributions[i * featureCount + j]. */
  contributions: Float64Array;
  featureCount: number;
}

export interface ExplainOptions {
  /** 'tables' (default): precomputed leaf tables where they fit, else Algorithm 2 per tree. */
  method?: 'tables' | 'recursive';
}

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, Algorithm 2): per row, feature
 * contributions to the margin with baseMargin + sum(contributions) = margin. Conditional
 * expectations follow the training cover (hessian sums) down the branches not taken, as XGBoost's
 * `pred_contribs`. Algorithm 2 costs O(trees x leaves x depth^2) per row; by default the same
 * values come from precomputed tables (see subtreePatternTables.ts): per row and tree, the splits
 * above the tables' anchors and one look-up per anchor.
 */
export function explainMargins(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  options: ExplainOptions = {},
): MarginExplanation {
  const featureCount = matrix.featureCount;
  const n = matrix.rowCount;
  const contributions = new Float64Array(n * featureCount);
  const baseMargin = expectedBaseMargin(ensemble);

  const maxDepth = maxTreeDepth(ensemble);
  const explainer = new PathExplainer(ensemble, maxDepth);
  const tables = options.method === 'recursive' ? null : tablesOf(ensemble);
  const masks = new Int32Array(ensemble.left.length);
  const treeCount = ensemble.treeRoots.length;

  // Table trees in blocks of rows, tree by tree: one tree's tables stay in cache for the block
  // (row by row, every row would stream all tables from memory).
  if (tables !== null) {
    for (let start = 0; start < n; start += blockRows) {
      const end = Math.min(n, start + blockRows);
      for (let t = 0; t < treeCount; t++) {
        if (tables.hasTables[t] !== 1) continue;
        for (let i = start; i < end; i++) {
          explainTreeByTables(ensemble, tables, t, matrix, i, contributions, masks);
        }
      }
    }
  }

  const row = new Float64Array(featureCount);
  for (let t = 0; t < treeCount; t++) {
    if (tables !== null && tables.hasTables[t] === 1) continue;
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < featureCount; f++) row[f] = matrix.values[f * n + i]!;
      explainer.explainTree(
        t,
        row,
        contributions.subarray(i * featureCount, (i + 1) * featureCount),
      );
    }
  }
  return { baseMargin, contributions, featureCount };
}

const blockRows = 128;

// Tables are built once per ensemble (packed ensembles are not changed afterwards).
const tableCache = new WeakMap<TreeEnsemble, SubtreePatternTables>();

function tablesOf(ensemble: TreeEnsemble): SubtreePatternTables {
  let tables = tableCache.get(ensemble);
  if (tables === undefined) {
    tables = buildSubtreePatternTables(ensemble);
    tableCache.set(ensemble, tables);
  }
  return tables;
}

/**
 * One tree for one row by table look-up. The steps come parents first, so one forward sweep
 * carries each node's pattern of path features still satisfied by the row (bit set = satisfied)
 * down to the anchors; an anchor adds the entry its pattern and the row's directions select.
 */
function explainTreeByTables(
  ensemble: TreeEnsemble,
  tables: SubtreePatternTables,
  tree: number,
  matrix: FeatureMatrix,
  rowIndex: number,
  contributions: Float64Array,
  masks: Int32Array,
): void {
  const { left, right, feature, threshold } = ensemble;
  const { steps, anchorOf, bit, maskBits, splitStart, splitCount, splits, missingRight } = tables;
  const { featureStart, featureCount, features, tableStart, table } = tables;
  const { values, rowCount } = matrix;
  const isNumeric = tables.isNumeric[tree] === 1;
  const phiStart = rowIndex * matrix.featureCount;
  masks[ensemble.treeRoots[tree]!] = -1;
  const end = tables.stepStart[tree + 1]!;
  // Directions by arithmetic where every split is numeric: which way a row goes is as good as
  // random, and a branch on it is mispredicted about half the time.
  for (let step = tables.stepStart[tree]!; step < end; step++) {
    const node = steps[step]!;
    const mask = masks[node]!;
    const anchor = anchorOf[node]!;
    if (anchor < 0) {
      const x = values[feature[node]! * rowCount + rowIndex]!;
      const isRight = isNumeric
        ? +(x > threshold[node]!) | (+(x !== x) & missingRight[node]!)
        : +(childFor(ensemble, node, x) === right[node]!);
      // The child the row leaves loses the bit of this split's feature.
      const cleared = 1 << bit[node]!;
      masks[left[node]!] = mask & ~(cleared & -isRight);
      masks[right[node]!] = mask & ~(cleared & (isRight - 1));
      continue;
    }

    const first = splitStart[anchor]!;
    const count = splitCount[anchor]!;
    let directions = 0;
    for (let q = 0; q < count; q++) {
      const split = splits[first + q]!;
      const x = values[feature[split]! * rowCount + rowIndex]!;
      const isRight = isNumeric
        ? +(x > threshold[split]!) | (+(x !== x) & missingRight[split]!)
        : +(childFor(ensemble, split, x) === right[split]!);
      directions |= isRight << q;
    }
    const width = featureCount[anchor]!;
    const index = ((mask & ((1 << maskBits[anchor]!) - 1)) << count) | directions;
    const from = tableStart[anchor]! + index * width;
    const at = featureStart[anchor]!;
    for (let k = 0; k < width; k++)
      contributions[phiStart + features[at + k]!]! += table[from + k]!;
  }
}

/** The base margin plus each tree's cover-weighted expected value. */
export function expectedBaseMargin(ensemble: TreeEnsemble): number {
  const expected = expectedValues(ensemble);
  let baseMargin = ensemble.baseMargin;
  for (let t = 0; t < ensemble.treeRoots.length; t++)
    baseMargin += expected[ensemble.treeRoots[t]!]!;
  return baseMargin;
}

/** Cover-weighted mean leaf value below each node (the tree's expected value at the root). */
export function expectedValues(ensemble: TreeEnsemble): Float64Array {
  const { left, right, cover, value } = ensemble;
  const out = new Float64Array(left.length);
  // Children always come after their parent, so a reverse sweep sees children first.
  for (let node = left.length - 1; node >= 0; node--) {
    const l = left[node]!;
    if (l < 0) out[node] = value[node]!;
    else {
      const r = right[node]!;
      out[node] = (cover[l]! * out[l]! + cover[r]! * out[r]!) / cover[node]!;
    }
  }
  return out;
}

function maxTreeDepth(ensemble: TreeEnsemble): number {
  let deepest = 0;
  const depth = new Int32Array(ensemble.left.length);
  for (let node = 0; node < ensemble.left.length; node++) {
    const l = ensemble.left[node]!;
    if (l < 0) continue;
    depth[l] = depth[node]! + 1;
    depth[ensemble.right[node]!] = depth[node]! + 1;
    deepest = Math.max(deepest, depth[node]! + 1);
  }
  return deepest;
}

/**
 * The recursion of Algorithm 2 over flat buffers. The path at recursion depth d occupies a
 * triangle slice starting at d(d+1)/2 (as in XGBoost), so extending copies instead of allocating.
 */
class PathExplainer {
  private readonly ensemble: TreeEnsemble;
  private readonly feature: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly weight: Float64Array;
  private row: Float64Array = new Float64Array(0);
  private phi: Float64Array = new Float64Array(0);

  constructor(ensemble: TreeEnsemble, maxDepth: number) {
    this.ensemble = ensemble;
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  explainTree(tree: number, row: Float64Array, phi: Float64Array): void {
    this.row = row;
    this.phi = phi;
    this.recurse(this.ensemble.treeRoots[tree]!, 0, 0, 0, 1, 1, -1);
  }

  private recurse(
    node: number,
    start: number,
    uniqueDepth: number,
    parentStart: number,
    zeroFraction: number,
    oneFraction: number,
    featureIndex: number,
  ): void {
    const { feature, zero, one, weight } = this;
    const ensemble = this.ensemble;

    // Copy the parent's path into this level's slice and extend it by the incoming split.
    if (start !== parentStart) {
      for (let k = 0; k < uniqueDepth; k++) {
        feature[start + k] = feature[parentStart + k]!;
        zero[start + k] = zero[parentStart + k]!;
        one[start + k] = one[parentStart + k]!;
        weight[start + k] = weight[parentStart + k]!;
      }
    }
    const at = start + uniqueDepth;
    feature[at] = featureIndex;
    zero[at] = zeroFraction;
    one[at] = oneFraction;
    weight[at] = uniqueDepth === 0 ? 1 : 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      weight[start + i + 1]! += (oneFraction * weight[start + i]! * (i + 1)) / (uniqueDepth + 1);
      weight[start + i] =
        (zeroFraction * weight[start + i]! * (uniqueDepth - i)) / (uniqueDepth + 1);
    }

    const leftChild = ensemble.left[node]!;
    if (leftChild < 0) {
      const leafValue = ensemble.value[node]!;
      for (let i = 1; i <= uniqueDepth; i++) {
        const w = this.unwoundPathSum(start, uniqueDepth, i);
        this.phi[feature[start + i]!]! += w * (one[start + i]! - zero[start + i]!) * leafValue;
      }
      return;
    }

    const split = ensemble.feature[node]!;
    const hot = childFor(ensemble, node, this.row[split]!);
    const cold = hot === leftChild ? ensemble.right[node]! : leftChild;
    const cover = ensemble.cover[node]!;
    const hotZero = ensemble.cover[hot]! / cover;
    const coldZero = ensemble.cover[cold]! / cover;

    // A feature met again on the path is taken out and put back with the combined fractions.
    let incomingZero = 1;
    let incomingOne = 1;
    let depth = uniqueDepth;
    let pathIndex = 0;
    while (pathIndex <= depth && feature[start + pathIndex] !== split) pathIndex++;
    if (pathIndex <= depth) {
      incomingZero = zero[start + pathIndex]!;
      incomingOne = one[start + pathIndex]!;
      this.unwind(start, depth, pathIndex);
      depth--;
    }

    const next = start + uniqueDepth + 1;
    this.recurse(hot, next, depth + 1, start, hotZero * incomingZero, incomingOne, split);
    this.recurse(cold, next, depth + 1, start, coldZero * incomingZero, 0, split);
  }

  private unwind(start: number, uniqueDepth: number, pathIndex: number): void {
    const { feature, zero, one, weight } = this;
    const oneFraction = one[start + pathIndex]!;
    const zeroFraction = zero[start + pathIndex]!;
    let nextOnePortion = weight[start + uniqueDepth]!;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = weight[start + i]!;
        weight[start + i] = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * oneFraction);
        nextOnePortion =
          tmp - (weight[start + i]! * zeroFraction * (uniqueDepth - i)) / (uniqueDepth + 1);
      } else {
        weight[start + i] =
          (weight[start + i]! * (uniqueDepth + 1)) / (zeroFraction * (uniqueDepth - i));
      }
    }
    for (let i = pathIndex; i < uniqueDepth; i++) {
      feature[start + i] = feature[start + i + 1]!;
      zero[start + i] = zero[start + i + 1]!;
      one[start + i] = one[start + i + 1]!;
    }
  }

  private unwoundPathSum(start: number, uniqueDepth: number, pathIndex: number): number {
    const { zero, one, weight } = this;
    const oneFraction = one[start + pathIndex]!;
    const zeroFraction = zero[start + pathIndex]!;
    let nextOnePortion = weight[start + uniqueDepth]!;
    let total = 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion =
          weight[start + i]! - (tmp * zeroFraction * (uniqueDepth - i)) / (uniqueDepth + 1);
      } else if (zeroFraction !== 0) {
        total += (weight[start + i]! / zeroFraction) * ((uniqueDepth + 1) / (uniqueDepth - i));
      }
    }
    return total;
  }
}
