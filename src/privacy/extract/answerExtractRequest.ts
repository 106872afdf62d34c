import { createExtractSession, type ExtractSession } from './createExtractSession.ts';
import type { ExtractRequest, ExtractResults } from './extractMessages.ts';

/** One thread's session as it answers requests: the first must be `start`. */
export interface ExtractAnswerer {
  session: ExtractSession | undefined;
}

/** The answer to one request, on whichever thread holds the session (a worker, or the main). */
export function answerExtractRequest(
  answerer: ExtractAnswerer,
  request: ExtractRequest,
): ExtractResults[keyof ExtractResults] {
  if (request.kind === 'start') {
    answerer.session = createExtractSession(request.job);
    return null;
  }
  const session = answerer.session;
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
