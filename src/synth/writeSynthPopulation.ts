import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom } from '../core/random.ts';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../sources/canonical/canonicalTables.ts';
import { createCsvTableWriter } from '../sources/canonical/csvTableWriter.ts';
import { generatePopulation, type PopulationOptions } from './generatePopulation.ts';
import { createIdentityMaker } from './identities.ts';
import type { SynthStatisticsAccumulator } from './synthStatistics.ts';
import { identityTable, truthTable } from './synthTables.ts';

/** Raised whenever the generator's output changes for the same seed and arguments. */
export const synthGeneratorVersion = '1.0.0';

/** Identities come from their own stream so that asking for them leaves the other files as they are. */
const identityStreamSalt = 0x1d5a17;

export interface WriteSynthOptions extends PopulationOptions {
  outDir: string;
  isIdentifiable: boolean;
  /** Called after each team with the number of employees written so far. */
  onProgress?: (employeesDone: number) => void;
  /** Receives every employee with its episodes as they are written, for the report. */
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
 * manifest.json. Team by team: each team is written and released before the next is drawn.
 */
export async function writeSynthPopulation(options: WriteSynthOptions): Promise<SynthManifest> {
  await mkdir(options.outDir, { recursive: true });
  const pathOf = (fileName: string): string => join(options.outDir, fileName);
  const teams = createCsvTableWriter(pathOf(teamAssignmentTable.fileName), teamAssignmentTable);
  const employees = createCsvTableWriter(pathOf(employeeTable.fileName), employeeTable);
  const episodes = createCsvTableWriter(pathOf(episodeTable.fileName), episodeTable);
  const truths = createCsvTableWriter(pathOf(truthTable.fileName), truthTable);
  const identities = options.isIdentifiable
    ? createCsvTableWriter(pathOf(identityTable.fileName), identityTable)
    : undefined;
  const makeIdentity = createIdentityMaker(createRandom((options.seed ^ identityStreamSalt) >>> 0));

  let employeesDone = 0;
  let openEpisodes = 0;
  for (const { team, members } of generatePopulation(options)) {
    teams.write({ team: team.team, sector: team.sector, caseManagerId: team.caseManagerId });
    for (const member of members) {
      employees.write(member.employee);
      for (const episode of member.episodes) {
        episodes.write(episode);
        if (episode.endDate === null) openEpisodes++;
      }
      for (const truth of member.truths) truths.write(truth);
      if (identities !== undefined) identities.write(makeIdentity(member.employee));
      options.statistics?.add(member.employee, member.episodes, member.truths);
    }
    employeesDone += members.length;
    options.onProgress?.(employeesDone);
    await Promise.all([
      teams.drain(),
      employees.drain(),
      episodes.drain(),
      truths.drain(),
      identities?.drain(),
    ]);
  }

  const writers = [
    teams,
    employees,
    episodes,
    truths,
    ...(identities === undefined ? [] : [identities]),
  ];
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
