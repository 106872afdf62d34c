import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Employee } from '../../core/canonical/employee.ts';
import type { Episode } from '../../core/canonical/episode.ts';
import { AppError } from '../../core/errors.ts';
import { truthTable } from '../../synth/synthTables.ts';
import type { EpisodeTruth } from '../../synth/synthTypes.ts';
import { employeeTable, episodeTable } from './canonicalTables.ts';
import { readCsvTable } from './readCsvTable.ts';

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
 * Reads a folder in the canonical layout: employees.csv and episodes.csv, and when present
 * manifest.json (whose period tells until when the records were observed) and truth.csv.
 * Without a manifest, the records are taken as observed until their latest date.
 */
export async function readCanonicalDataset(directory: string): Promise<CanonicalDataset> {
  await assertDirectory(directory);
  const employees = await collect(
    readCsvTable(join(directory, employeeTable.fileName), employeeTable),
  );
  const episodes = await collect(
    readCsvTable(join(directory, episodeTable.fileName), episodeTable),
  );

  const employeeIds = new Set(employees.map((employee) => employee.employeeId));
  const unknown = episodes.findIndex((episode) => !employeeIds.has(episode.employeeId));
  if (unknown !== -1) {
    throw new AppError(
      'INVALID_INPUT',
      'An episode names an employee that is not in employees.csv.',
      [
        {
          file: episodeTable.fileName,
          row: unknown + 2,
          column: 'employeeId',
          message: 'has no matching row in employees.csv.',
          hint: 'Export the employees and episodes of the same period together.',
        },
      ],
    );
  }

  const truthPath = join(directory, truthTable.fileName);
  const truth = (await exists(truthPath))
    ? new Map((await collect(readCsvTable(truthPath, truthTable))).map((t) => [t.episodeId, t]))
    : undefined;

  return { employees, episodes, ...(await observationPeriod(directory, episodes)), truth };
}

async function observationPeriod(
  directory: string,
  episodes: readonly Episode[],
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
      { file: episodeTable.fileName, column: 'startDate', message: 'is empty in every row.' },
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
  try {
    if ((await stat(directory)).isDirectory()) return;
  } catch {
    // fall through to the error below
  }
  throw new AppError('NOT_FOUND', 'The data folder does not exist.', [
    {
      file: directory,
      message: 'is not a folder.',
      hint: 'Point --data at a folder with employees.csv and episodes.csv.',
    },
  ]);
}
