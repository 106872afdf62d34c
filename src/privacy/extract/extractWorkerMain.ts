import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../core/errors.ts';
import { answerExtractRequest, type ExtractAnswerer } from './answerExtractRequest.ts';
import type { ExtractReply, ExtractRequest, ExtractResults } from './extractMessages.ts';

if (parentPort === null) throw new Error('extractWorkerMain runs only as a worker thread.');
const port = parentPort;
const answerer: ExtractAnswerer = { session: undefined };

port.on('message', (message: { id: number; request: ExtractRequest }) => {
  let reply: ExtractReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = answerExtractRequest(answerer, message.request);
    // The extract's bytes move to the main thread instead of being copied.
    if (message.request.kind === 'transform') {
      transfer.push((result as ExtractResults['transform']).bytes.buffer as ArrayBuffer);
    }
    reply = { id: message.id, isOk: true, result };
  } catch (error) {
    // An AppError is made to be shown; anything else might quote a value, so only its kind goes.
    reply = {
      id: message.id,
      isOk: false,
      failure: isAppError(error)
        ? { code: error.code, message: error.message, issues: [...error.issues] }
        : {
            code: 'INTERNAL',
            message: `A pseudonymisation worker failed (${error instanceof Error ? error.name : 'unknown error'}).`,
            issues: [],
          },
    };
  }
  port.postMessage(reply, transfer);
});
