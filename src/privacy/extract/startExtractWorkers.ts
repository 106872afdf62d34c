import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import type { CsvChunk } from '../io/openCsvChunks.ts';
import type { SourceChunk } from './chunkRows.ts';
import type { ExtractReply, ExtractRequest, ExtractResults } from './extractMessages.ts';
import type { ExtractThreads } from './extractThreads.ts';

interface PendingCall {
  resolve: (result: ExtractResults[keyof ExtractResults]) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, PendingCall>;
}

/**
 * Worker threads that parse and transform CSV chunks in parallel. A chunk goes to the worker with
 * the fewest requests waiting, its bytes moved rather than copied; requests for all workers (start,
 * classes, settings) go to each. Workers start at once, so that loading their modules overlaps
 * the main thread's reading of the policy and the header.
 */
export function startExtractWorkers(count: number): ExtractThreads {
  let nextId = 0;
  let failure: Error | undefined;
  const pool: PooledWorker[] = Array.from({ length: count }, () => {
    // A larger young generation (64 MB) was tried: no CPU time saved, 50 MB more memory.
    const worker = new Worker(new URL('./extractWorker.mjs', import.meta.url));
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on('message', (reply: ExtractReply) => {
      const call = pooled.pending.get(reply.id);
      if (call === undefined) return;
      pooled.pending.delete(reply.id);
      if (reply.isOk) call.resolve(reply.result);
      else {
        const { code, message, issues } = reply.failure;
        call.reject(new AppError(code, message, issues));
      }
    });
    worker.on('error', (error) => failAll(pooled, error));
    worker.on('exit', (code) => {
      if (pooled.pending.size > 0) failAll(pooled, new Error(`exit code ${code}`));
    });
    return pooled;
  });

  const failAll = (pooled: PooledWorker, error: Error): void => {
    failure ??= new AppError('INTERNAL', `A pseudonymisation worker stopped (${error.name}).`);
    for (const call of pooled.pending.values()) call.reject(failure);
    pooled.pending.clear();
  };

  const call = <K extends ExtractRequest['kind']>(
    pooled: PooledWorker,
    request: Extract<ExtractRequest, { kind: K }>,
  ): Promise<ExtractResults[K]> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    const transfer = 'chunk' in request ? [request.chunk.bytes.buffer as ArrayBuffer] : [];
    return new Promise((resolve, reject) => {
      // The reply to a request of kind K carries ExtractResults[K]: the worker answers in kind.
      pooled.pending.set(id, { resolve: resolve as PendingCall['resolve'], reject });
      pooled.worker.postMessage({ id, request }, transfer);
    });
  };
  const leastBusy = (): PooledWorker =>
    pool.reduce((best, pooled) => (pooled.pending.size < best.pending.size ? pooled : best));
  const csv = (chunk: SourceChunk): CsvChunk => {
    if (chunk.kind !== 'csv') throw new Error('extract workers take CSV chunks only.');
    return chunk;
  };
  const everyWorker = async <K extends ExtractRequest['kind']>(
    request: Extract<ExtractRequest, { kind: K }>,
  ): Promise<ExtractResults[K][]> => Promise.all(pool.map((pooled) => call(pooled, request)));

  return {
    needsExcludedSubjects: true,
    async start(job) {
      await everyWorker({ kind: 'start', job });
    },
    distinctSubjects: (chunk) => call(leastBusy(), { kind: 'distinctSubjects', chunk: csv(chunk) }),
    async excludeSubjects(subjects) {
      await everyWorker({ kind: 'excludeSubjects', subjects });
    },
    scan: (chunk) => call(leastBusy(), { kind: 'scan', chunk: csv(chunk) }),
    takeClasses: async () => (await everyWorker({ kind: 'takeClasses' })).flat(),
    async startWrite(settings) {
      await everyWorker({ kind: 'startWrite', settings });
    },
    transform: (chunk, utilityRows) =>
      call(leastBusy(), { kind: 'transform', chunk: csv(chunk), utilityRows }),
    async close() {
      await Promise.all(pool.map((pooled) => pooled.worker.terminate()));
    },
  };
}
