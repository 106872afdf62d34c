import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import type { HistogramLayout, SplitCandidate, SplitParams } from './findBestSplit.ts';
import { runOn, type TrainingThread } from './runOn.ts';
import { Shard, type ShardInit } from './shard.ts';
import type { ShardReply, ShardRequest, ShardWorkerData } from './shardMessages.ts';

/**
 * Runs requests on all threads: shards are dealt round-robin over the threads, the calling thread
 * keeps its share, and each extra thread is one worker. Workers are asked first so they compute
 * while the calling thread does its own share.
 */
export class ShardPool {
  readonly threadCount: number;
  private readonly local: TrainingThread;
  private readonly workers: Worker[];

  private constructor(local: TrainingThread, workers: Worker[]) {
    this.threadCount = workers.length + 1;
    this.local = local;
    this.workers = workers;
  }

  static create(
    inits: readonly ShardInit[],
    threadCount: number,
    layout: HistogramLayout,
    params: SplitParams,
  ): ShardPool {
    const threads = Math.max(1, Math.min(threadCount, inits.length));
    const groups: ShardInit[][] = Array.from({ length: threads }, () => []);
    inits.forEach((init, index) => groups[index % threads]!.push(init));
    const buffers: Float64Array[] = [];
    const local: TrainingThread = {
      threadIndex: 0,
      shards: groups[0]!.map((init) => new Shard(init, buffers)),
      buffers,
      layout,
      params,
    };
    const workers = groups.slice(1).map((group, index) => {
      const workerData: ShardWorkerData = { threadIndex: index + 1, inits: group, layout, params };
      return new Worker(new URL('./shardWorker.mjs', import.meta.url), { workerData });
    });
    return new ShardPool(local, workers);
  }

  /**
   * Runs the requests in order on every thread, one message and one reply per worker, and returns
   * each thread's candidates (by thread index) when the requests hold a findSplits.
   */
  async run(requests: readonly ShardRequest[]): Promise<((SplitCandidate | null)[] | null)[]> {
    const replies = this.workers.map((worker) => ask(worker, requests));
    const own = runOn(this.local, requests);
    return [own, ...(await Promise.all(replies))];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function ask(
  worker: Worker,
  requests: readonly ShardRequest[],
): Promise<(SplitCandidate | null)[] | null> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(new AppError('INTERNAL', `a training worker failed: ${error.message}`));
    };
    const onMessage = (reply: ShardReply): void => {
      worker.off('error', onError);
      if (reply.kind === 'done') resolve(reply.candidates);
      else reject(new AppError('INTERNAL', `a training worker failed: ${reply.message}`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(requests);
  });
}
