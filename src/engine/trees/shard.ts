import { createRandom } from '../../core/random.ts';

/**
 * One fixed slice of the training rows, with its own margins, gradients and row partition. The
 * histograms of a node are summed shard by shard in shard order, so a model is the same whether
 * the shards run on one thread or on several.
 */
export interface ShardInit {
  shardIndex: number;
  rowStart: number;
  rowEnd: number;
  rowCount: number;
  featureCount: number;
  totalBins: number;
  maxNodes: number;
  baseMargin: number;
  bins: Uint8Array;
  binCounts: Int32Array;
  binOffsets: Int32Array;
  labels: Float64Array;
  weights: Float64Array | null;
  /** Gradient and hessian sums of each shard's sampled rows, at [2 * shardIndex] and after. */
  rootSums: Float64Array;
}

export interface StartTreeCommand {
  treeIndex: number;
  seed: number;
  subsample: number;
}

export interface SplitCommand {
  nodeId: number;
  leftId: number;
  rightId: number;
  feature: number;
  /** 1 where a bin goes left, indexed by bin (256 entries). */
  leftTable: Uint8Array;
}

export interface HistogramRequest {
  nodeId: number;
  /** Per shard (by shard index), the histogram buffer its part of the node's histogram goes to. */
  buffers: Int32Array;
}

export interface GrowCommand {
  splits: SplitCommand[];
  requests: HistogramRequest[];
  features: Int32Array;
}

/** The finished tree in bin terms, to update the margins of rows left out by subsampling. */
export interface BinTree {
  feature: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  leftTables: Uint8Array;
}

export interface FinishTreeCommand {
  /** Splits of the last level: their rows are sent to the two leaves as the margins are updated. */
  lastSplits: SplitCommand[];
  /** Leaves made before the last level, whose rows are partitioned already. */
  leafIds: Int32Array;
  tree: BinTree;
}

export class Shard {
  private readonly init: ShardInit;
  /** Histogram buffers of the thread, shared with its other shards; indexed by buffer number. */
  private readonly buffers: readonly Float64Array[];
  /** exp(-margin) per row: a tree multiplies it by exp(-leaf value), so no row needs Math.exp. */
  private readonly expNegMargins: Float64Array;
  /**
   * Gradient and hessian of each row side by side, as Float32 (as XGBoost's gradient pairs): half
   * the bytes to stream per histogram pass. Histograms still add them up in Float64.
   */
  private readonly gradientPairs: Float32Array;
  private readonly rows: Uint32Array;
  private readonly scratchRows: Uint32Array;
  private readonly packed: Float32Array;
  private readonly nodeStart: Int32Array;
  private readonly nodeEnd: Int32Array;
  private readonly leftOut: Uint32Array;
  private leftOutCount = 0;

  constructor(init: ShardInit, buffers: readonly Float64Array[]) {
    this.init = init;
    this.buffers = buffers;
    const size = init.rowEnd - init.rowStart;
    this.expNegMargins = new Float64Array(size).fill(Math.exp(-init.baseMargin));
    this.gradientPairs = new Float32Array(size * 2);
    this.rows = new Uint32Array(size);
    this.scratchRows = new Uint32Array(size);
    this.leftOut = new Uint32Array(size);
    this.packed = new Float32Array(size * 2);
    this.nodeStart = new Int32Array(init.maxNodes);
    this.nodeEnd = new Int32Array(init.maxNodes);
  }

  /** Log-loss gradients at the current margins, and the rows sampled for this tree. */
  startTree(command: StartTreeCommand): void {
    const { rowStart, rowEnd, labels, weights, rootSums, shardIndex } = this.init;
    const random = createRandom(mixSeed(command.seed, command.treeIndex, shardIndex));
    const isSampling = command.subsample < 1;
    const pairs = this.gradientPairs;
    let kept = 0;
    let gradientSum = 0;
    let hessianSum = 0;
    this.leftOutCount = 0;
    for (let r = rowStart; r < rowEnd; r++) {
      const local = r - rowStart;
      // p = 1 / (1 + e) and 1 - p = e p, both without cancellation for any margin.
      const e = this.expNegMargins[local]!;
      const p = 1 / (1 + e);
      const w = weights === null ? 1 : weights[r]!;
      pairs[2 * local] = (p - labels[r]!) * w;
      pairs[2 * local + 1] = Math.max(p * (e * p), 1e-16) * w;
      if (isSampling && random.next() >= command.subsample) {
        this.leftOut[this.leftOutCount++] = r;
      } else {
        this.rows[kept++] = r;
        gradientSum += pairs[2 * local]!;
        hessianSum += pairs[2 * local + 1]!;
      }
    }
    this.nodeStart[0] = 0;
    this.nodeEnd[0] = kept;
    rootSums[2 * shardIndex] = gradientSum;
    rootSums[2 * shardIndex + 1] = hessianSum;
  }

  grow(command: GrowCommand): void {
    for (const split of command.splits) this.partition(split);
    for (const request of command.requests) this.buildHistogram(request, command.features);
  }

  /**
   * New margins. Rows of the last level's splits go to their leaf as they are read, so that level
   * is never partitioned; rows of earlier leaves are in their ranges already.
   */
  finishTree(command: FinishTreeCommand): void {
    const { rowStart, bins, rowCount } = this.init;
    const { feature, left, right, value, leftTables } = command.tree;
    const margins = this.expNegMargins;
    const rows = this.rows;
    for (let k = 0; k < command.leafIds.length; k++) {
      const leaf = command.leafIds[k]!;
      const factor = Math.exp(-value[leaf]!);
      for (let j = this.nodeStart[leaf]!; j < this.nodeEnd[leaf]!; j++) {
        const local = rows[j]! - rowStart;
        margins[local] = keptFinite(margins[local]! * factor);
      }
    }
    for (const split of command.lastSplits) {
      const column = split.feature * rowCount;
      const table = split.leftTable;
      const leftFactor = Math.exp(-value[split.leftId]!);
      const rightFactor = Math.exp(-value[split.rightId]!);
      for (let j = this.nodeStart[split.nodeId]!; j < this.nodeEnd[split.nodeId]!; j++) {
        const r = rows[j]!;
        const local = r - rowStart;
        const factor = table[bins[column + r]!] === 1 ? leftFactor : rightFactor;
        margins[local] = keptFinite(margins[local]! * factor);
      }
    }

    // Rows left out of the sample were not partitioned; walk the tree for them.
    for (let k = 0; k < this.leftOutCount; k++) {
      const r = this.leftOut[k]!;
      let node = 0;
      while (left[node]! >= 0) {
        const bin = bins[feature[node]! * rowCount + r]!;
        node = leftTables[node * 256 + bin] === 1 ? left[node]! : right[node]!;
      }
      const local = r - rowStart;
      margins[local] = keptFinite(margins[local]! * Math.exp(-value[node]!));
    }
  }

  /** Stable partition, so each child's rows stay in ascending order (cache-friendly reads). */
  private partition(split: SplitCommand): void {
    const { bins, rowCount } = this.init;
    const start = this.nodeStart[split.nodeId]!;
    const end = this.nodeEnd[split.nodeId]!;
    const column = split.feature * rowCount;
    const table = split.leftTable;
    const rows = this.rows;
    const scratch = this.scratchRows;
    let leftEnd = start;
    let rightCount = 0;
    // Written to both sides and kept by arithmetic: the direction is unpredictable, a branch
    // on it would be mispredicted half the time. leftEnd <= k, so no unread row is overwritten.
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const isLeft = table[bins[column + r]!]!;
      rows[leftEnd] = r;
      scratch[rightCount] = r;
      leftEnd += isLeft;
      rightCount += 1 - isLeft;
    }
    rows.set(scratch.subarray(0, rightCount), leftEnd);
    this.nodeStart[split.leftId] = start;
    this.nodeEnd[split.leftId] = leftEnd;
    this.nodeStart[split.rightId] = leftEnd;
    this.nodeEnd[split.rightId] = end;
  }

  private buildHistogram(request: HistogramRequest, features: Int32Array): void {
    const { bins, rowCount, rowStart, rowEnd } = this.init;
    const histograms = this.buffers[request.buffers[this.init.shardIndex]!]!;
    const start = this.nodeStart[request.nodeId]!;
    const count = this.nodeEnd[request.nodeId]! - start;
    const rows = this.rows;

    // Gradients of the node's rows packed side by side: one sequential read per feature pass. All
    // rows of the shard (a root without sampling) are in order already.
    const isAll = count === rowEnd - rowStart;
    const packed = isAll ? this.gradientPairs : this.packed;
    if (!isAll) {
      const pairs = this.gradientPairs;
      for (let k = 0; k < count; k++) {
        const local = rows[start + k]! - rowStart;
        packed[2 * k] = pairs[2 * local]!;
        packed[2 * k + 1] = pairs[2 * local + 1]!;
      }
    }

    // Six features per pass over the rows: the packed gradients are read once for all six, and
    // six features' bins (24 kB) still fit the first-level cache.
    let q = 0;
    for (; q + 6 <= features.length; q += 6) {
      const h0 = this.clearBins(histograms, features[q]!);
      const h1 = this.clearBins(histograms, features[q + 1]!);
      const h2 = this.clearBins(histograms, features[q + 2]!);
      const h3 = this.clearBins(histograms, features[q + 3]!);
      const h4 = this.clearBins(histograms, features[q + 4]!);
      const h5 = this.clearBins(histograms, features[q + 5]!);
      const c0 = features[q]! * rowCount;
      const c1 = features[q + 1]! * rowCount;
      const c2 = features[q + 2]! * rowCount;
      const c3 = features[q + 3]! * rowCount;
      const c4 = features[q + 4]! * rowCount;
      const c5 = features[q + 5]! * rowCount;
      for (let k = 0; k < count; k++) {
        const r = rows[start + k]!;
        const g = packed[2 * k]!;
        const h = packed[2 * k + 1]!;
        let j = h0 + 2 * bins[c0 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
        j = h1 + 2 * bins[c1 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
        j = h2 + 2 * bins[c2 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
        j = h3 + 2 * bins[c3 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
        j = h4 + 2 * bins[c4 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
        j = h5 + 2 * bins[c5 + r]!;
        histograms[j]! += g;
        histograms[j + 1]! += h;
      }
    }
    for (; q < features.length; q++) {
      const f = features[q]!;
      const base = this.clearBins(histograms, f);
      const column = f * rowCount;
      for (let k = 0; k < count; k++) {
        const j = base + 2 * bins[column + rows[start + k]!]!;
        histograms[j]! += packed[2 * k]!;
        histograms[j + 1]! += packed[2 * k + 1]!;
      }
    }
  }

  /** Zeroes one feature's bins in a histogram and returns where they start. */
  private clearBins(histograms: Float64Array, feature: number): number {
    const base = this.init.binOffsets[feature]! * 2;
    histograms.fill(0, base, base + this.init.binCounts[feature]! * 2);
    return base;
  }
}

/**
 * Keeps exp(-margin) within margins of about +-690: at 0 or Infinity it could never come back,
 * and Infinity would make the hessian NaN. The sigmoid is flat there, so nothing else changes.
 */
function keptFinite(expNegMargin: number): number {
  return Math.min(1e300, Math.max(1e-300, expNegMargin));
}

function mixSeed(seed: number, treeIndex: number, shardIndex: number): number {
  let h = (seed ^ Math.imul(treeIndex + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  return (h ^ Math.imul(shardIndex + 1, 0xc2b2ae35)) >>> 0;
}
