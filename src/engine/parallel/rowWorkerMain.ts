import { parentPort } from 'node:worker_threads';
import { explainMargins } from '../shap/treeShap.ts';
import { rowsOf } from '../trees/featureMatrix.ts';
import { predictMarginsOfRows, type TreeEnsemble } from '../trees/treeEnsemble.ts';
import type { RowTask, RowTaskReply } from './rowTask.ts';

// The last model stays, so its complete layout and SHAP tables (cached per object) are reused.
let model: { id: number; ensemble: TreeEnsemble } | null = null;
const port = parentPort!;

port.on('message', (task: RowTask) => {
  let reply: RowTaskReply = { taskId: task.taskId, kind: 'done' };
  try {
    if (task.ensemble !== null) model = { id: task.modelId, ensemble: task.ensemble };
    if (model === null || model.id !== task.modelId) throw new Error('the model was not sent');
    const { from, to } = task.rows;
    const result =
      task.kind === 'predict'
        ? predictMarginsOfRows(model.ensemble, task.matrix, from, to)
        : explainMargins(model.ensemble, rowsOf(task.matrix, from, to)).contributions;
    task.output.set(result, task.outputOffset);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { taskId: task.taskId, kind: 'failed', message };
  }
  port.postMessage(reply);
});
