import type { FeatureMatrix } from '../trees/featureMatrix.ts';
import type { TreeEnsemble } from '../trees/treeEnsemble.ts';

/** Rows of a matrix for a worker (`rows` of `matrix`, in shared memory); results go to `output`. */
export interface RowTask {
  taskId: number;
  kind: 'predict' | 'explain';
  modelId: number;
  /** Sent once per worker and model; the worker keeps the last one (and its caches). */
  ensemble: TreeEnsemble | null;
  matrix: FeatureMatrix;
  /** The task's rows of `matrix`: all of them when it was copied for the worker. */
  rows: { from: number; to: number };
  /** Shared; the worker writes its rows' margins (or contributions) from `outputOffset` on. */
  output: Float64Array;
  outputOffset: number;
}

export type RowTaskReply =
  { taskId: number; kind: 'done' } | { taskId: number; kind: 'failed'; message: string };
