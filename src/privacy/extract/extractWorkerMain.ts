import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../core/errors.ts';
import { createExtractSession, type ExtractSession } from './createExtractSession.ts';
import type { ExtractReply, ExtractRequest, ExtractResults } from './extractMessages.ts';

if (parentPort === null) throw new Error('extractWorkerMain runs only as a worker thread.');
const port = parentPort;
let session: ExtractSession | undefined;

port.on('message', (message: { id: number; request: ExtractRequest }) => {
  let reply: ExtractReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = answer(message.request);
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

function answer(request: ExtractRequest): ExtractResults[keyof ExtractResults] {
  if (request.kind === 'start') {
    session = createExtractSession(request.job);
    return null;
  }
  if (session === undefined) throw new Error('the first request must be start.');
  switch (request.kind) {
    case 'distinctSubjects':
      return session.distinctSubjects(request.chunk);
    case 'excludeSubjects':
      session.excludeSubjects(request.subjects);
      return null;
    case 'scan':
      return session.scan(request.chunk);
    case 'takeClasses':
      return session.takeClasses();
    case 'startWrite':
      session.startWrite(request.settings);
      return null;
    case 'transform':
      return session.transform(request.chunk, request.utilityRows);
  }
}
