import { parentPort, workerData } from 'node:worker_threads';
import { runOn } from './runOn.ts';
import { Shard } from './shard.ts';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardMessages.ts';

const data = workerData as ShardWorkerData;
const shards = data.inits.map((init) => new Shard(init));
const port = parentPort!;

port.on('message', (requests: ShardRequest[]) => {
  let reply: ShardReply = { kind: 'done' };
  try {
    for (const request of requests) for (const shard of shards) runOn(shard, request);
  } catch (error) {
    reply = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
