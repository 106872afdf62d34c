import type { FinishTreeCommand, GrowCommand, ShardInit, StartTreeCommand } from './shard.ts';

/** What the training thread asks of a worker; each message (a list of these) gets one reply. */
export type ShardRequest =
  | { kind: 'startTree'; command: StartTreeCommand }
  | { kind: 'grow'; command: GrowCommand }
  | { kind: 'finishTree'; command: FinishTreeCommand };

export type ShardReply = { kind: 'done' } | { kind: 'failed'; message: string };

export interface ShardWorkerData {
  inits: ShardInit[];
}
