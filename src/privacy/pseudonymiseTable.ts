import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError, type InputIssue } from '../core/errors.ts';
import { deriveDomainKey } from './deriveDomainKey.ts';
import { createIdentifierSampler, type IdentifierSampler } from './detectIdentifierColumns.ts';
import { rowsOfChunk, type SourceChunk } from './extract/chunkRows.ts';
import { mainThreadOnly, type ExtractThreads } from './extract/extractThreads.ts';
import type { ExtractJob } from './extract/layOutExtract.ts';
import { openSourceChunks } from './extract/openSourceChunks.ts';
import { maxIssues, type ChunkScan } from './extract/scanRows.ts';
import { mergeTakenClasses } from './extract/mergeTakenClasses.ts';
import { startExtractWorkers } from './extract/startExtractWorkers.ts';
import type { WriteSettings } from './extract/transformRows.ts';
import { planExtract, type ExtractPlan } from './extractPlan.ts';
import { tableFormatOf } from './io/openTableSource.ts';
import { createTableSink } from './io/tableSink.ts';
import type { TableFormat } from './io/tableSource.ts';
import { kAnonymise, type KAnonymityResult } from './kAnonymise.ts';
import { measureUtility, utilitySampleRows, type UtilitySample } from './measureUtility.ts';
import type { ColumnPolicy, Policy } from './policySchema.ts';
import { isoMonthOf } from './rules/isoDay.ts';

export interface ProgressEvent {
  phase: 'scan' | 'write';
  done: number;
  total: number;
}

export interface PseudonymiseOptions {
  inPath: string;
  outPath: string;
  policy: Policy;
  masterKey: Uint8Array;
  keyVersion: string;
  domain: string;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Leaves out every row of a person for whom this is true, by the value of the policy's
   * `subjectColumn`: employees who objected (GDPR art. 21) are in no extract.
   */
  isExcludedSubject?: (subjectValue: string) => boolean;
  /**
   * Worker threads for a CSV input (0: the main thread only), whether the main thread takes
   * chunks beside them, and the chunk size. By default a CSV of at least 16 MB gets one worker
   * per core but one, and the main thread works as the last; tests set these to check that the
   * extract is the same whatever they are.
   */
  parallelism?: { threads: number; withMainThread?: boolean; csvChunkBytes?: number };
}

/** What the run found and did; the report and the datasheet are made from it. */
export interface PseudonymiseOutcome {
  inputFile: string;
  inputFormat: TableFormat;
  outputFile: string;
  outputFormat: 'csv' | 'parquet';
  outputSha256: string;
  plan: ExtractPlan;
  rowsRead: number;
  rowsWritten: number;
  /** Rows left out because their person objected; counted, never named. */
  rowsExcludedByObjection: number;
  anonymity: KAnonymityResult;
  /** Empty cells per output column, in output order. */
  missingCounts: number[];
  /** First and last month of the dates that were turned into relative weeks. */
  period: { firstMonth: string; lastMonth: string } | null;
  /** MACs computed and cache hits; with workers, the split depends on which thread read what. */
  pseudonyms: { computed: number; cached: number };
  utility: ReturnType<typeof measureUtility> | null;
}

/** Below this, starting workers costs more than it saves. */
const parallelMinBytes = 16 << 20;
const maxThreads = 8;

/**
 * Makes a research extract in two passes over the input. Pass one checks every value, lets the
 * rules observe, and counts the quasi-identifier classes; k-anonymity is then decided on those
 * counts alone. Pass two transforms and writes. Both passes work on chunks, in worker threads for
 * a large CSV, and the main thread combines the chunks' results in file order: the extract is the
 * same bytes for any number of threads. Memory holds a few chunks, the class counts and caches,
 * never the whole input, so the input may be larger than memory.
 * TODO: about 230,000 rows per CPU-second end to end on the 1,000,000-row benchmark (4.3 CPU-s,
 * median of 5 on a shared machine; 2.5 s wall when a core is free). By thread: the main thread
 * about 1.5 CPU-s, the worker 1.2, V8's helper threads about 1.1 (mostly optimising compiles:
 * each thread compiles the hot loops itself, some several times after deopts while they warm
 * up), tsx's loader threads 0.25. In the main thread and the worker, splitting cells (in both
 * passes) and the MACs are the largest items; fewer deopts of the row loops would be next.
 * TODO: XLSX and Parquet inputs are transformed on the main thread only (their readers run there);
 * a large one takes about as long as before the worker pool.
 * TODO: a file that changes between the passes is caught only when its row count changes; rows
 * whose values changed are transformed unchecked (rows of unknown classes are suppressed).
 */
export async function pseudonymiseTable(
  options: PseudonymiseOptions,
): Promise<PseudonymiseOutcome> {
  const { policy } = options;
  const fileName = basename(options.inPath);
  const outputFormat = tableFormatOf(options.outPath, '--out', ['csv', 'parquet']) as
    'csv' | 'parquet';
  const source = openSourceChunks(options.inPath, options.parallelism?.csvChunkBytes);
  const domainKey = deriveDomainKey(options.masterKey, options.domain);
  const totalBytes = await fileSize(options.inPath);
  const { threadCount, withMainThread } =
    source.format === 'csv'
      ? threadsFor(totalBytes, options.parallelism)
      : { threadCount: 0, withMainThread: false };
  // Started before anything else, so that the workers load while this thread reads the header.
  const threads =
    threadCount > 0
      ? startExtractWorkers(threadCount, { withMainThread })
      : mainThreadOnly(options.isExcludedSubject);

  try {
    const opened = await source.open((bytes) =>
      options.onProgress?.({ phase: 'scan', done: bytes, total: totalBytes }),
    );
    const plan = planExtract(opened.header, policy, fileName);
    if (options.isExcludedSubject !== undefined && plan.subjectIndex === undefined) {
      throw new AppError('INVALID_INPUT', 'Objections need to know whose row each row is.', [
        {
          file: fileName,
          field: 'subjectColumn',
          message: 'is not set in the policy.',
          hint: "Name the employee id column as the policy's subjectColumn.",
        },
      ]);
    }
    const job: ExtractJob = {
      fileName,
      header: opened.header,
      policy,
      outputFormat,
      domainKey,
      keyVersion: options.keyVersion,
    };
    // Not awaited here: chunks queue behind each thread's start, so the main thread reads and
    // works on the first chunks while the workers still load their modules (about 0.25 s).
    const started = threads.start(job);
    started.catch(() => undefined);

    // Workers cannot call the predicate: they are given the objectors, found by a first reading.
    let scanChunks = opened.chunks;
    let isExcluded = options.isExcludedSubject;
    if (isExcluded !== undefined && threads.needsExcludedSubjects) {
      const excluded = await excludedSubjects(scanChunks, threads, isExcluded);
      await threads.excludeSubjects(excluded);
      const excludedSet = new Set(excluded);
      isExcluded = (subject) => excludedSet.has(subject);
      scanChunks = (await source.open()).chunks;
    }

    // Pass one: validate, sample for identifiers, count classes.
    const scan = await scanAll(scanChunks, threads, plan, fileName, isExcluded);
    await started;
    if (scan.issues.length > 0) {
      throw new AppError(
        'INVALID_INPUT',
        `${fileName} has values that cannot be read.`,
        scan.issues,
      );
    }
    scan.sampler.check(fileName);
    for (const column of plan.columns) column.rule?.finish?.();
    const quasi = plan.quasiIdentifiers;
    const anonymity = kAnonymise({
      rules: quasi.map((column) => column.rule),
      baseClasses:
        quasi.length > 0
          ? mergeTakenClasses(await threads.takeClasses())
          : new Map([['', { rows: scan.rowsRead - scan.rowsExcluded }]]),
      k: policy.k,
      maxSuppressionPct: policy.maxSuppressionPct,
    });

    // Pass two: transform and write, leaving out the rows of classes below k.
    const settings: WriteSettings = {
      levels: anonymity.levels,
      keptClasses: [...anonymity.classes]
        .filter(([, entry]) => entry.size >= policy.k)
        .map(([key]) => key),
      isAllSuppressed: quasi.length === 0 && anonymity.rowsSuppressed > 0,
      settlements: plan.columns
        .filter((column) => column.rule !== undefined)
        .map((column) => column.rule!.settlement?.()),
    };
    await threads.startWrite(settings);
    const written = await writeAll(options, threads, plan, scan, outputFormat);

    return {
      inputFile: fileName,
      inputFormat: source.format,
      outputFile: basename(options.outPath),
      outputFormat,
      outputSha256: written.sha256,
      plan,
      rowsRead: scan.rowsRead,
      rowsWritten: written.rowsWritten,
      rowsExcludedByObjection: scan.rowsExcluded,
      anonymity,
      missingCounts: written.missingCounts,
      period:
        scan.firstDay === undefined || scan.lastDay === undefined
          ? null
          : { firstMonth: isoMonthOf(scan.firstDay), lastMonth: isoMonthOf(scan.lastDay) },
      pseudonyms: written.pseudonyms,
      utility:
        policy.utility === undefined
          ? null
          : measureUtility(written.utility, policy.utility.target.column, policy.utility.features),
    };
  } finally {
    await threads.close();
  }
}

interface ScanSummary {
  rowsRead: number;
  rowsExcluded: number;
  issues: InputIssue[];
  sampler: IdentifierSampler;
  firstDay: number | undefined;
  lastDay: number | undefined;
  /** Per chunk, the rows the utility check could take from it. */
  utilityRowsByChunk: number[];
}

async function scanAll(
  chunks: AsyncIterable<SourceChunk>,
  threads: ExtractThreads,
  plan: ExtractPlan,
  fileName: string,
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): Promise<ScanSummary> {
  const sampler = createIdentifierSampler(
    plan.columns
      .filter((column) => carriesValues(column.policy))
      .map((column) => ({
        index: column.index,
        name: column.name,
        action: actionName(column.policy),
      })),
  );
  const sampleFrom = identifierSampleFeeder(plan, sampler, fileName, isExcludedSubject);
  const summary: ScanSummary = {
    rowsRead: 0,
    rowsExcluded: 0,
    issues: [],
    sampler,
    firstDay: undefined,
    lastDay: undefined,
    utilityRowsByChunk: [],
  };
  const ruled = plan.columns.filter((column) => column.rule !== undefined);

  await inFileOrder(
    chunks,
    (chunk) => {
      // Before the chunk goes: its bytes move to a worker.
      sampleFrom(chunk);
      return threads.scan(chunk);
    },
    (result: ChunkScan, chunk) => {
      for (const issue of result.issues) {
        if (summary.issues.length >= maxIssues) break;
        const { index, ...rest } = issue;
        summary.issues.push({
          file: fileName,
          row: rowNumberOf(chunk, summary.rowsRead, index),
          ...rest,
        });
      }
      result.observations.forEach((observations, j) => {
        if (observations !== undefined) ruled[j]!.rule!.learn?.(observations);
      });
      if (
        result.firstDay !== undefined &&
        (summary.firstDay === undefined || result.firstDay < summary.firstDay)
      ) {
        summary.firstDay = result.firstDay;
      }
      if (
        result.lastDay !== undefined &&
        (summary.lastDay === undefined || result.lastDay > summary.lastDay)
      ) {
        summary.lastDay = result.lastDay;
      }
      summary.rowsRead += result.rows;
      summary.rowsExcluded += result.rowsExcluded;
      summary.utilityRowsByChunk.push(result.utilityRows);
      return summary.issues.length < maxIssues;
    },
  );
  return summary;
}

async function writeAll(
  options: PseudonymiseOptions,
  threads: ExtractThreads,
  plan: ExtractPlan,
  scan: ScanSummary,
  outputFormat: 'csv' | 'parquet',
) {
  const source = openSourceChunks(options.inPath, options.parallelism?.csvChunkBytes);
  const { chunks } = await source.open();
  const sink = await createTableSink(
    options.outPath,
    plan.output.map((c) => c.name),
    outputFormat,
  );
  const missingCounts = plan.output.map(() => 0);
  const utility: UtilitySample = { original: [], extract: [], labels: [], subjects: [] };
  const pseudonyms = { computed: 0, cached: 0 };
  let chunkIndex = 0;
  let utilityRowsPlanned = 0;
  let rowsWritten = 0;
  let rowsSeen = 0;

  try {
    await inFileOrder(
      chunks,
      (chunk) => {
        // The utility sample is the first rows of the file that have a target, as pass one counted.
        const eligible = scan.utilityRowsByChunk[chunkIndex++] ?? 0;
        const utilityRows = Math.min(eligible, utilitySampleRows - utilityRowsPlanned);
        utilityRowsPlanned += utilityRows;
        return threads.transform(chunk, utilityRows);
      },
      async (output) => {
        await sink.writeLines(output.bytes, output.rowsWritten, output);
        rowsWritten += output.rowsWritten;
        rowsSeen += output.rowsSeen;
        output.missingCounts.forEach((count, c) => (missingCounts[c]! += count));
        utility.labels.push(...output.utility.labels);
        utility.original.push(...output.utility.original);
        utility.extract.push(...output.utility.extract);
        utility.subjects.push(...output.utility.subjects);
        pseudonyms.computed += output.pseudonyms.computed;
        pseudonyms.cached += output.pseudonyms.cached;
        options.onProgress?.({ phase: 'write', done: rowsSeen, total: scan.rowsRead });
        return true;
      },
    );
    if (rowsSeen !== scan.rowsRead) {
      throw new AppError(
        'INVALID_INPUT',
        `${basename(options.inPath)} changed while it was being read.`,
        [
          {
            file: basename(options.inPath),
            message: 'the second reading found a different number of rows.',
          },
        ],
      );
    }
    const { sha256 } = await sink.commit();
    return { sha256, rowsWritten, missingCounts, utility, pseudonyms };
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/**
 * Sends chunks off as they are read and takes their results in file order, with a few in flight:
 * enough to keep every thread busy, few enough to bound memory. `take` returns false to stop.
 */
async function inFileOrder<R>(
  chunks: AsyncIterable<SourceChunk>,
  send: (chunk: SourceChunk) => Promise<R>,
  take: (result: R, chunk: SourceChunk) => boolean | Promise<boolean>,
  maxInFlight = 6,
): Promise<void> {
  const inFlight: { chunk: SourceChunk; result: Promise<R> }[] = [];
  const takeFirst = async (): Promise<boolean> => {
    const first = inFlight.shift()!;
    return take(await first.result, first.chunk);
  };
  for await (const chunk of chunks) {
    const result = send(chunk);
    // Marked as handled: after a failure the later chunks' failures are not waited for.
    result.catch(() => undefined);
    inFlight.push({ chunk, result });
    if (inFlight.length >= maxInFlight && !(await takeFirst())) return;
  }
  while (inFlight.length > 0) if (!(await takeFirst())) return;
}

/** The file row of a chunk's row: as the reader numbered it, or counted (the header is row 1). */
function rowNumberOf(chunk: SourceChunk, rowsBefore: number, index: number): number {
  return chunk.kind === 'rows' ? chunk.rowNumbers[index]! : rowsBefore + index + 2;
}

/**
 * Feeds the identifier sampler the first rows of the file on this thread, as pass one reads them:
 * rows of the right width whose subject did not object. CSV bytes are parsed here only for the
 * first chunk or two, until the sample is full.
 */
function identifierSampleFeeder(
  plan: ExtractPlan,
  sampler: IdentifierSampler,
  fileName: string,
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): (chunk: SourceChunk) => void {
  const width = plan.columns.length;
  const { subjectIndex } = plan;
  return (chunk) => {
    if (sampler.isFull()) return;
    let rows: string[][];
    try {
      rows = rowsOfChunk(chunk, fileName);
    } catch {
      return; // The thread that scans the chunk reports it.
    }
    for (const row of rows) {
      if (sampler.isFull()) return;
      if (row.length !== width) continue;
      if (subjectIndex !== undefined && isExcludedSubject?.(row[subjectIndex]!.trim()) === true) {
        continue;
      }
      sampler.add(row);
    }
  };
}

/** The subjects the predicate excludes, asked once per distinct subject of the file. */
async function excludedSubjects(
  chunks: AsyncIterable<SourceChunk>,
  threads: ExtractThreads,
  isExcludedSubject: (subject: string) => boolean,
): Promise<string[]> {
  const seen = new Set<string>();
  const excluded: string[] = [];
  await inFileOrder(
    chunks,
    (chunk) => threads.distinctSubjects(chunk),
    (subjects) => {
      for (const subject of subjects) {
        if (seen.has(subject)) continue;
        seen.add(subject);
        if (isExcludedSubject(subject)) excluded.push(subject);
      }
      return true;
    },
  );
  return excluded;
}

function threadsFor(
  totalBytes: number,
  parallelism: PseudonymiseOptions['parallelism'],
): { threadCount: number; withMainThread: boolean } {
  if (parallelism !== undefined) {
    return {
      threadCount: Math.max(0, Math.min(maxThreads, parallelism.threads)),
      withMainThread: parallelism.withMainThread ?? false,
    };
  }
  const cores = availableParallelism();
  return totalBytes >= parallelMinBytes && cores > 1
    ? { threadCount: Math.min(maxThreads, cores - 1), withMainThread: true }
    : { threadCount: 0, withMainThread: false };
}

function carriesValues(policy: ColumnPolicy): boolean {
  if (policy.action === 'keep') return true;
  return (
    policy.action === 'generalise' &&
    policy.rule.rule !== 'age-band' &&
    policy.rule.rule !== 'region' &&
    policy.rule.rule !== 'relative-weeks'
  );
}

function actionName(policy: ColumnPolicy): string {
  return policy.action === 'generalise' ? `generalise (${policy.rule.rule})` : policy.action;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    throw new AppError('NOT_FOUND', `Input ${basename(path)} not found.`, [
      { field: '--in', message: 'no such file.' },
    ]);
  }
}
