import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { runOn } from './runOn.ts';
import { Shard, type ShardInit } from './shard.ts';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardMessages.ts';

/**
 * Runs every request on all shards: shards are dealt round-robin over the threads, the calling
 * thread keeps its share, and each extra thread is one worker. Workers are asked first so they
 * compute while the calling thread does its own share.
 */
export class ShardPool {
  private readonly localShards: Shard[];
  private readonly workers: Worker[];

  private constructor(localShards: Shard[], workers: Worker[]) {
    this.localShards = localShards;
    this.workers = workers;
  }

  static create(inits: readonly ShardInit[], threadCount: number): ShardPool {
    const threads = Math.max(1, Math.min(threadCount, inits.length));
    const groups: ShardInit[][] = Array.from({ length: threads }, () => []);
    inits.forEach((init, index) => groups[index % threads]!.push(init));
    const local = groups[0]!.map((init) => new Shard(init));
    const workers = groups.slice(1).map((group) => {
      const workerData: ShardWorkerData = { inits: group };
      return new Worker(new URL('./shardWorker.mjs', import.meta.url), { workerData });
    });
    return new ShardPool(local, workers);
  }

  /** Runs the requests in order on every shard: one message and one reply per worker. */
  async run(requests: readonly ShardRequest[]): Promise<void> {
    const replies = this.workers.map((worker) => ask(worker, requests));
    for (const request of requests) for (const shard of this.localShards) runOn(shard, request);
    await Promise.all(replies);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function ask(worker: Worker, requests: readonly ShardRequest[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(new AppError('INTERNAL', `a training worker failed: ${error.message}`));
    };
    const onMessage = (reply: ShardReply): void => {
      worker.off('error', onError);
      if (reply.kind === 'done') resolve();
      else reject(new AppError('INTERNAL', `a training worker failed: ${reply.message}`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(requests);
  });
}
