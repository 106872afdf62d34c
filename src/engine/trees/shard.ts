import { createRandom } from '../../core/random.ts';
import { packShift } from './gradientQuantisation.ts';

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
  /** Gradients and hessians are held as whole numbers of these steps (see gradientQuantisation). */
  gradientSteps: number;
  hessianSteps: number;
  chunkRows: number;
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
  /** Each row's gradient and hessian steps in one number: gradient * packShift + hessian. */
  private readonly stepPairs: Float64Array;
  private readonly rows: Uint32Array;
  private readonly scratchRows: Uint32Array;
  /** A node's step pairs gathered in the order of its rows: one sequential read per pass. */
  private readonly gathered: Float64Array;
  /** One chunk's histogram in packed form, kept zero between uses. */
  private readonly chunkHistogram: Float64Array;
  private readonly nodeStart: Int32Array;
  private readonly nodeEnd: Int32Array;
  private readonly leftOut: Uint32Array;
  private leftOutCount = 0;

  constructor(init: ShardInit, buffers: readonly Float64Array[]) {
    this.init = init;
    this.buffers = buffers;
    const size = init.rowEnd - init.rowStart;
    this.expNegMargins = new Float64Array(size).fill(Math.exp(-init.baseMargin));
    this.stepPairs = new Float64Array(size);
    this.rows = new Uint32Array(size);
    this.scratchRows = new Uint32Array(size);
    this.leftOut = new Uint32Array(size);
    this.gathered = new Float64Array(size);
    this.chunkHistogram = new Float64Array(init.totalBins);
    this.nodeStart = new Int32Array(init.maxNodes);
    this.nodeEnd = new Int32Array(init.maxNodes);
  }

  /** Log-loss gradients at the current margins, in steps, and the rows sampled for this tree. */
  startTree(command: StartTreeCommand): void {
    const { rowStart, rowEnd, labels, weights, rootSums, shardIndex } = this.init;
    const { gradientSteps, hessianSteps } = this.init;
    const random = createRandom(mixSeed(command.seed, command.treeIndex, shardIndex));
    const isSampling = command.subsample < 1;
    const pairs = this.stepPairs;
    let kept = 0;
    let gradientSum = 0;
    let hessianSum = 0;
    this.leftOutCount = 0;
    for (let r = rowStart; r < rowEnd; r++) {
      const local = r - rowStart;
      // p = 1 / (1 + e) and 1 - p = e p, both without cancellation for any margin.
      const e = this.expNegMargins[local]!;
      const p = 1 / (1 + e);
      const gradient = p - labels[r]!;
      const hessian = p * (e * p);
      let g: number;
      let h: number;
      if (weights === null) {
        g = Math.round(gradient * gradientSteps);
        h = Math.round(hessian * hessianSteps);
      } else {
        // A whole weight multiplies the rounded steps, so weight 2 is exactly a duplicated row.
        const w = weights[r]!;
        const isWhole = w === Math.floor(w);
        g = isWhole
          ? w * Math.round(gradient * gradientSteps)
          : Math.round(w * gradient * gradientSteps);
        h = isWhole
          ? w * Math.round(hessian * hessianSteps)
          : Math.round(w * hessian * hessianSteps);
      }
      pairs[local] = g * packShift + h;
      if (isSampling && random.next() >= command.subsample) {
        this.leftOut[this.leftOutCount++] = r;
      } else {
        this.rows[kept++] = r;
        gradientSum += g;
        hessianSum += h;
      }
    }
    this.nodeStart[0] = 0;
    this.nodeEnd[0] = kept;
    rootSums[2 * shardIndex] = gradientSum / gradientSteps;
    rootSums[2 * shardIndex + 1] = hessianSum / hessianSteps;
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
    const { rowStart, rowEnd } = this.init;
    const histogram = this.buffers[request.buffers[this.init.shardIndex]!]!;
    const start = this.nodeStart[request.nodeId]!;
    const count = this.nodeEnd[request.nodeId]! - start;
    const rows = this.rows;

    // All rows of the shard (a root without sampling) are in order already.
    const isAll = count === rowEnd - rowStart;
    const values = isAll ? this.stepPairs : this.gathered;
    if (!isAll) {
      const pairs = this.stepPairs;
      for (let k = 0; k < count; k++) values[k] = pairs[rows[start + k]! - rowStart]!;
    }

    // A chunk of rows at a time in packed form, then unpacked into the exact pairs.
    const { chunkRows } = this.init;
    for (let from = 0; from === 0 || from < count; from += chunkRows) {
      const to = Math.min(count, from + chunkRows);
      this.accumulate(features, start, from, to, values);
      this.unpackInto(histogram, features, from === 0);
    }
  }

  /**
   * Adds rows from..to of a node to the chunk histogram, six features per pass over the rows:
   * the values are read once for all six, and six features' bins (12 kB) stay in the first-level
   * cache.
   */
  private accumulate(
    features: Int32Array,
    start: number,
    from: number,
    to: number,
    values: Float64Array,
  ): void {
    const { bins, rowCount, binOffsets } = this.init;
    const histogram = this.chunkHistogram;
    const rows = this.rows;
    let q = 0;
    for (; q + 6 <= features.length; q += 6) {
      const f0 = features[q]!;
      const f1 = features[q + 1]!;
      const f2 = features[q + 2]!;
      const f3 = features[q + 3]!;
      const f4 = features[q + 4]!;
      const f5 = features[q + 5]!;
      const h0 = binOffsets[f0]!;
      const h1 = binOffsets[f1]!;
      const h2 = binOffsets[f2]!;
      const h3 = binOffsets[f3]!;
      const h4 = binOffsets[f4]!;
      const h5 = binOffsets[f5]!;
      const c0 = f0 * rowCount;
      const c1 = f1 * rowCount;
      const c2 = f2 * rowCount;
      const c3 = f3 * rowCount;
      const c4 = f4 * rowCount;
      const c5 = f5 * rowCount;
      for (let k = from; k < to; k++) {
        const r = rows[start + k]!;
        const v = values[k]!;
        histogram[h0 + bins[c0 + r]!]! += v;
        histogram[h1 + bins[c1 + r]!]! += v;
        histogram[h2 + bins[c2 + r]!]! += v;
        histogram[h3 + bins[c3 + r]!]! += v;
        histogram[h4 + bins[c4 + r]!]! += v;
        histogram[h5 + bins[c5 + r]!]! += v;
      }
    }
    for (; q < features.length; q++) {
      const f = features[q]!;
      const base = binOffsets[f]!;
      const column = f * rowCount;
      for (let k = from; k < to; k++)
        histogram[base + bins[column + rows[start + k]!]!]! += values[k]!;
    }
  }

  /** Unpacks the chunk histogram into (gradient, hessian) pairs and zeroes it again. */
  private unpackInto(histogram: Float64Array, features: Int32Array, isFirst: boolean): void {
    const { binOffsets, binCounts, gradientSteps, hessianSteps } = this.init;
    const chunk = this.chunkHistogram;
    const gradientStep = 1 / gradientSteps;
    const hessianStep = 1 / hessianSteps;
    for (let q = 0; q < features.length; q++) {
      const f = features[q]!;
      const from = binOffsets[f]!;
      const to = from + binCounts[f]!;
      for (let j = from; j < to; j++) {
        const v = chunk[j]!;
        // The hessian part is never negative and below packShift, so floor splits them exactly.
        const g = Math.floor(v / packShift);
        const h = v - g * packShift;
        chunk[j] = 0;
        if (isFirst) {
          histogram[2 * j] = g * gradientStep;
          histogram[2 * j + 1] = h * hessianStep;
        } else {
          histogram[2 * j]! += g * gradientStep;
          histogram[2 * j + 1]! += h * hessianStep;
        }
      }
    }
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
