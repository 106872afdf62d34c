import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { explainMargins, expectedBaseMargin, type MarginExplanation } from '../shap/treeShap.ts';
import type { FeatureMatrix } from '../trees/featureMatrix.ts';
import { predictMargins, type TreeEnsemble } from '../trees/treeEnsemble.ts';
import type { RowTask, RowTaskReply } from './rowTask.ts';

// Below this many rows a worker's start-up (about half a second with tsx) costs more than it saves.
const minRowsPerWorker = 2_000;

/** predictMargins on several threads: rows are split into contiguous slices, one per thread. */
export async function predictMarginsParallel(
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  threadCount = Math.min(2, availableParallelism()),
): Promise<Float64Array> {
  return runSliced('predict', ensemble, matrix, 1, threadCount, (slice) =>
    predictMargins(ensemble, slice),
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
    (slice) => explainMargins(ensemble, slice).contributions,
  );
  return { baseMargin: expectedBaseMargin(ensemble), contributions, featureCount };
}

async function runSliced(
  kind: RowTask['kind'],
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  valuesPerRow: number,
  threadCount: number,
  runHere: (slice: FeatureMatrix) => Float64Array,
): Promise<Float64Array> {
  const n = matrix.rowCount;
  const threads = Math.max(1, Math.min(threadCount, Math.floor(n / minRowsPerWorker)));
  const output = new Float64Array(new SharedArrayBuffer(Math.max(1, n * valuesPerRow) * 8));
  const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.floor((k * n) / threads));

  // Workers get their slices first so they start while this thread does the first slice.
  const replies = bounds.slice(1, -1).map((from, k) => {
    const to = bounds[k + 2]!;
    return runWorker(k, {
      kind,
      ensemble,
      matrix: sliceRows(matrix, from, to, true),
      output,
      outputOffset: from * valuesPerRow,
    });
  });
  output.set(runHere(sliceRows(matrix, 0, bounds[1]!, false)), 0);
  await Promise.all(replies);
  return output.subarray(0, n * valuesPerRow);
}

/** Rows [from, to) as their own column-major matrix, in shared memory when a worker reads it. */
function sliceRows(
  matrix: FeatureMatrix,
  from: number,
  to: number,
  isShared: boolean,
): FeatureMatrix {
  const count = to - from;
  const bytes = count * matrix.featureCount * matrix.values.BYTES_PER_ELEMENT;
  const buffer = isShared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const values =
    matrix.values instanceof Float32Array ? new Float32Array(buffer) : new Float64Array(buffer);
  for (let f = 0; f < matrix.featureCount; f++) {
    const start = f * matrix.rowCount;
    values.set(matrix.values.subarray(start + from, start + to), f * count);
  }
  return { rowCount: count, featureCount: matrix.featureCount, values };
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
      pool.splice(pool.indexOf(pooled), 1);
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
