import { availableParallelism } from 'node:os';
import { createRandom, type Random } from '../../core/random.ts';
import { binFeatureMatrix, type BinnedMatrix } from './binning.ts';
import type { FeatureMatrix, FeatureSpec } from './featureMatrix.ts';
import { findBestSplit, leafWeight, type NodeStats, type SplitParams } from './findBestSplit.ts';
import { binTreeOf, leftTableOf } from './binTree.ts';
import type { ShardInit, SplitCommand } from './shard.ts';
import { validateBoostingOptions } from './validateBoostingOptions.ts';
import type { ShardRequest } from './shardMessages.ts';
import { ShardPool } from './shardPool.ts';
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
  validation: { matrix: FeatureMatrix; labels: ArrayLike<number> } | null;
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

// Histogram slots per shard and round: bounds shared memory when trees are deep.
const maxSlotsPerRound = 64;

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

interface GrowingNode {
  stats: NodeStats;
  histogram: Float64Array | null;
}

class Trainer {
  private readonly binned: BinnedMatrix;
  private readonly settings: GradientBoostingOptions;
  private readonly params: SplitParams;
  private readonly pool: ShardPool;
  private readonly shardHistograms: Float64Array[];
  private readonly spareHistograms: Float64Array[] = [];
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

    const maxNodes = 2 ** (settings.maxDepth + 1);
    const slots = Math.min(maxSlotsPerRound, 2 ** Math.max(0, settings.maxDepth - 1));
    const inits: ShardInit[] = [];
    this.shardHistograms = [];
    for (let s = 0; s < settings.shardCount; s++) {
      const histograms = new Float64Array(new SharedArrayBuffer(slots * binned.totalBins * 2 * 8));
      this.shardHistograms.push(histograms);
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
        histograms,
      });
    }
    this.pool = ShardPool.create(inits, settings.threadCount);
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

    for (let t = 0; t < settings.treeCount; t++) {
      const tree = await this.growTree(t);
      trees.push(tree);
      if (validation === null || validationMargins === null) continue;

      const single = packTrees(settings.features, 0, [tree]);
      const treeMargins = predictMargins(single, validation.matrix);
      for (let i = 0; i < treeMargins.length; i++) validationMargins[i]! += treeMargins[i]!;
      const loss = logLossOfMargins(validationMargins, validation.labels);
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

  private async growTree(treeIndex: number): Promise<TreeNode[]> {
    const { settings, binned, params } = this;
    const features = this.sampleFeatures();

    // Gradients, the sample and the root's histogram over all sampled rows, in one round trip.
    await this.pool.run([
      {
        kind: 'startTree',
        command: { treeIndex, seed: settings.seed, subsample: settings.subsample },
      },
      { kind: 'grow', command: { splits: [], requests: [{ nodeId: 0, slot: 0 }], features } },
    ]);
    const rootHistogram = this.sumSlot(0, features);
    const rootStats = sumOfFeature(
      rootHistogram,
      binned.binOffsets[features[0]!]!,
      binned.binCounts[features[0]!]!,
    );
    const nodes: TreeNode[] = [];
    const growing: GrowingNode[] = [];
    const addNode = (stats: NodeStats, histogram: Float64Array | null): number => {
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
      growing.push({ stats, histogram });
      return nodes.length - 1;
    };
    addNode({ ...rootStats, lower: -Infinity, upper: Infinity }, rootHistogram);

    let level = [0];
    let leafCount = 1;
    let lastSplits: ShardRequest | null = null;
    for (let depth = 0; depth < settings.maxDepth && level.length > 0; depth++) {
      // Best split of every node on this level; under a leaf budget the largest gains win.
      let chosen = level
        .map((id) => ({
          id,
          split: findBestSplit(
            growing[id]!.histogram!,
            growing[id]!.stats,
            features,
            binned,
            params,
          ),
        }))
        .filter((entry) => entry.split !== null);
      if (settings.maxLeaves > 0) {
        chosen.sort((a, b) => b.split!.gain - a.split!.gain || a.id - b.id);
        chosen = chosen.slice(0, Math.max(0, settings.maxLeaves - leafCount));
        chosen.sort((a, b) => a.id - b.id);
      }
      for (const id of level)
        if (!chosen.some((entry) => entry.id === id)) this.release(growing[id]!);
      if (chosen.length === 0) break;

      const splits: SplitCommand[] = [];
      const nextLevel: number[] = [];
      const smaller: { id: number; sibling: number; parent: number }[] = [];
      for (const { id, split } of chosen) {
        const s = split!;
        const leftId = addNode(s.left, null);
        const rightId = addNode(s.right, null);
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
        nextLevel.push(leftId, rightId);
        leafCount++;
        const isLeftSmaller = s.left.hessian <= s.right.hessian;
        smaller.push({
          id: isLeftSmaller ? leftId : rightId,
          sibling: isLeftSmaller ? rightId : leftId,
          parent: id,
        });
      }

      // The last level's children get no histograms: their rows are split along with the
      // finishing request, one round trip fewer.
      const isLastLevel = depth + 1 >= settings.maxDepth;
      if (isLastLevel) {
        lastSplits = { kind: 'grow', command: { splits, requests: [], features } };
        break;
      }

      // Histograms for the smaller child of each split; the sibling's is parent minus child.
      for (let first = 0; first < smaller.length; first += maxSlotsPerRound) {
        const batch = smaller.slice(first, first + maxSlotsPerRound);
        await this.pool.run([
          {
            kind: 'grow',
            command: {
              splits: first === 0 ? splits : [],
              requests: batch.map((entry, slot) => ({ nodeId: entry.id, slot })),
              features,
            },
          },
        ]);
        batch.forEach((entry, slot) => {
          const histogram = this.sumSlot(slot, features);
          const parent = growing[entry.parent]!.histogram!;
          const sibling = this.spareHistograms.pop() ?? new Float64Array(parent.length);
          for (let q = 0; q < features.length; q++) {
            const f = features[q]!;
            const from = binned.binOffsets[f]! * 2;
            const to = from + binned.binCounts[f]! * 2;
            for (let j = from; j < to; j++) sibling[j] = parent[j]! - histogram[j]!;
          }
          growing[entry.id]!.histogram = histogram;
          growing[entry.sibling]!.histogram = sibling;
        });
      }
      for (const { id } of chosen) this.release(growing[id]!);
      level = nextLevel;
    }

    const leafIds = nodes.flatMap((node, id) => (node.left < 0 ? [id] : []));
    const finish: ShardRequest = {
      kind: 'finishTree',
      command: {
        leafIds: Int32Array.from(leafIds),
        leafValues: Float64Array.from(leafIds, (id) => nodes[id]!.value),
        tree: binTreeOf(nodes, binned),
      },
    };
    await this.pool.run(lastSplits === null ? [finish] : [lastSplits, finish]);
    return nodes;
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

  /**
   * Sum of one slot over the shards, in shard order, so the thread count cannot change it. Only
   * the sampled features' bins are written (and ever read).
   */
  private sumSlot(slot: number, features: Int32Array): Float64Array {
    const { totalBins, binOffsets, binCounts } = this.binned;
    const out = this.spareHistograms.pop() ?? new Float64Array(totalBins * 2);
    const slotBase = slot * totalBins * 2;
    this.shardHistograms.forEach((shard, s) => {
      for (let q = 0; q < features.length; q++) {
        const f = features[q]!;
        const from = binOffsets[f]! * 2;
        const to = from + binCounts[f]! * 2;
        if (s === 0) for (let j = from; j < to; j++) out[j] = shard[slotBase + j]!;
        else for (let j = from; j < to; j++) out[j]! += shard[slotBase + j]!;
      }
    });
    return out;
  }

  /** A node's histogram goes back for reuse: some 60 per tree, 120 kB each at 256 bins. */
  private release(node: GrowingNode): void {
    if (node.histogram !== null) this.spareHistograms.push(node.histogram);
    node.histogram = null;
  }
}

function sumOfFeature(
  histogram: Float64Array,
  offset: number,
  binCount: number,
): { gradient: number; hessian: number } {
  let gradient = 0;
  let hessian = 0;
  for (let b = 0; b < binCount; b++) {
    gradient += histogram[(offset + b) * 2]!;
    hessian += histogram[(offset + b) * 2 + 1]!;
  }
  return { gradient, hessian };
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

function logLossOfMargins(margins: Float64Array, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i]!;
    // log(1 + e^m) - y m, written to stay finite for large |m|.
    sum += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))) - labels[i]! * m;
  }
  return sum / margins.length;
}
