import {
  findBestSplit,
  type HistogramLayout,
  type NodeStats,
  type SplitCandidate,
  type SplitParams,
} from './findBestSplit.ts';

/** One node of a level: its histogram is completed, then searched for its best split. */
export interface SearchJob {
  stats: NodeStats;
  /** The buffer that holds the node's histogram once the job has run. */
  buffer: number;
  /**
   * Built by the shards: their parts of the histogram by shard index, summed in shard order into
   * the first (which is `buffer`). Null for a node whose histogram is its parent's minus its
   * sibling's; the sibling's job comes first in the same list.
   */
  parts: Int32Array | null;
  parent: number;
  sibling: number;
}

export interface FindSplitsCommand {
  jobs: SearchJob[];
  /** The sampled features cut into one block per thread; each thread does only its block. */
  blocks: Int32Array[];
}

/**
 * A thread's share of a level: completing and searching the histograms of its block of features
 * for every node. Blocks never share a feature, so threads need no coordination, and each
 * feature's histogram is summed the same way whichever thread does it.
 */
export function findSplitsOfBlock(
  command: FindSplitsCommand,
  threadIndex: number,
  buffers: readonly Float64Array[],
  layout: HistogramLayout,
  params: SplitParams,
): (SplitCandidate | null)[] {
  const block = command.blocks[threadIndex];
  if (block === undefined || block.length === 0) return command.jobs.map(() => null);
  return command.jobs.map((job) => {
    const histogram = buffers[job.buffer]!;
    if (job.parts === null) {
      subtract(histogram, buffers[job.parent]!, buffers[job.sibling]!, block, layout);
    } else {
      for (let s = 1; s < job.parts.length; s++)
        addInto(histogram, buffers[job.parts[s]!]!, block, layout);
    }
    return findBestSplit(histogram, job.stats, block, layout, params);
  });
}

function addInto(
  target: Float64Array,
  part: Float64Array,
  features: Int32Array,
  layout: HistogramLayout,
): void {
  for (let q = 0; q < features.length; q++) {
    const f = features[q]!;
    const from = layout.binOffsets[f]! * 2;
    const to = from + layout.binCounts[f]! * 2;
    for (let j = from; j < to; j++) target[j]! += part[j]!;
  }
}

function subtract(
  target: Float64Array,
  parent: Float64Array,
  sibling: Float64Array,
  features: Int32Array,
  layout: HistogramLayout,
): void {
  for (let q = 0; q < features.length; q++) {
    const f = features[q]!;
    const from = layout.binOffsets[f]! * 2;
    const to = from + layout.binCounts[f]! * 2;
    for (let j = from; j < to; j++) target[j] = parent[j]! - sibling[j]!;
  }
}
