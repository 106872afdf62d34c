import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../sources/canonical/canonicalTables.ts';
import type { CsvTable } from '../sources/canonical/csvTable.ts';
import { truthTable } from './synthTables.ts';
import type { EpisodeTruth, SynthTeam } from './synthTypes.ts';

/**
 * Row encoders for the generator's own records, with every field read by name: the same text as
 * `createRowEncoder` on the canonical tables (the tests compare them on generated populations),
 * at about half the cost. The generic encoder reads each cell by key through a closure per
 * column, and encoding was a third of the generator's time.
 *
 * The layouts are checked when this module loads, so a column added to a canonical table fails
 * loudly here instead of silently shifting the synthetic files.
 */
expectColumns(teamAssignmentTable, 'team,sector,caseManagerId');
expectColumns(
  employeeTable,
  'employeeId,sex,birthYear,ageYears,contractHoursPerWeek,contractType,employmentStartDate,' +
    'employmentEndDate,tenureYears,team,sector',
);
expectColumns(
  episodeTable,
  'episodeId,employeeId,kind,startDate,startMonth,startWeekday,sequence,endDate,durationHours,' +
    'durationDays,expectedDurationDays,isSafetyNet,isWorkAccident,hasLiableThirdParty,recoveries,' +
    'diagnosisCode,linkedToEpisodeId,chainStartDate',
);
expectColumns(
  truthTable,
  'episodeId,employeeId,pOver6Weeks,pOver13Weeks,pOver42Weeks,pOver52Weeks,pOver104Weeks',
);

export function encodeTeamRow(team: SynthTeam): string {
  return `${text(team.team)},${text(team.sector)},${text(team.caseManagerId)}\n`;
}

export function encodeEmployeeRow(employee: Employee): string {
  return (
    `${text(employee.employeeId)},${text(employee.sex)},${number(employee.birthYear)},` +
    `${number(employee.ageYears)},${number(employee.contractHoursPerWeek)},` +
    `${text(employee.contractType)},${text(employee.employmentStartDate)},` +
    `${text(employee.employmentEndDate)},${number(employee.tenureYears)},` +
    `${text(employee.team)},${text(employee.sector)}\n`
  );
}

export function encodeEpisodeRow(episode: Episode): string {
  const recoveries = episode.recoveries;
  return (
    `${text(episode.episodeId)},${text(episode.employeeId)},${text(episode.kind)},` +
    `${text(episode.startDate)},${text(episode.startMonth)},${number(episode.startWeekday)},` +
    `${number(episode.sequence)},${text(episode.endDate)},${number(episode.durationHours)},` +
    `${number(episode.durationDays)},${number(episode.expectedDurationDays)},` +
    `${boolean(episode.isSafetyNet)},${boolean(episode.isWorkAccident)},` +
    `${boolean(episode.hasLiableThirdParty)},` +
    `${recoveries === undefined ? '' : recoveries.map((r) => `${r.date}:${r.workingPct}`).join('|')},` +
    `${text(episode.medical?.diagnosisCode)},${text(episode.linkedToEpisodeId)},` +
    `${text(episode.chainStartDate)}\n`
  );
}

export function encodeTruthRow(truth: EpisodeTruth): string {
  return (
    `${text(truth.episodeId)},${text(truth.employeeId)},${probability(truth.pOver6Weeks)},` +
    `${probability(truth.pOver13Weeks)},${probability(truth.pOver42Weeks)},` +
    `${probability(truth.pOver52Weeks)},${probability(truth.pOver104Weeks)}\n`
  );
}

const needsQuoting = /[",\r\n]/;

function text(value: string | null | undefined): string {
  if (value === undefined || value === null) return '';
  return needsQuoting.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function number(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

function boolean(value: boolean | undefined): string {
  return value === undefined ? '' : value ? 'true' : 'false';
}

const zeros = ['', '0', '00', '000', '0000', '00000'];

/**
 * String(p) for a probability, faster for the six-decimal values of the truth file: a whole
 * number of millionths written from its integer digits (String of a fraction runs the shortest
 * round-trip search, the costliest step of a truth row). Any other value goes through String.
 */
export function probability(p: number): string {
  const millionths = Math.round(p * 1e6);
  if (millionths / 1e6 !== p || millionths <= 0 || millionths >= 1e6) return String(p);
  let digits = millionths;
  let width = 6;
  while (digits % 10 === 0) {
    digits /= 10;
    width--;
  }
  const text = String(digits);
  return `0.${zeros[width - text.length]!}${text}`;
}

function expectColumns<T>(table: CsvTable<T>, names: string): void {
  const actual = table.columns.map((column) => column.name).join(',');
  if (actual !== names) {
    throw new Error(`synthRowEncoders: the columns of ${table.fileName} changed; update it.`);
  }
}
