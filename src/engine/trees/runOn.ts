import type { HistogramLayout, SplitCandidate, SplitParams } from './findBestSplit.ts';
import type { Shard } from './shard.ts';
import type { ShardRequest } from './shardMessages.ts';
import { findSplitsOfBlock } from './splitSearch.ts';

/** What one thread of the training holds: its shards and its view of the histogram buffers. */
export interface TrainingThread {
  threadIndex: number;
  shards: Shard[];
  /** Shared with the thread's shards, which write into them; grown by addBuffers. */
  buffers: Float64Array[];
  layout: HistogramLayout;
  params: SplitParams;
}

/**
 * Runs requests in order on one thread, the same on the training thread and in a worker, and
 * returns the candidates of a findSplits request (null without one).
 */
export function runOn(
  thread: TrainingThread,
  requests: readonly ShardRequest[],
): (SplitCandidate | null)[] | null {
  let candidates: (SplitCandidate | null)[] | null = null;
  for (const request of requests) {
    switch (request.kind) {
      case 'startTree':
        for (const shard of thread.shards) shard.startTree(request.command);
        break;
      case 'grow':
        for (const shard of thread.shards) shard.grow(request.command);
        break;
      case 'finishTree':
        for (const shard of thread.shards) shard.finishTree(request.command);
        break;
      case 'addBuffers':
        thread.buffers.push(...request.buffers);
        break;
      case 'findSplits':
        candidates = findSplitsOfBlock(
          request.command,
          thread.threadIndex,
          thread.buffers,
          thread.layout,
          thread.params,
        );
        break;
    }
  }
  return candidates;
}
