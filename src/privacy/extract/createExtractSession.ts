import { createPseudonymiser } from '../createPseudonymiser.ts';
import { rowsOfChunk, type SourceChunk } from './chunkRows.ts';
import type { TakenClasses } from './createClassCounts.ts';
import { layOutExtract, type ExtractJob, type ExtractLayout } from './layOutExtract.ts';
import { ownCopy } from '../ownCopy.ts';
import { createCsvChunkScanner } from './scanCsvChunk.ts';
import { createRowScanner, type ChunkScan } from './scanRows.ts';
import { createCsvChunkTransformer } from './transformCsvChunk.ts';
import { createRowTransformer, type ChunkOutput, type WriteSettings } from './transformRows.ts';

/** One thread's share of an extract: the same code runs on the main thread and in each worker. */
export interface ExtractSession {
  /** The distinct subjects of a chunk, for deciding objections before pass one. */
  distinctSubjects(chunk: SourceChunk): string[];
  /** From now on, leaves out the rows of these subjects. */
  excludeSubjects(subjects: readonly string[]): void;
  scan(chunk: SourceChunk): ChunkScan;
  /** One set of classes per way of reading (CSV bytes, rows of text); a run uses one. */
  takeClasses(): TakenClasses[];
  startWrite(settings: WriteSettings): void;
  transform(chunk: SourceChunk, utilityRows: number): ChunkOutput;
}

/**
 * CSV chunks are read on their bytes (scanCsvChunk, transformCsvChunk), rows from the other
 * readers as text (scanRows, transformRows); both give the same results for the same values.
 */
export function createExtractSession(
  job: ExtractJob,
  isExcludedSubject?: (subject: string) => boolean,
): ExtractSession {
  const layout = layOutExtract(job);
  let isExcluded = isExcludedSubject;
  let scanners = createScanners(layout, isExcluded);
  let transformers: ReturnType<typeof createTransformers> | undefined;
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
      scanners = createScanners(layout, isExcluded);
    },
    scan: (chunk) =>
      chunk.kind === 'csv' ? scanners.bytes.scan(chunk.bytes) : scanners.text.scan(chunk.rows),
    takeClasses: () => [scanners.text.takeClasses(), scanners.bytes.takeClasses()],
    startWrite(settings) {
      transformers = createTransformers(layout, settings, isExcluded);
    },
    transform(chunk, utilityRows) {
      if (transformers === undefined) throw new Error('startWrite must come before transform.');
      return chunk.kind === 'csv'
        ? transformers.bytes.transform(chunk.bytes, utilityRows)
        : transformers.text.transform(chunk.rows, utilityRows);
    },
  };
}

function createScanners(
  layout: ExtractLayout,
  isExcluded: ((subject: string) => boolean) | undefined,
) {
  return {
    text: createRowScanner(layout, isExcluded),
    bytes: createCsvChunkScanner(
      layout,
      layout.rules.map((rule) => rule.createCoder()),
      isExcluded,
    ),
  };
}

function createTransformers(
  layout: ExtractLayout,
  settings: WriteSettings,
  isExcluded: ((subject: string) => boolean) | undefined,
) {
  // What the main copies of the rules learnt in pass one, before any output is made.
  layout.rules.forEach((rule, j) => {
    const settlement = settings.settlements[j];
    if (settlement !== undefined) rule.settle?.(settlement);
  });
  const pseudonymiser = createPseudonymiser({
    domainKey: layout.job.domainKey,
    keyVersion: layout.job.keyVersion,
  });
  return {
    text: createRowTransformer(layout, settings, pseudonymiser, isExcluded),
    bytes: createCsvChunkTransformer(
      layout,
      settings,
      layout.rules.map((rule) => rule.createCoder()),
      pseudonymiser,
      isExcluded,
    ),
  };
}
