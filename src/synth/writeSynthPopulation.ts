import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../sources/canonical/canonicalTables.ts';
import { createCsvTableWriter } from '../sources/canonical/csvTableWriter.ts';
import type { PopulationOptions } from './generatePopulation.ts';
import type { SynthBlockResult, SynthBlockTask } from './synthBlock.ts';
import { createSynthBlockRunner, defaultSynthWorkerCount } from './synthBlockPool.ts';
import type { SynthStatisticsAccumulator } from './synthStatistics.ts';
import { identityTable, truthTable } from './synthTables.ts';
import { planTeams, type PlannedTeam } from './teamPlan.ts';

/** Raised whenever the generator's output changes for the same seed and arguments. */
export const synthGeneratorVersion = '2.0.0';

/**
 * Employees per block of work. Large enough that a block's messages cost little against its
 * generation, small enough that the blocks in flight stay a few megabytes.
 */
const employeesPerBlock = 4_000;

export interface WriteSynthOptions extends PopulationOptions {
  outDir: string;
  isIdentifiable: boolean;
  /**
   * Worker threads that generate and encode blocks of teams; 0 generates on this thread. The files
   * are the same for any count. By default one per core (up to four) for large runs, else 0.
   */
  workerCount?: number;
  /** Called after each block of teams with the number of employees written so far. */
  onProgress?: (employeesDone: number) => void;
  /** Receives the sums of every employee with its episodes, block by block, for the report. */
  statistics?: SynthStatisticsAccumulator;
}

export interface SynthManifest {
  generator: 'absencelab-synth';
  generatorVersion: string;
  seed: number;
  arguments: { employees: number; years: number; startYear: number; isIdentifiable: boolean };
  period: { firstDay: string; lastDay: string };
  counts: { teams: number; employees: number; episodes: number; openEpisodes: number };
  files: { fileName: string; rowCount: number; sha256: string }[];
}

/**
 * Generates the population and streams it into the canonical files plus truth.csv and
 * manifest.json. The team plan is drawn here; blocks of teams are generated and encoded (on worker
 * threads for large runs) and written in plan order as they come back, with only a few blocks in
 * flight, so memory stays flat however large the population is.
 */
export async function writeSynthPopulation(options: WriteSynthOptions): Promise<SynthManifest> {
  await mkdir(options.outDir, { recursive: true });
  const pathOf = (fileName: string): string => join(options.outDir, fileName);
  // An earlier run's manifest would describe files this run is about to replace.
  await rm(pathOf('manifest.json'), { force: true });
  const teams = createCsvTableWriter(pathOf(teamAssignmentTable.fileName), teamAssignmentTable);
  const employees = createCsvTableWriter(pathOf(employeeTable.fileName), employeeTable);
  const episodes = createCsvTableWriter(pathOf(episodeTable.fileName), episodeTable);
  const truths = createCsvTableWriter(pathOf(truthTable.fileName), truthTable);
  const identities = options.isIdentifiable
    ? createCsvTableWriter(pathOf(identityTable.fileName), identityTable)
    : undefined;

  let employeesDone = 0;
  let openEpisodes = 0;
  const writeBlock = async (block: SynthBlockResult): Promise<void> => {
    teams.writeEncoded(block.teams.bytes, block.teams.rowCount);
    employees.writeEncoded(block.employees.bytes, block.employees.rowCount);
    episodes.writeEncoded(block.episodes.bytes, block.episodes.rowCount);
    truths.writeEncoded(block.truths.bytes, block.truths.rowCount);
    if (identities !== undefined && block.identities !== undefined) {
      identities.writeEncoded(block.identities.bytes, block.identities.rowCount);
    }
    if (block.statistics !== undefined) options.statistics?.merge(block.statistics);
    openEpisodes += block.openEpisodeCount;
    employeesDone += block.employeeCount;
    options.onProgress?.(employeesDone);
    await Promise.all([
      teams.drain(),
      employees.drain(),
      episodes.drain(),
      truths.drain(),
      identities?.drain(),
    ]);
  };

  const runner = createSynthBlockRunner(
    {
      employeeCount: options.employeeCount,
      years: options.years,
      seed: options.seed,
      startYear: options.startYear,
      isIdentifiable: options.isIdentifiable,
      isCollectingStatistics: options.statistics !== undefined,
    },
    options.workerCount ?? defaultSynthWorkerCount(options.employeeCount),
  );
  const writers = [
    teams,
    employees,
    episodes,
    truths,
    ...(identities === undefined ? [] : [identities]),
  ];
  try {
    // Results are awaited in block order; a failure surfaces when its turn comes, and the blocks
    // still in flight must not count as unhandled meanwhile.
    const inFlight: Promise<SynthBlockResult>[] = [];
    for (const task of blocksOf(planTeams(options.employeeCount, options.seed))) {
      const result = runner.run(task);
      result.catch(() => undefined);
      inFlight.push(result);
      if (inFlight.length >= runner.capacity) await writeBlock(await inFlight.shift()!);
    }
    while (inFlight.length > 0) await writeBlock(await inFlight.shift()!);
  } catch (error) {
    // Nothing half-written: the temporary files go, the names keep what they had.
    await Promise.all(writers.map((writer) => writer.abort()));
    throw error;
  } finally {
    await runner.close();
  }

  const tables = [teamAssignmentTable, employeeTable, episodeTable, truthTable, identityTable];
  const closed = await Promise.all(writers.map((writer) => writer.close()));
  const files = closed.map((result, i) => ({ fileName: tables[i]!.fileName, ...result }));
  const rowsOf = (fileName: string): number =>
    files.find((file) => file.fileName === fileName)?.rowCount ?? 0;

  const manifest: SynthManifest = {
    generator: 'absencelab-synth',
    generatorVersion: synthGeneratorVersion,
    seed: options.seed,
    arguments: {
      employees: options.employeeCount,
      years: options.years,
      startYear: options.startYear,
      isIdentifiable: options.isIdentifiable,
    },
    period: {
      firstDay: `${options.startYear}-01-01`,
      lastDay: `${options.startYear + options.years - 1}-12-31`,
    },
    counts: {
      teams: rowsOf(teamAssignmentTable.fileName),
      employees: rowsOf(employeeTable.fileName),
      episodes: rowsOf(episodeTable.fileName),
      openEpisodes,
    },
    files,
  };
  await writeFile(pathOf('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function* blocksOf(plan: Iterable<PlannedTeam>): Generator<SynthBlockTask> {
  let teams: PlannedTeam[] = [];
  let employeeCount = 0;
  let blockIndex = 0;
  for (const planned of plan) {
    teams.push(planned);
    employeeCount += planned.size;
    if (employeeCount >= employeesPerBlock) {
      yield { blockIndex: blockIndex++, teams };
      teams = [];
      employeeCount = 0;
    }
  }
  if (teams.length > 0) yield { blockIndex, teams };
}
