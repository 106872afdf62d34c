import type { TreeEnsemble } from '../trees/treeEnsemble.ts';

/**
 * Precomputed TreeSHAP (after Fast TreeSHAP v2, Yang 2021), one step further. For one row and one
 * leaf, the path-dependent Shapley weights depend on the row only through which of the leaf's path
 * features the row satisfies all the way down (its "hot" pattern). For all leaves below one node
 * n (an "anchor"), that is fixed by the row's pattern over the features above n plus the direction
 * the row takes at each split below n. So each anchor gets a table: for every such pattern and set
 * of directions, the summed contributions of all its leaves to the features of its subtree.
 * Explaining a row then walks only the splits above the anchors, and does one look-up per anchor.
 *
 * Anchors are the highest nodes whose subtree is at most `anchorHeight` deep and whose table fits
 * `maxIndexBits`; with height 2 a depth-6 tree has 16 anchors of at most 7 values per entry,
 * against 64 leaves of 6 values each with one table per leaf.
 */
export interface SubtreePatternTables {
  /** Per tree: whether it got tables (false: a path too long or the memory budget spent). */
  hasTables: Uint8Array;
  /** Per tree: whether all its splits are numeric (then a split is a comparison). */
  isNumeric: Uint8Array;
  /** Per node: 1 where a missing value goes right. */
  missingRight: Uint8Array;
  /** Per tree t: its steps are steps[stepStart[t]] to steps[stepStart[t + 1] - 1]. */
  stepStart: Int32Array;
  /** Splits above the anchors and the anchors themselves, parents before children. */
  steps: Int32Array;
  /** Per node: index of the anchor it is, else -1 (then a split above the anchors). */
  anchorOf: Int32Array;
  /** Per split above the anchors: the bit of its feature among the path's unique features. */
  bit: Int32Array;
  /** Per anchor: how many path features above it (the mask bits that index its table). */
  maskBits: Int32Array;
  /** Per anchor: its splits (directions index the table) in `splits` from splitStart. */
  splitStart: Int32Array;
  splitCount: Int32Array;
  splits: Int32Array;
  /** Per anchor: the features its entries hold, in `features` from featureStart. */
  featureStart: Int32Array;
  featureCount: Int32Array;
  features: Int32Array;
  /** Per anchor: where its entries start in `table`. */
  tableStart: Int32Array;
  /** Entry (mask, directions) of anchor a: featureCount[a] values at index (mask << s | dirs). */
  table: Float64Array;
}

/** At most this many table entries in all (8 bytes each): beyond it, trees use Algorithm 2. */
export const tableEntryBudget = 16_000_000;
const anchorHeight = 2;
const maxIndexBits = 12;

export function buildSubtreePatternTables(ensemble: TreeEnsemble): SubtreePatternTables {
  const nodeCount = ensemble.left.length;
  const treeCount = ensemble.treeRoots.length;
  const height = subtreeHeights(ensemble);
  const anchorOf = new Int32Array(nodeCount).fill(-1);
  const bit = new Int32Array(nodeCount);
  const hasTables = new Uint8Array(treeCount);
  const isNumeric = new Uint8Array(treeCount).fill(1);
  for (let t = 0; t < treeCount; t++) {
    const end = t + 1 < treeCount ? ensemble.treeRoots[t + 1]! : nodeCount;
    for (let node = ensemble.treeRoots[t]!; node < end; node++)
      if (ensemble.categorySlot[node]! >= 0) isNumeric[t] = 0;
  }
  const missingRight = Uint8Array.from(ensemble.defaultLeft, (isLeft) => 1 - isLeft);
  const stepStart = new Int32Array(treeCount + 1);
  const steps: number[] = [];
  const anchors: AnchorTable[] = [];
  let used = 0;

  for (let t = 0; t < treeCount; t++) {
    stepStart[t] = steps.length;
    const plan = planTree(ensemble, ensemble.treeRoots[t]!, height);
    const size = plan?.anchors.reduce((sum, anchor) => sum + anchor.size, 0) ?? 0;
    if (plan === null || used + size > tableEntryBudget) continue;
    hasTables[t] = 1;
    used += size;
    for (const { node, position } of plan.splits) bit[node] = position;
    for (const anchor of plan.anchors) {
      anchorOf[anchor.node] = anchors.length;
      anchors.push(anchorTable(ensemble, anchor));
    }
    const treeSteps = [
      ...plan.splits.map((split) => split.node),
      ...plan.anchors.map((a) => a.node),
    ];
    steps.push(...treeSteps.sort((a, b) => a - b));
  }
  stepStart[treeCount] = steps.length;
  return {
    ...packTables(hasTables, stepStart, steps, anchorOf, bit, anchors, used),
    isNumeric,
    missingRight,
  };
}

interface AnchorPlan {
  node: number;
  pathFeatures: number[];
  zeroFractions: number[];
  /** Table entries: 2^(mask bits + splits) x features. */
  size: number;
}

interface TreePlan {
  splits: { node: number; position: number }[];
  anchors: AnchorPlan[];
}

/** Where the anchors of one tree sit, or null when some leaf has too many path features. */
function planTree(ensemble: TreeEnsemble, root: number, height: Int32Array): TreePlan | null {
  const plan: TreePlan = { splits: [], anchors: [] };
  let isPossible = true;
  const walk = (node: number, features: number[], zeros: number[]): void => {
    const below = subtreeFeatures(ensemble, node, features);
    const indexBits = features.length + below.splitCount;
    const isAnchor =
      ensemble.left[node]! < 0 || (height[node]! <= anchorHeight && indexBits <= maxIndexBits);
    if (isAnchor) {
      if (indexBits > maxIndexBits) isPossible = false;
      const size = 2 ** indexBits * (features.length + below.newFeatures.length);
      plan.anchors.push({ node, pathFeatures: features, zeroFractions: zeros, size });
      return;
    }
    const f = ensemble.feature[node]!;
    let position = features.indexOf(f);
    const isNew = position < 0;
    if (isNew) position = features.length;
    plan.splits.push({ node, position });
    for (const child of [ensemble.left[node]!, ensemble.right[node]!]) {
      const share = ensemble.cover[child]! / ensemble.cover[node]!;
      walk(
        child,
        isNew ? [...features, f] : features,
        isNew ? [...zeros, share] : zeros.map((z, k) => (k === position ? z * share : z)),
      );
    }
  };
  walk(root, [], []);
  return isPossible ? plan : null;
}

/** The splits below a node (preorder) and the features they add to the path's features. */
function subtreeFeatures(
  ensemble: TreeEnsemble,
  node: number,
  pathFeatures: readonly number[],
): { splits: number[]; splitCount: number; newFeatures: number[] } {
  const splits: number[] = [];
  const newFeatures: number[] = [];
  const visit = (at: number): void => {
    if (ensemble.left[at]! < 0) return;
    splits.push(at);
    const f = ensemble.feature[at]!;
    if (!pathFeatures.includes(f) && !newFeatures.includes(f)) newFeatures.push(f);
    visit(ensemble.left[at]!);
    visit(ensemble.right[at]!);
  };
  visit(node);
  return { splits, splitCount: splits.length, newFeatures };
}

interface AnchorTable {
  maskBits: number;
  splits: number[];
  features: number[];
  entries: Float64Array;
}

/**
 * One anchor's table. For each leaf below it, the leaf's own table (EXTEND and UNWIND of
 * Algorithm 2 per hot pattern) is computed once; each (mask, directions) entry then adds up the
 * rows of those leaf tables that the row's pattern selects.
 */
function anchorTable(ensemble: TreeEnsemble, anchor: AnchorPlan): AnchorTable {
  const { pathFeatures } = anchor;
  const { splits, newFeatures } = subtreeFeatures(ensemble, anchor.node, pathFeatures);
  const features = [...pathFeatures, ...newFeatures];
  const width = features.length;
  const maskBits = pathFeatures.length;
  const s = splits.length;
  const entries = new Float64Array(2 ** (maskBits + s) * width);

  // Each leaf with its features and zero fractions, and the splits on its way from the anchor.
  const leaves: {
    table: Float64Array;
    slots: number[];
    way: { split: number; isRight: boolean; position: number }[];
  }[] = [];
  const walk = (
    node: number,
    leafFeatures: number[],
    zeros: number[],
    way: { split: number; isRight: boolean; position: number }[],
  ): void => {
    if (ensemble.left[node]! < 0) {
      leaves.push({
        table: leafTable(zeros, ensemble.value[node]!),
        slots: leafFeatures.map((f) => features.indexOf(f)),
        way,
      });
      return;
    }
    const f = ensemble.feature[node]!;
    let position = leafFeatures.indexOf(f);
    const isNew = position < 0;
    if (isNew) position = leafFeatures.length;
    const split = splits.indexOf(node);
    [ensemble.left[node]!, ensemble.right[node]!].forEach((child, side) => {
      const share = ensemble.cover[child]! / ensemble.cover[node]!;
      walk(
        child,
        isNew ? [...leafFeatures, f] : leafFeatures,
        isNew ? [...zeros, share] : zeros.map((z, k) => (k === position ? z * share : z)),
        [...way, { split, isRight: side === 1, position }],
      );
    });
  };
  walk(anchor.node, pathFeatures, anchor.zeroFractions, []);

  for (let index = 0; index < 2 ** (maskBits + s); index++) {
    const mask = index >>> s;
    const directions = index & ((1 << s) - 1);
    const out = index * width;
    for (const leaf of leaves) {
      // Features first met below the anchor start satisfied; a split the row leaves for the
      // other side clears its feature's bit.
      let pattern = mask | ~((1 << maskBits) - 1);
      for (const step of leaf.way) {
        const isRowRight = ((directions >>> step.split) & 1) === 1;
        if (isRowRight !== step.isRight) pattern &= ~(1 << step.position);
      }
      const d = leaf.slots.length;
      const from = (pattern & ((1 << d) - 1)) * d;
      for (let k = 0; k < d; k++) entries[out + leaf.slots[k]!]! += leaf.table[from + k]!;
    }
  }
  return { maskBits, splits, features, entries };
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

/** Height of each node's subtree (a leaf: 0); children come after their parent. */
function subtreeHeights(ensemble: TreeEnsemble): Int32Array {
  const { left, right } = ensemble;
  const height = new Int32Array(left.length);
  for (let node = left.length - 1; node >= 0; node--) {
    const l = left[node]!;
    if (l >= 0) height[node] = 1 + Math.max(height[l]!, height[right[node]!]!);
  }
  return height;
}

function packTables(
  hasTables: Uint8Array,
  stepStart: Int32Array,
  steps: number[],
  anchorOf: Int32Array,
  bit: Int32Array,
  anchors: AnchorTable[],
  entryCount: number,
): Omit<SubtreePatternTables, 'isNumeric' | 'missingRight'> {
  const count = anchors.length;
  const tables: Omit<SubtreePatternTables, 'isNumeric' | 'missingRight'> = {
    hasTables,
    stepStart,
    steps: Int32Array.from(steps),
    anchorOf,
    bit,
    maskBits: Int32Array.from(anchors, (a) => a.maskBits),
    splitStart: new Int32Array(count),
    splitCount: Int32Array.from(anchors, (a) => a.splits.length),
    splits: Int32Array.from(anchors.flatMap((a) => a.splits)),
    featureStart: new Int32Array(count),
    featureCount: Int32Array.from(anchors, (a) => a.features.length),
    features: Int32Array.from(anchors.flatMap((a) => a.features)),
    tableStart: new Int32Array(count),
    table: new Float64Array(entryCount),
  };
  let splitAt = 0;
  let featureAt = 0;
  let tableAt = 0;
  anchors.forEach((anchor, a) => {
    tables.splitStart[a] = splitAt;
    tables.featureStart[a] = featureAt;
    tables.tableStart[a] = tableAt;
    tables.table.set(anchor.entries, tableAt);
    splitAt += anchor.splits.length;
    featureAt += anchor.features.length;
    tableAt += anchor.entries.length;
  });
  return tables;
}
