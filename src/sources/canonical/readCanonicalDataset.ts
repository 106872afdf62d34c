import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Employee } from '../../core/canonical/employee.ts';
import type { Episode } from '../../core/canonical/episode.ts';
import { AppError } from '../../core/errors.ts';
import { truthTable } from '../../synth/synthTables.ts';
import type { EpisodeTruth } from '../../synth/synthTypes.ts';
import { employeeTable, episodeTable } from './canonicalTables.ts';
import { readCsvTable } from './readCsvTable.ts';
import { readTableFile } from './readTableFile.ts';
import { findTableFile, tableStem } from './tableFiles.ts';

export interface CanonicalDataset {
  employees: Employee[];
  episodes: Episode[];
  /** The first day the records describe. Episodes reported earlier are in the data only because
   * they were still open on it (left truncation): they tell history, not durations. */
  observedFrom: string;
  /** The last day the records describe: open episodes were still open then. */
  observedUntil: string;
  /** The generator's true probabilities, for synthetic data only; never used for training. */
  truth: Map<string, EpisodeTruth> | undefined;
}

const manifestSchema = z.looseObject({
  period: z.looseObject({
    firstDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    lastDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});

/**
 * Reads a folder in the canonical layout, as `absencelab synth --out` writes it.
 *
 * Accepted files (names in lower case, exactly as below):
 * - the employees table, as one of employees.csv, employees.xlsx, employees.parquet,
 *   employees.json or employees.jsonl (required);
 * - the episodes table, likewise as episodes.csv, .xlsx, .parquet, .json or .jsonl (required);
 * - manifest.json (optional): its period tells from and until when the records were observed;
 *   without it, the records are taken as observed from their earliest to their latest date;
 * - truth.csv (optional, synthetic data only): the generator's own probabilities.
 * Two formats of one table (employees.csv and employees.xlsx) are refused, naming both files.
 *
 * CSV, XLSX (first worksheet) and Parquet hold one column per field, headed by the column names
 * of canonicalTables.ts; an empty cell is a field left out. JSON is an array of records and JSON
 * Lines one record per line, each in the shape of the canonical record (src/core/canonical), as
 * the prediction API takes it. Every format is streamed: CSV by csv-parse, XLSX by the exceljs
 * WorkbookReader, Parquet by DuckDB in chunks, JSON by @streamparser/json, JSON Lines by line.
 * Rows are numbered as the file shows them (CSV and XLSX: the header is row 1; Parquet: record
 * N is row N + 1, as in CSV; JSON Lines: the line; JSON: the position in the array).
 *
 * Beyond each record's schema, a table names each record once: a row repeating the employeeId
 * (employees) or episodeId (episodes) of an earlier row is refused, naming both rows. Every episode
 * must name an employee of the employees table. Where startDate is given, startMonth and
 * startWeekday (ISO: 1 Monday ... 7 Sunday) must agree with it.
 *
 * A bad file ends the read with one INVALID_INPUT error naming file, row and column or field of
 * each problem and never its value; nothing is returned from a folder that is only partly valid.
 */
export async function readCanonicalDataset(directory: string): Promise<CanonicalDataset> {
  await assertDirectory(directory);
  const employeePath = await findTableFile(directory, tableStem(employeeTable.fileName));
  const episodePath = await findTableFile(directory, tableStem(episodeTable.fileName));
  const employees = (await collect(readTableFile(employeePath, employeeTable))).map(
    (r) => r.record,
  );
  const episodeRows = await collect(readTableFile(episodePath, episodeTable));
  const episodes = episodeRows.map((r) => r.record);

  const employeeIds = new Set(employees.map((employee) => employee.employeeId));
  const unknown = episodeRows.find(({ record }) => !employeeIds.has(record.employeeId));
  if (unknown !== undefined) {
    const employeeFile = basename(employeePath);
    throw new AppError(
      'INVALID_INPUT',
      `An episode names an employee that is not in ${employeeFile}.`,
      [
        {
          file: basename(episodePath),
          row: unknown.row,
          column: 'employeeId',
          message: `has no matching record in ${employeeFile}.`,
          hint: 'Export the employees and episodes of the same period together.',
        },
      ],
    );
  }

  const truthPath = join(directory, truthTable.fileName);
  const truth = (await exists(truthPath))
    ? new Map((await collect(readCsvTable(truthPath, truthTable))).map((t) => [t.episodeId, t]))
    : undefined;

  return {
    employees,
    episodes,
    ...(await observationPeriod(directory, episodes, basename(episodePath))),
    truth,
  };
}

async function observationPeriod(
  directory: string,
  episodes: readonly Episode[],
  episodeFile: string,
): Promise<{ observedFrom: string; observedUntil: string }> {
  const manifestPath = join(directory, 'manifest.json');
  if (await exists(manifestPath)) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    } catch {
      manifest = undefined;
    }
    const parsed = manifestSchema.safeParse(manifest);
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'manifest.json has no readable period.', [
        {
          file: 'manifest.json',
          field: 'period',
          message: 'needs firstDay and lastDay as YYYY-MM-DD.',
          hint: 'Fix the period or remove manifest.json to take it from the records.',
        },
      ]);
    }
    return { observedFrom: parsed.data.period.firstDay, observedUntil: parsed.data.period.lastDay };
  }
  let earliest = '9999-12-31';
  let latest = '';
  for (const episode of episodes) {
    if (episode.startDate !== undefined && episode.startDate > latest) latest = episode.startDate;
    if (episode.startDate !== undefined && episode.startDate < earliest)
      earliest = episode.startDate;
    if (episode.endDate != null && episode.endDate > latest) latest = episode.endDate;
  }
  if (latest === '') {
    throw new AppError('INVALID_INPUT', 'The episodes have no dates.', [
      { file: episodeFile, column: 'startDate', message: 'is empty in every row.' },
    ]);
  }
  return { observedFrom: earliest, observedUntil: latest };
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function assertDirectory(directory: string): Promise<void> {
  const found = await stat(directory).catch(() => undefined);
  if (found?.isDirectory() === true) return;
  if (found !== undefined) {
    throw new AppError('INVALID_ARGUMENT', 'The data path is a file, not a folder.', [
      {
        file: directory,
        message: 'is a file.',
        hint: 'Canonical data is a folder of tables; for the UCI file use --format uci, for a research extract --format extract.',
      },
    ]);
  }
  throw new AppError('NOT_FOUND', 'The data folder does not exist.', [
    {
      file: directory,
      message: 'is not a folder.',
      hint: 'Point --data at a folder with an employees and an episodes table.',
    },
  ]);
}
