import type { TakenClasses } from './createClassCounts.ts';
import type { SourceChunk } from './chunkRows.ts';
import { createExtractSession } from './createExtractSession.ts';
import type { ExtractJob } from './layOutExtract.ts';
import type { ChunkScan } from './scanRows.ts';
import type { ChunkOutput, WriteSettings } from './transformRows.ts';

/**
 * Where the chunks of an extract are worked on: the main thread itself, or a pool of workers.
 * Chunk requests may be answered out of order between threads; callers await them in file order.
 */
export interface ExtractThreads {
  /** Whether objections must be decided before pass one (workers cannot call back). */
  readonly needsExcludedSubjects: boolean;
  start(job: ExtractJob): Promise<void>;
  distinctSubjects(chunk: SourceChunk): Promise<string[]>;
  excludeSubjects(subjects: string[]): Promise<void>;
  scan(chunk: SourceChunk): Promise<ChunkScan>;
  /** The classes of every thread. */
  takeClasses(): Promise<TakenClasses[]>;
  startWrite(settings: WriteSettings): Promise<void>;
  transform(chunk: SourceChunk, utilityRows: number): Promise<ChunkOutput>;
  close(): Promise<void>;
}

/** The main thread only: for small inputs, XLSX and Parquet, and as the reference in tests. */
export function mainThreadOnly(isExcludedSubject?: (subject: string) => boolean): ExtractThreads {
  let session: ReturnType<typeof createExtractSession> | undefined;
  const started = () => {
    if (session === undefined) throw new Error('start must come first.');
    return session;
  };
  return {
    needsExcludedSubjects: false,
    async start(job) {
      session = createExtractSession(job, isExcludedSubject);
    },
    distinctSubjects: async (chunk) => started().distinctSubjects(chunk),
    excludeSubjects: async (subjects) => started().excludeSubjects(subjects),
    scan: async (chunk) => started().scan(chunk),
    takeClasses: async () => started().takeClasses(),
    startWrite: async (settings) => started().startWrite(settings),
    transform: async (chunk, utilityRows) => started().transform(chunk, utilityRows),
    close: async () => {
      session = undefined;
    },
  };
}
