import type { HistogramLayout, SplitCandidate, SplitParams } from './findBestSplit.ts';
import type { FinishTreeCommand, GrowCommand, ShardInit, StartTreeCommand } from './shard.ts';
import type { FindSplitsCommand } from './splitSearch.ts';

/**
 * What the training thread asks of a worker; each message (a list of these) gets one reply. The
 * first three run on every shard of the thread, the last two once per thread.
 */
export type ShardRequest =
  | { kind: 'startTree'; command: StartTreeCommand }
  | { kind: 'grow'; command: GrowCommand }
  | { kind: 'finishTree'; command: FinishTreeCommand }
  | { kind: 'addBuffers'; buffers: Float64Array[] }
  | { kind: 'findSplits'; command: FindSplitsCommand };

/** A done reply carries the thread's candidates when the message held a findSplits request. */
export type ShardReply =
  | { kind: 'done'; candidates: (SplitCandidate | null)[] | null }
  | { kind: 'failed'; message: string };

export interface ShardWorkerData {
  threadIndex: number;
  inits: ShardInit[];
  layout: HistogramLayout;
  params: SplitParams;
}
