import { parentPort, workerData } from 'node:worker_threads';
import { Shard } from './shard.ts';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardMessages.ts';

const data = workerData as ShardWorkerData;
const shards = data.inits.map((init) => new Shard(init));
const port = parentPort!;

port.on('message', (request: ShardRequest) => {
  let reply: ShardReply = { kind: 'done' };
  try {
    for (const shard of shards) runOn(shard, request);
  } catch (error) {
    reply = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

function runOn(shard: Shard, request: ShardRequest): void {
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
