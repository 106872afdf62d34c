import { createRandom } from '../core/random.ts';
import { createRowEncoder } from '../sources/canonical/encodeCell.ts';
import { generateTeamMembers } from './generatePopulation.ts';
import { createIdentityMaker } from './identities.ts';
import { createSynthStatistics, type SynthStatisticsSums } from './synthStatistics.ts';
import { CsvBytes } from './csvBytes.ts';
import {
  writeEmployeeRow,
  writeEpisodeRow,
  writeTeamRow,
  writeTruthRow,
} from './synthRowWriters.ts';
import { identityTable } from './synthTables.ts';
import { createSynthWindow } from './synthWindow.ts';
import { employeeNumberDigits, teamStreamSeed, type PlannedTeam } from './teamPlan.ts';

/** What every block of a run shares; plain data, so it can be handed to a worker thread. */
export interface SynthRunSettings {
  employeeCount: number;
  years: number;
  seed: number;
  startYear: number;
  isIdentifiable: boolean;
  isCollectingStatistics: boolean;
}

/** Consecutive teams of the plan, generated and encoded as one piece of work. */
export interface SynthBlockTask {
  blockIndex: number;
  teams: PlannedTeam[];
}

/** Rows of one table as UTF-8 CSV text without the header, ready for `writeEncoded`. */
export interface EncodedRows {
  bytes: Uint8Array;
  rowCount: number;
}

export interface SynthBlockResult {
  blockIndex: number;
  employeeCount: number;
  openEpisodeCount: number;
  teams: EncodedRows;
  employees: EncodedRows;
  episodes: EncodedRows;
  truths: EncodedRows;
  identities?: EncodedRows;
  /** The calibration sums of the block's employees, when the run collects them. */
  statistics?: SynthStatisticsSums;
}

/** Salt of the run-level identity draw (where the BSNs start), apart from the team streams. */
const bsnStartSalt = 0xb5a0f1;
/** BSNs start in one of the first thousand pairs of the range, so they rise through a run. */
const bsnStartPairs = 1000;

/**
 * Generates blocks of teams and encodes their rows, on whichever thread calls it. A block's bytes
 * depend only on the settings and its teams, so blocks can be made anywhere and written in order.
 */
export function createSynthBlockGenerator(
  settings: SynthRunSettings,
): (task: SynthBlockTask) => SynthBlockResult {
  const window = createSynthWindow(settings.startYear, settings.years);
  const run = { window, seed: settings.seed, digits: employeeNumberDigits(settings.employeeCount) };
  const encodeIdentity = createRowEncoder(identityTable.columns);
  const firstBsnPair = createRandom((settings.seed ^ bsnStartSalt) >>> 0).int(bsnStartPairs);
  const period = { startYear: settings.startYear, years: settings.years };

  return (task) => {
    const statistics = settings.isCollectingStatistics ? createSynthStatistics(period) : undefined;
    const teamRows = new CsvBytes();
    const employeeRows = new CsvBytes();
    const episodeRows = new CsvBytes();
    const truthRows = new CsvBytes();
    const identityRows = settings.isIdentifiable ? new CsvBytes() : undefined;
    let employeeCount = 0;
    let episodeCount = 0;
    let truthCount = 0;
    let openEpisodeCount = 0;

    for (const planned of task.teams) {
      writeTeamRow(teamRows, planned.team);
      const members = generateTeamMembers(planned, run);
      const makeIdentity = settings.isIdentifiable
        ? createIdentityMaker(
            createRandom(teamStreamSeed(settings.seed, planned.teamIndex, 'identities')),
            firstBsnPair,
          )
        : undefined;
      members.forEach((member, i) => {
        writeEmployeeRow(employeeRows, member.employee);
        for (const episode of member.episodes) {
          writeEpisodeRow(episodeRows, episode);
          if (episode.endDate === null) openEpisodeCount++;
        }
        for (const truth of member.truths) writeTruthRow(truthRows, truth);
        if (makeIdentity !== undefined && identityRows !== undefined) {
          const identity = makeIdentity(member.employee, planned.firstEmployeeNumber + i);
          // Identities are few and not hot: the generic encoder, its text copied as it is.
          identityRows.raw(encodeIdentity(identity));
        }
        statistics?.add(member.employee, member.episodes, member.truths);
        episodeCount += member.episodes.length;
        truthCount += member.truths.length;
      });
      employeeCount += members.length;
    }

    const rows = (out: CsvBytes, rowCount: number): EncodedRows => ({
      bytes: out.finish(),
      rowCount,
    });
    const result: SynthBlockResult = {
      blockIndex: task.blockIndex,
      employeeCount,
      openEpisodeCount,
      teams: rows(teamRows, task.teams.length),
      employees: rows(employeeRows, employeeCount),
      episodes: rows(episodeRows, episodeCount),
      truths: rows(truthRows, truthCount),
    };
    if (identityRows !== undefined) result.identities = rows(identityRows, employeeCount);
    if (statistics !== undefined) result.statistics = statistics.sums();
    return result;
  };
}

/** The buffers of a result, for a worker to hand over instead of copying. */
export function transferablesOf(result: SynthBlockResult): ArrayBuffer[] {
  const tables = [result.teams, result.employees, result.episodes, result.truths];
  if (result.identities !== undefined) tables.push(result.identities);
  return tables.map((table) => table.bytes.buffer as ArrayBuffer);
}
