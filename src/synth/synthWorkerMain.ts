import { parentPort, workerData } from 'node:worker_threads';
import {
  createSynthBlockGenerator,
  transferablesOf,
  type SynthBlockTask,
  type SynthRunSettings,
} from './synthBlock.ts';
import type { SynthWorkerReply } from './synthBlockPool.ts';

const port = parentPort!;
const generateBlock = createSynthBlockGenerator(workerData as SynthRunSettings);

port.on('message', (task: SynthBlockTask) => {
  let reply: SynthWorkerReply;
  try {
    const result = generateBlock(task);
    reply = { kind: 'done', result };
    port.postMessage(reply, transferablesOf(result));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { kind: 'failed', blockIndex: task.blockIndex, message };
    port.postMessage(reply);
  }
});
