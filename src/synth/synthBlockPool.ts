import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors.ts';
import {
  createSynthBlockGenerator,
  type SynthBlockResult,
  type SynthBlockTask,
  type SynthRunSettings,
} from './synthBlock.ts';

export type SynthWorkerReply =
  | { kind: 'done'; result: SynthBlockResult }
  | { kind: 'failed'; blockIndex: number; message: string };

/** Runs blocks on this thread (no workers) or on worker threads; results come back per block. */
export interface SynthBlockRunner {
  /** Blocks handed to the runner and not yet answered; the caller keeps this bounded. */
  readonly capacity: number;
  run(task: SynthBlockTask): Promise<SynthBlockResult>;
  close(): Promise<void>;
}

// Below this many employees the workers' start-up (about half a second each with tsx) costs more
// than the second core saves.
const minEmployeesForWorkers = 50_000;
const maxWorkers = 4;
/** Blocks queued at a worker beyond the one it runs, so it never waits for the main thread. */
const blocksQueuedPerWorker = 1;

/** Worker threads for a run of this size: one per core up to four, none for small runs. */
export function defaultSynthWorkerCount(employeeCount: number): number {
  const cores = availableParallelism();
  return employeeCount < minEmployeesForWorkers || cores < 2 ? 0 : Math.min(maxWorkers, cores);
}

export function createSynthBlockRunner(
  settings: SynthRunSettings,
  workerCount: number,
): SynthBlockRunner {
  if (workerCount === 0) {
    const generateBlock = createSynthBlockGenerator(settings);
    return {
      capacity: 1,
      run: (task) => Promise.resolve(generateBlock(task)),
      close: () => Promise.resolve(),
    };
  }
  return createWorkerRunner(settings, workerCount);
}

interface PendingBlock {
  resolve: (result: SynthBlockResult) => void;
  reject: (error: Error) => void;
}

interface SynthWorker {
  worker: Worker;
  pending: Map<number, PendingBlock>;
}

function createWorkerRunner(settings: SynthRunSettings, workerCount: number): SynthBlockRunner {
  let failure: AppError | undefined;
  const workers: SynthWorker[] = Array.from({ length: workerCount }, () => {
    const worker = new Worker(new URL('./synthWorker.mjs', import.meta.url), {
      workerData: settings,
    });
    const entry: SynthWorker = { worker, pending: new Map() };
    const failAll = (message: string): void => {
      failure ??= new AppError('INTERNAL', `a synth worker failed: ${message}`);
      for (const pending of entry.pending.values()) pending.reject(failure);
      entry.pending.clear();
    };
    worker.on('message', (reply: SynthWorkerReply) => {
      if (reply.kind === 'failed') {
        failAll(reply.message);
        return;
      }
      const pending = entry.pending.get(reply.result.blockIndex);
      entry.pending.delete(reply.result.blockIndex);
      pending?.resolve(reply.result);
    });
    worker.on('error', (error) => failAll(error.message));
    worker.on('exit', (code) => failAll(`it stopped with exit code ${code}`));
    return entry;
  });

  return {
    capacity: workerCount * (1 + blocksQueuedPerWorker),
    run(task) {
      if (failure !== undefined) return Promise.reject(failure);
      // The least busy worker takes the block: under uneven load neither waits for the other.
      const entry = workers.reduce((best, next) =>
        next.pending.size < best.pending.size ? next : best,
      );
      return new Promise((resolve, reject) => {
        entry.pending.set(task.blockIndex, { resolve, reject });
        entry.worker.postMessage(task);
      });
    },
    async close() {
      for (const { worker } of workers) worker.removeAllListeners('exit');
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
