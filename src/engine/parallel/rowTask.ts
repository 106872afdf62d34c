import type { FeatureMatrix } from '../trees/featureMatrix.ts';
import type { TreeEnsemble } from '../trees/treeEnsemble.ts';

/** A slice of rows for a worker: the matrix holds only its rows; results go to `output`. */
export interface RowTask {
  taskId: number;
  kind: 'predict' | 'explain';
  modelId: number;
  /** Sent once per worker and model; the worker keeps the last one (and its caches). */
  ensemble: TreeEnsemble | null;
  matrix: FeatureMatrix;
  /** Shared; the worker writes its rows' margins (or contributions) from `outputOffset` on. */
  output: Float64Array;
  outputOffset: number;
}

export type RowTaskReply =
  { taskId: number; kind: 'done' } | { taskId: number; kind: 'failed'; message: string };
