import type { BaseClass } from '../kAnonymise.ts';
import { rowsOfChunk, type SourceChunk } from './chunkRows.ts';
import { layOutExtract, type ExtractJob } from './layOutExtract.ts';
import { ownCopy } from '../ownCopy.ts';
import { createRowScanner, type ChunkScan, type RowScanner } from './scanRows.ts';
import {
  createRowTransformer,
  type ChunkOutput,
  type RowTransformer,
  type WriteSettings,
} from './transformRows.ts';

/** One thread's share of an extract: the same code runs on the main thread and in each worker. */
export interface ExtractSession {
  /** The distinct subjects of a chunk, for deciding objections before pass one. */
  distinctSubjects(chunk: SourceChunk): string[];
  /** From now on, leaves out the rows of these subjects. */
  excludeSubjects(subjects: readonly string[]): void;
  scan(chunk: SourceChunk): ChunkScan;
  takeClasses(): Map<string, BaseClass>;
  startWrite(settings: WriteSettings): void;
  transform(chunk: SourceChunk, utilityRows: number): ChunkOutput;
}

export function createExtractSession(
  job: ExtractJob,
  isExcludedSubject?: (subject: string) => boolean,
): ExtractSession {
  const layout = layOutExtract(job);
  let isExcluded = isExcludedSubject;
  let scanner: RowScanner = createRowScanner(layout, isExcluded);
  let transformer: RowTransformer | undefined;
  const rowsOf = (chunk: SourceChunk) => rowsOfChunk(chunk, job.fileName);

  return {
    distinctSubjects(chunk) {
      const index = layout.plan.subjectIndex;
      if (index === undefined) return [];
      const subjects = new Set<string>();
      for (const row of rowsOf(chunk)) {
        const subject = row[index];
        if (subject !== undefined) subjects.add(ownCopy(subject.trim()));
      }
      return [...subjects];
    },
    excludeSubjects(subjects) {
      const excluded = new Set(subjects);
      isExcluded = (subject) => excluded.has(subject);
      scanner = createRowScanner(layout, isExcluded);
    },
    scan: (chunk) => scanner.scan(rowsOf(chunk)),
    takeClasses: () => scanner.takeClasses(),
    startWrite(settings) {
      transformer = createRowTransformer(layout, settings, isExcluded);
    },
    transform(chunk, utilityRows) {
      if (transformer === undefined) throw new Error('startWrite must come before transform.');
      return transformer.transform(rowsOf(chunk), utilityRows);
    },
  };
}
