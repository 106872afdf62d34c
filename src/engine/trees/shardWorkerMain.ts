import { parentPort, workerData } from 'node:worker_threads';
import { runOn, type TrainingThread } from './runOn.ts';
import { Shard } from './shard.ts';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardMessages.ts';

const data = workerData as ShardWorkerData;
const buffers: Float64Array[] = [];
const thread: TrainingThread = {
  threadIndex: data.threadIndex,
  shards: data.inits.map((init) => new Shard(init, buffers)),
  buffers,
  layout: data.layout,
  params: data.params,
};
const port = parentPort!;

port.on('message', (requests: ShardRequest[]) => {
  let reply: ShardReply;
  try {
    reply = { kind: 'done', candidates: runOn(thread, requests) };
  } catch (error) {
    reply = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
