import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import type { CsvChunk } from '../io/openCsvChunks.ts';
import { answerExtractRequest, type ExtractAnswerer } from './answerExtractRequest.ts';
import type { SourceChunk } from './chunkRows.ts';
import type { ExtractReply, ExtractRequest, ExtractResults } from './extractMessages.ts';
import type { ExtractThreads } from './extractThreads.ts';

type AnyResult = ExtractResults[keyof ExtractResults];

/** A thread of the pool: a worker, or the main thread's own session. */
interface PoolMember {
  /** Requests sent and not yet answered. */
  readonly pending: number;
  /** Counted beside `pending` when choosing a member for a chunk. */
  readonly extraLoad: number;
  call(request: ExtractRequest): Promise<AnyResult>;
  close(): Promise<void>;
}

/**
 * Worker threads that parse and transform CSV chunks in parallel, and with `withMainThread` the
 * main thread as one more member of the pool. A chunk goes to the member with the fewest
 * requests waiting (the main thread counted as one more, as it also reads and writes), its bytes
 * moved rather than copied; requests for all members (start, classes, settings) go to each.
 * Workers start at once, so that loading their modules overlaps the main thread's reading of
 * the policy and the header. On two cores, the main thread and one worker did the work of two
 * workers with one worker's start (about 0.3 CPU-s of module loading) less.
 */
export function startExtractWorkers(
  count: number,
  options: { withMainThread?: boolean } = {},
): ExtractThreads {
  let failure: Error | undefined;
  const fail = (error: Error): AppError => {
    failure ??= new AppError('INTERNAL', `A pseudonymisation worker stopped (${error.name}).`);
    return failure as AppError;
  };
  const pool: PoolMember[] = Array.from({ length: count }, () => workerMember(fail));
  if (options.withMainThread === true) pool.push(mainThreadMember());

  const call = <K extends ExtractRequest['kind']>(
    member: PoolMember,
    request: Extract<ExtractRequest, { kind: K }>,
  ): Promise<ExtractResults[K]> => {
    if (failure !== undefined) return Promise.reject(failure);
    // The reply to a request of kind K carries ExtractResults[K]: members answer in kind.
    return member.call(request) as Promise<ExtractResults[K]>;
  };
  const leastBusy = (): PoolMember =>
    pool.reduce((best, member) =>
      member.pending + member.extraLoad < best.pending + best.extraLoad ? member : best,
    );
  const csv = (chunk: SourceChunk): CsvChunk => {
    if (chunk.kind !== 'csv') throw new Error('extract workers take CSV chunks only.');
    return chunk;
  };
  const everyMember = async <K extends ExtractRequest['kind']>(
    request: Extract<ExtractRequest, { kind: K }>,
  ): Promise<ExtractResults[K][]> => Promise.all(pool.map((member) => call(member, request)));

  return {
    needsExcludedSubjects: true,
    async start(job) {
      await everyMember({ kind: 'start', job });
    },
    distinctSubjects: (chunk) => call(leastBusy(), { kind: 'distinctSubjects', chunk: csv(chunk) }),
    async excludeSubjects(subjects) {
      await everyMember({ kind: 'excludeSubjects', subjects });
    },
    scan: (chunk) => call(leastBusy(), { kind: 'scan', chunk: csv(chunk) }),
    takeClasses: async () => (await everyMember({ kind: 'takeClasses' })).flat(),
    async startWrite(settings) {
      await everyMember({ kind: 'startWrite', settings });
    },
    transform: (chunk, utilityRows) =>
      call(leastBusy(), { kind: 'transform', chunk: csv(chunk), utilityRows }),
    async close() {
      await Promise.all(pool.map((member) => member.close()));
    },
  };
}

function workerMember(fail: (error: Error) => AppError): PoolMember {
  // A larger young generation (64 MB) was tried: no CPU time saved, 50 MB more memory.
  const worker = new Worker(new URL('./extractWorker.mjs', import.meta.url));
  const pending = new Map<
    number,
    { resolve: (result: AnyResult) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  const failAll = (error: Error): void => {
    const failure = fail(error);
    for (const call of pending.values()) call.reject(failure);
    pending.clear();
  };
  worker.on('message', (reply: ExtractReply) => {
    const call = pending.get(reply.id);
    if (call === undefined) return;
    pending.delete(reply.id);
    if (reply.isOk) call.resolve(reply.result);
    else {
      const { code, message, issues } = reply.failure;
      call.reject(new AppError(code, message, issues));
    }
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    if (pending.size > 0) failAll(new Error(`exit code ${code}`));
  });

  return {
    get pending() {
      return pending.size;
    },
    extraLoad: 0,
    call(request) {
      const id = nextId++;
      const transfer = 'chunk' in request ? [request.chunk.bytes.buffer as ArrayBuffer] : [];
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, request }, transfer);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * The main thread also reads the chunks, combines the results and writes the extract, and its
 * queue does not count the chunk it is working on (a worker's does): counted as having no more
 * waiting than a worker, it took 70 of the benchmark's 94 chunks in pass one and 55 in pass two,
 * while the worker stood idle about a third of the time. One more evens the chunks out.
 */
const mainThreadExtraLoad = 1;

/**
 * The main thread's own session as a member of the pool. Its requests wait in a queue and run
 * one per turn of the event loop, so that reading, writing and the workers' replies go on
 * between two chunks.
 */
function mainThreadMember(): PoolMember {
  const answerer: ExtractAnswerer = { session: undefined };
  const queue: { request: ExtractRequest; settle: (run: () => AnyResult) => void }[] = [];
  let isScheduled = false;

  const runNext = (): void => {
    isScheduled = false;
    const next = queue.shift();
    if (next === undefined) return;
    next.settle(() => answerExtractRequest(answerer, next.request));
    if (queue.length > 0) schedule();
  };
  const schedule = (): void => {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(runNext);
  };

  return {
    get pending() {
      return queue.length;
    },
    extraLoad: mainThreadExtraLoad,
    call(request) {
      return new Promise((resolve, reject) => {
        queue.push({
          request,
          settle(run) {
            try {
              resolve(run());
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          },
        });
        schedule();
      });
    },
    async close() {
      // Whoever still waits for a request learns that it will not run, instead of waiting on.
      const waiting = queue.splice(0);
      for (const entry of waiting) {
        entry.settle(() => {
          throw new AppError('INTERNAL', 'The pseudonymisation closed before a request ran.');
        });
      }
      answerer.session = undefined;
    },
  };
}
