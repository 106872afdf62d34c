import type { Shard } from './shard.ts';
import type { ShardRequest } from './shardMessages.ts';

/** One request on one shard, the same on the training thread and in a worker. */
export function runOn(shard: Shard, request: ShardRequest): void {
  switch (request.kind) {
    case 'startTree':
      shard.startTree(request.command);
      return;
    case 'grow':
      shard.grow(request.command);
      return;
    case 'finishTree':
      shard.finishTree(request.command);
      return;
  }
}
