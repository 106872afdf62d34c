import { availableParallelism } from 'node:os';
import { AppError } from '../../core/errors.ts';
import { createRandom, type Random } from '../../core/random.ts';
import { binFeatureMatrix, type BinnedMatrix } from './binning.ts';
import type { FeatureMatrix, FeatureSpec } from './featureMatrix.ts';
import {
  leafWeight,
  type NodeStats,
  type SplitCandidate,
  type SplitParams,
} from './findBestSplit.ts';
import { binTreeOf, leftTableOf } from './binTree.ts';
import type { HistogramRequest, ShardInit, SplitCommand } from './shard.ts';
import type { SearchJob } from './splitSearch.ts';
import { validateBoostingOptions } from './validateBoostingOptions.ts';
import type { ShardRequest } from './shardMessages.ts';
import { ShardPool } from './shardPool.ts';
import { gradientStepsFor } from './gradientQuantisation.ts';
import { packTrees, predictMargins, type TreeEnsemble, type TreeNode } from './treeEnsemble.ts';

export interface GradientBoostingOptions {
  /** Names and kinds of the features; default numeric features named f0, f1, ... */
  features: FeatureSpec[];
  treeCount: number;
  maxDepth: number;
  /** At most this many leaves per tree; 0 = only maxDepth limits. */
  maxLeaves: number;
  learningRate: number;
  /** L2 penalty on leaf weights. */
  lambda: number;
  /** Smallest hessian sum a child may have. */
  minChildWeight: number;
  minSplitGain: number;
  /** Share of rows sampled (without replacement, per row) for each tree. */
  subsample: number;
  /** Share of features sampled for each tree. */
  colsampleByTree: number;
  maxBins: number;
  /** Per feature: 1 increasing, -1 decreasing, 0 free; numeric features only. */
  monotone: number[] | null;
  sampleWeights: ArrayLike<number> | null;
  /** Rows to measure each tree's log loss on, weighted like the training rows when `weights`. */
  validation: {
    matrix: FeatureMatrix;
    labels: ArrayLike<number>;
    weights?: ArrayLike<number>;
  } | null;
  /** Stop when the validation log loss has not improved for this many trees; 0 = never. */
  earlyStoppingRounds: number;
  seed: number;
  /** Threads for histogram building; the model does not depend on it. */
  threadCount: number;
  /** Fixed row slices whose histograms are summed in order; the model does depend on it. */
  shardCount: number;
}

export const defaultGradientBoostingOptions: Omit<GradientBoostingOptions, 'features'> = {
  treeCount: 100,
  maxDepth: 6,
  maxLeaves: 0,
  learningRate: 0.1,
  lambda: 1,
  minChildWeight: 1,
  minSplitGain: 0,
  subsample: 1,
  colsampleByTree: 1,
  maxBins: 256,
  monotone: null,
  sampleWeights: null,
  validation: null,
  earlyStoppingRounds: 0,
  seed: 1,
  threadCount: Math.min(2, availableParallelism()),
  shardCount: 2,
};

export interface GradientBoostingResult {
  model: TreeEnsemble;
  /** Trees kept: all, or those up to the best validation loss under early stopping. */
  bestTreeCount: number;
  /** Validation log loss after each tree (empty without a validation set). */
  validationLoss: number[];
}

/** Gradient-boosted trees for a 0/1 outcome with log loss, histogram-based (as XGBoost 'hist'). */
export async function trainGradientBoosting(
  matrix: FeatureMatrix,
  labels: ArrayLike<number>,
  options: Partial<GradientBoostingOptions> = {},
): Promise<GradientBoostingResult> {
  const features =
    options.features ??
    Array.from({ length: matrix.featureCount }, (_, f) => ({
      name: `f${f}`,
      kind: 'numeric' as const,
    }));
  const settings: GradientBoostingOptions = {
    ...defaultGradientBoostingOptions,
    ...options,
    features,
  };
  validateBoostingOptions(matrix, labels, settings);

  const binned = binFeatureMatrix(
    matrix,
    features.map((feature) => feature.kind),
    { maxBins: settings.maxBins, seed: settings.seed },
  );
  const trainer = new Trainer(binned, labels, settings);
  try {
    return await trainer.run();
  } finally {
    await trainer.close();
  }
}

class Trainer {
  private readonly binned: BinnedMatrix;
  private readonly settings: GradientBoostingOptions;
  private readonly params: SplitParams;
  private readonly pool: ShardPool;
  private readonly buffers: HistogramBuffers;
  private readonly rootSums: Float64Array;
  private readonly random: Random;
  private readonly baseMargin: number;

  constructor(binned: BinnedMatrix, labels: ArrayLike<number>, settings: GradientBoostingOptions) {
    this.binned = binned;
    this.settings = settings;
    this.random = createRandom(settings.seed);
    this.params = {
      lambda: settings.lambda,
      minChildWeight: settings.minChildWeight,
      minSplitGain: settings.minSplitGain,
      monotone: Int8Array.from(settings.monotone ?? new Array<number>(binned.featureCount).fill(0)),
    };

    const n = binned.rowCount;
    const sharedLabels = new Float64Array(new SharedArrayBuffer(n * 8));
    for (let i = 0; i < n; i++) sharedLabels[i] = labels[i]!;
    let sharedWeights: Float64Array | null = null;
    const weights = settings.sampleWeights;
    if (weights !== null) {
      sharedWeights = new Float64Array(new SharedArrayBuffer(n * 8));
      for (let i = 0; i < n; i++) sharedWeights[i] = weights[i]!;
    }
    this.baseMargin = baseMarginOf(sharedLabels, sharedWeights);
    this.rootSums = new Float64Array(new SharedArrayBuffer(settings.shardCount * 2 * 8));
    this.buffers = new HistogramBuffers(binned.totalBins * 2);

    let maxWeight = 1;
    if (sharedWeights !== null) {
      maxWeight = 0;
      for (let i = 0; i < n; i++) maxWeight = Math.max(maxWeight, sharedWeights[i]!);
    }
    const steps = gradientStepsFor(maxWeight);

    const maxNodes = 2 ** (settings.maxDepth + 1);
    const inits: ShardInit[] = [];
    for (let s = 0; s < settings.shardCount; s++) {
      inits.push({
        shardIndex: s,
        rowStart: Math.floor((s * n) / settings.shardCount),
        rowEnd: Math.floor(((s + 1) * n) / settings.shardCount),
        rowCount: n,
        featureCount: binned.featureCount,
        totalBins: binned.totalBins,
        maxNodes,
        baseMargin: this.baseMargin,
        bins: binned.bins,
        binCounts: binned.binCounts,
        binOffsets: binned.binOffsets,
        labels: sharedLabels,
        weights: sharedWeights,
        rootSums: this.rootSums,
        ...steps,
      });
    }
    const layout = {
      binCounts: binned.binCounts,
      binOffsets: binned.binOffsets,
      kinds: binned.kinds,
    };
    this.pool = ShardPool.create(inits, settings.threadCount, layout, this.params);
  }

  async run(): Promise<GradientBoostingResult> {
    const { settings } = this;
    const trees: TreeNode[][] = [];
    const validationLoss: number[] = [];
    const validation = settings.validation;
    const validationMargins =
      validation === null
        ? null
        : new Float64Array(validation.matrix.rowCount).fill(this.baseMargin);
    let bestTreeCount = 0;
    let bestLoss = Number.POSITIVE_INFINITY;

    // Each tree's margin update travels with the next tree's first request; the last tree's is
    // never needed.
    let finish: ShardRequest | null = null;
    for (let t = 0; t < settings.treeCount; t++) {
      const grown = await this.growTree(t, finish);
      finish = grown.finish;
      const tree = grown.nodes;
      trees.push(tree);
      if (validation === null || validationMargins === null) continue;

      const single = packTrees(settings.features, 0, [tree]);
      const treeMargins = predictMargins(single, validation.matrix);
      for (let i = 0; i < treeMargins.length; i++) validationMargins[i]! += treeMargins[i]!;
      const loss = logLossOfMargins(validationMargins, validation.labels, validation.weights);
      validationLoss.push(loss);
      if (loss < bestLoss - 1e-12) {
        bestLoss = loss;
        bestTreeCount = t + 1;
      } else if (
        settings.earlyStoppingRounds > 0 &&
        t + 1 - bestTreeCount >= settings.earlyStoppingRounds
      ) {
        break;
      }
    }

    const kept =
      validation !== null && settings.earlyStoppingRounds > 0 ? bestTreeCount : trees.length;
    return {
      model: packTrees(settings.features, this.baseMargin, trees.slice(0, kept)),
      bestTreeCount: kept,
      validationLoss,
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async growTree(
    treeIndex: number,
    previousFinish: ShardRequest | null,
  ): Promise<{ nodes: TreeNode[]; finish: ShardRequest }> {
    const { settings, binned, params, buffers } = this;
    const features = this.sampleFeatures();
    const blocks = featureBlocks(features, binned.binCounts, this.pool.threadCount);
    const shardCount = settings.shardCount;

    // The previous tree's margins, this tree's gradients and sample, and the root's histogram
    // over all sampled rows, in one round trip.
    const rootParts = Int32Array.from({ length: shardCount }, () => buffers.take());
    await this.pool.run([
      ...(previousFinish === null ? [] : [previousFinish]),
      ...buffers.newBufferRequests(),
      {
        kind: 'startTree',
        command: { treeIndex, seed: settings.seed, subsample: settings.subsample },
      },
      {
        kind: 'grow',
        command: { splits: [], requests: [{ nodeId: 0, buffers: rootParts }], features },
      },
    ]);
    let rootGradient = 0;
    let rootHessian = 0;
    for (let s = 0; s < shardCount; s++) {
      rootGradient += this.rootSums[2 * s]!;
      rootHessian += this.rootSums[2 * s + 1]!;
    }
    const nodes: TreeNode[] = [];
    const addNode = (stats: NodeStats): number => {
      nodes.push({
        feature: -1,
        threshold: 0,
        left: -1,
        right: -1,
        isDefaultLeft: false,
        categories: null,
        value: leafWeight(stats, params.lambda) * settings.learningRate,
        cover: stats.hessian,
        gain: 0,
      });
      return nodes.length - 1;
    };
    const rootStats = {
      gradient: rootGradient,
      hessian: rootHessian,
      lower: -Infinity,
      upper: Infinity,
    };
    addNode(rootStats);
    const rootJob: SearchJob = {
      stats: rootStats,
      buffer: rootParts[0]!,
      parts: rootParts,
      parent: -1,
      sibling: -1,
    };
    let level: LevelNode[] = [
      { id: 0, buffer: rootParts[0]!, split: (await this.search([rootJob], blocks))[0]! },
    ];
    for (let s = 1; s < shardCount; s++) buffers.release(rootParts[s]!);

    let leafCount = 1;
    let lastSplits: SplitCommand[] = [];
    for (let depth = 0; depth < settings.maxDepth && level.length > 0; depth++) {
      // Under a leaf budget the largest gains win.
      let chosen = level.filter((entry) => entry.split !== null);
      if (settings.maxLeaves > 0) {
        chosen.sort((a, b) => b.split!.gain - a.split!.gain || a.id - b.id);
        chosen = chosen.slice(0, Math.max(0, settings.maxLeaves - leafCount));
        chosen.sort((a, b) => a.id - b.id);
      }
      const isChosen = new Set(chosen.map((entry) => entry.id));
      for (const entry of level) if (!isChosen.has(entry.id)) buffers.release(entry.buffer);
      if (chosen.length === 0) break;

      const splits: SplitCommand[] = [];
      const requests: HistogramRequest[] = [];
      const jobs: SearchJob[] = [];
      const nextIds: number[] = [];
      for (const { id, split, buffer } of chosen) {
        const s = split!;
        const leftId = addNode(s.left);
        const rightId = addNode(s.right);
        const node = nodes[id]!;
        node.feature = s.feature;
        node.left = leftId;
        node.right = rightId;
        node.isDefaultLeft = s.isDefaultLeft;
        node.gain = s.gain;
        node.categories =
          s.leftBins === null ? null : s.leftBins.map((bin) => bin - 1).sort((a, b) => a - b);
        const cuts = binned.cuts[s.feature]!;
        node.threshold =
          s.leftBins === null
            ? s.binThreshold - 1 < cuts.length
              ? cuts[s.binThreshold - 1]!
              : Infinity
            : Number.NaN;
        splits.push({
          nodeId: id,
          leftId,
          rightId,
          feature: s.feature,
          leftTable: leftTableOf(node, s.binThreshold, s.leftBins),
        });
        leafCount++;

        // The smaller child's histogram is built; the sibling's is the parent's minus it.
        const isLeftSmaller = s.left.hessian <= s.right.hessian;
        const parts = Int32Array.from({ length: shardCount }, () => buffers.take());
        const derived = buffers.take();
        requests.push({ nodeId: isLeftSmaller ? leftId : rightId, buffers: parts });
        jobs.push(
          {
            stats: isLeftSmaller ? s.left : s.right,
            buffer: parts[0]!,
            parts,
            parent: -1,
            sibling: -1,
          },
          {
            stats: isLeftSmaller ? s.right : s.left,
            buffer: derived,
            parts: null,
            parent: buffer,
            sibling: parts[0]!,
          },
        );
        nextIds.push(isLeftSmaller ? leftId : rightId, isLeftSmaller ? rightId : leftId);
      }

      // The last level's children get no histograms: their rows go to their leaves as the
      // margins are updated, with the next tree's first request.
      if (depth + 1 >= settings.maxDepth) {
        lastSplits = splits;
        for (const job of jobs) {
          for (const part of job.parts ?? [job.buffer]) buffers.release(part);
        }
        for (const { buffer } of chosen) buffers.release(buffer);
        level = [];
        break;
      }

      await this.pool.run([
        ...buffers.newBufferRequests(),
        { kind: 'grow', command: { splits, requests, features } },
      ]);
      const found = await this.search(jobs, blocks);
      for (const job of jobs) {
        for (let s = 1; s < (job.parts?.length ?? 0); s++) buffers.release(job.parts![s]!);
      }
      for (const { buffer } of chosen) buffers.release(buffer);
      level = jobs.map((job, k) => ({ id: nextIds[k]!, buffer: job.buffer, split: found[k]! }));
    }

    const lastIds = new Set(lastSplits.flatMap((split) => [split.leftId, split.rightId]));
    const leafIds = nodes.flatMap((node, id) => (node.left < 0 && !lastIds.has(id) ? [id] : []));
    const finish: ShardRequest = {
      kind: 'finishTree',
      command: { lastSplits, leafIds: Int32Array.from(leafIds), tree: binTreeOf(nodes, binned) },
    };
    return { nodes, finish };
  }

  /**
   * Every job's best split: each thread searches its block of features, and the blocks' winners
   * are compared in feature order, ties to the lower feature, as one search over all would.
   */
  private async search(
    jobs: SearchJob[],
    blocks: Int32Array[],
  ): Promise<(SplitCandidate | null)[]> {
    const results = await this.pool.run([{ kind: 'findSplits', command: { jobs, blocks } }]);
    return jobs.map((_, k) => {
      let best: SplitCandidate | null = null;
      for (const candidates of results) {
        const candidate = candidates?.[k] ?? null;
        if (candidate !== null && (best === null || candidate.gain > best.gain)) best = candidate;
      }
      return best;
    });
  }

  private sampleFeatures(): Int32Array {
    const count = this.binned.featureCount;
    const all = Array.from({ length: count }, (_, f) => f);
    if (this.settings.colsampleByTree >= 1) return Int32Array.from(all);
    const keep = Math.max(1, Math.ceil(count * this.settings.colsampleByTree));
    for (let k = 0; k < keep; k++) {
      const j = k + this.random.int(count - k);
      [all[k], all[j]] = [all[j]!, all[k]!];
    }
    return Int32Array.from(all.slice(0, keep).sort((a, b) => a - b));
  }
}

interface LevelNode {
  id: number;
  /** The buffer holding the node's histogram. */
  buffer: number;
  split: SplitCandidate | null;
}

/**
 * Histogram buffers (one node's histogram each) in shared memory, numbered in the order they
 * were made. Each thread keeps the same list: a new buffer is announced to all threads with the
 * next request, and a released one is taken again by a later node.
 */
class HistogramBuffers {
  private readonly length: number;
  private readonly free: number[] = [];
  private readonly isFree: boolean[] = [];
  private count = 0;
  private fresh: Float64Array[] = [];

  constructor(length: number) {
    this.length = length;
  }

  take(): number {
    const reused = this.free.pop();
    if (reused !== undefined) {
      this.isFree[reused] = false;
      return reused;
    }
    this.fresh.push(new Float64Array(new SharedArrayBuffer(this.length * 8)));
    this.isFree.push(false);
    return this.count++;
  }

  release(buffer: number): void {
    // Released twice, a buffer would later hold two nodes' histograms at once.
    if (this.isFree[buffer] !== false) {
      throw new AppError('INTERNAL', `histogram buffer ${buffer} released twice`);
    }
    this.isFree[buffer] = true;
    this.free.push(buffer);
  }

  /** The request that hands the buffers made since the last call to every thread, if any. */
  newBufferRequests(): ShardRequest[] {
    if (this.fresh.length === 0) return [];
    const buffers = this.fresh;
    this.fresh = [];
    return [{ kind: 'addBuffers', buffers }];
  }
}

/** Contiguous blocks of the features, one per thread, with about as many bins each. */
function featureBlocks(
  features: Int32Array,
  binCounts: Int32Array,
  threadCount: number,
): Int32Array[] {
  let total = 0;
  for (const f of features) total += binCounts[f]!;
  const blocks: Int32Array[] = [];
  let from = 0;
  let done = 0;
  for (let t = 0; t < threadCount; t++) {
    const goal = (total * (t + 1)) / threadCount;
    let to = from;
    while (
      to < features.length &&
      (t === threadCount - 1 || done + binCounts[features[to]!]! / 2 <= goal)
    ) {
      done += binCounts[features[to]!]!;
      to++;
    }
    blocks.push(features.slice(from, to));
    from = to;
  }
  return blocks;
}

function baseMarginOf(labels: Float64Array, weights: Float64Array | null): number {
  let positive = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    positive += w * labels[i]!;
    total += w;
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positive / total));
  return Math.log(rate / (1 - rate));
}

function logLossOfMargins(
  margins: Float64Array,
  labels: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i]!;
    const w = weights === undefined ? 1 : weights[i]!;
    // log(1 + e^m) - y m, written to stay finite for large |m|.
    sum += w * (Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))) - labels[i]! * m);
    total += w;
  }
  return total > 0 ? sum / total : 0;
}
