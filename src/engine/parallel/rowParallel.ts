import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { explainMargins, expectedBaseMargin, type MarginExplanation } from '../shap/treeShap.ts';
import { rowsOf, sliceRows, type FeatureMatrix } from '../trees/featureMatrix.ts';
import { predictMarginsOfRows, type TreeEnsemble } from '../trees/treeEnsemble.ts';
import type { RowTask, RowTaskReply } from './rowTask.ts';

// Below this many rows a worker's start-up (about half a second with tsx) costs more than it saves.
const minRowsPerWorker = 2_000;

/** predictMargins on several threads: rows are split into contiguous slices, one per thread. */
export async function predictMarginsParallel(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  threadCount = Math.min(2, availableParallelism()),
): Promise<Float64Array> {
  return runSliced('predict', ensemble, matrix, 1, threadCount, (from, to) =>
    predictMarginsOfRows(ensemble, matrix, from, to),
  );
}

/** explainMargins on several threads; the same values as explainMargins. */
export async function explainMarginsParallel(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  threadCount = Math.min(2, availableParallelism()),
): Promise<MarginExplanation> {
  const featureCount = matrix.featureCount;
  const contributions = await runSliced(
    'explain',
    ensemble,
    matrix,
    featureCount,
    threadCount,
    (from, to) => explainMargins(ensemble, rowsOf(matrix, from, to)).contributions,
  );
  return { baseMargin: expectedBaseMargin(ensemble), contributions, featureCount };
}

async function runSliced(
  kind: RowTask['kind'],
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  valuesPerRow: number,
  threadCount: number,
  runHere: (from: number, to: number) => Float64Array,
): Promise<Float64Array> {
  const n = matrix.rowCount;
  const threads = Math.max(1, Math.min(threadCount, Math.floor(n / minRowsPerWorker)));
  const output = new Float64Array(new SharedArrayBuffer(Math.max(1, n * valuesPerRow) * 8));
  const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.floor((k * n) / threads));

  // A matrix in shared memory is read in place by the workers; any other is copied, a slice
  // per worker. Workers get their rows first so they start while this thread does the first.
  const isShared = matrix.values.buffer instanceof SharedArrayBuffer;
  const replies = bounds.slice(1, -1).map((from, k) => {
    const to = bounds[k + 2]!;
    return runWorker(k, {
      kind,
      ensemble,
      matrix: isShared ? matrix : sliceRows(matrix, from, to, true),
      rows: isShared ? { from, to } : { from: 0, to: to - from },
      output,
      outputOffset: from * valuesPerRow,
    });
  });
  output.set(runHere(0, bounds[1]!), 0);
  await Promise.all(replies);
  return output.subarray(0, n * valuesPerRow);
}

interface PooledWorker {
  worker: Worker;
  lastModelId: number;
}

// Workers are started on first use and kept (unreferenced, so they never keep the process
// alive): a tsx worker takes about half a second to start, more than scoring 50k rows.
const pool: PooledWorker[] = [];
const modelIds = new WeakMap<TreeEnsemble, number>();
let nextModelId = 1;
let nextTaskId = 1;

function pooledWorker(index: number): PooledWorker {
  while (pool.length <= index) {
    const worker = new Worker(new URL('./rowWorker.mjs', import.meta.url));
    worker.unref();
    pool.push({ worker, lastModelId: 0 });
  }
  return pool[index]!;
}

function runWorker(index: number, task: Omit<RowTask, 'taskId' | 'modelId'>): Promise<void> {
  const pooled = pooledWorker(index);
  const ensemble = task.ensemble!;
  let modelId = modelIds.get(ensemble);
  if (modelId === undefined) {
    modelId = nextModelId++;
    modelIds.set(ensemble, modelId);
  }
  const isKnown = pooled.lastModelId === modelId;
  pooled.lastModelId = modelId;
  const full: RowTask = {
    ...task,
    taskId: nextTaskId++,
    modelId,
    ensemble: isKnown ? null : ensemble,
  };
  const { worker } = pooled;
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      worker.unref();
      // A failed worker leaves the pool once, and is stopped: the next task starts a new one.
      const at = pool.indexOf(pooled);
      if (at >= 0) pool.splice(at, 1);
      void worker.terminate();
      reject(new AppError('INTERNAL', `a scoring worker failed: ${error.message}`));
    };
    const onMessage = (reply: RowTaskReply): void => {
      if (reply.taskId !== full.taskId) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
      if (reply.kind === 'done') resolve();
      else reject(new AppError('INTERNAL', `a scoring worker failed: ${reply.message}`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    // Referenced while busy, so the process waits for the answer.
    worker.ref();
    worker.postMessage(full);
  });
}
