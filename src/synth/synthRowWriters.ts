import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../sources/canonical/canonicalTables.ts';
import type { CsvTable } from '../sources/canonical/csvTable.ts';
import type { CsvBytes } from './csvBytes.ts';
import { truthTable } from './synthTables.ts';
import type { EpisodeTruth, SynthTeam } from './synthTypes.ts';

/**
 * Row writers for the generator's own records, with every field read by name and written straight
 * into bytes: the same bytes as `createRowEncoder` on the canonical tables (the tests compare them
 * on generated populations) at a fraction of the cost. Encoding through strings was a third of
 * the generator's time.
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

const comma = 0x2c;
const newline = 0x0a;

export function writeTeamRow(out: CsvBytes, team: SynthTeam): void {
  out.text(team.team);
  out.char(comma);
  out.text(team.sector);
  out.char(comma);
  out.text(team.caseManagerId);
  out.char(newline);
}

export function writeEmployeeRow(out: CsvBytes, employee: Employee): void {
  out.text(employee.employeeId);
  out.char(comma);
  out.text(employee.sex);
  out.char(comma);
  out.number(employee.birthYear);
  out.char(comma);
  out.number(employee.ageYears);
  out.char(comma);
  out.number(employee.contractHoursPerWeek);
  out.char(comma);
  out.text(employee.contractType);
  out.char(comma);
  out.text(employee.employmentStartDate);
  out.char(comma);
  out.text(employee.employmentEndDate);
  out.char(comma);
  out.number(employee.tenureYears);
  out.char(comma);
  out.text(employee.team);
  out.char(comma);
  out.text(employee.sector);
  out.char(newline);
}

export function writeEpisodeRow(out: CsvBytes, episode: Episode): void {
  out.text(episode.episodeId);
  out.char(comma);
  out.text(episode.employeeId);
  out.char(comma);
  out.text(episode.kind);
  out.char(comma);
  out.text(episode.startDate);
  out.char(comma);
  out.text(episode.startMonth);
  out.char(comma);
  out.number(episode.startWeekday);
  out.char(comma);
  out.number(episode.sequence);
  out.char(comma);
  out.text(episode.endDate);
  out.char(comma);
  out.number(episode.durationHours);
  out.char(comma);
  out.number(episode.durationDays);
  out.char(comma);
  out.number(episode.expectedDurationDays);
  out.char(comma);
  out.boolean(episode.isSafetyNet);
  out.char(comma);
  out.boolean(episode.isWorkAccident);
  out.char(comma);
  out.boolean(episode.hasLiableThirdParty);
  out.char(comma);
  // Like encodeCell: `date:pct` joined by `|`, never quoted.
  episode.recoveries?.forEach((recovery, i) => {
    if (i > 0) out.char(0x7c);
    out.raw(recovery.date);
    out.char(0x3a);
    out.number(recovery.workingPct);
  });
  out.char(comma);
  out.text(episode.medical?.diagnosisCode);
  out.char(comma);
  out.text(episode.linkedToEpisodeId);
  out.char(comma);
  out.text(episode.chainStartDate);
  out.char(newline);
}

export function writeTruthRow(out: CsvBytes, truth: EpisodeTruth): void {
  out.text(truth.episodeId);
  out.char(comma);
  out.text(truth.employeeId);
  out.char(comma);
  out.probability(truth.pOver6Weeks);
  out.char(comma);
  out.probability(truth.pOver13Weeks);
  out.char(comma);
  out.probability(truth.pOver42Weeks);
  out.char(comma);
  out.probability(truth.pOver52Weeks);
  out.char(comma);
  out.probability(truth.pOver104Weeks);
  out.char(newline);
}

function expectColumns<T>(table: CsvTable<T>, names: string): void {
  const actual = table.columns.map((column) => column.name).join(',');
  if (actual !== names) {
    throw new Error(`synthRowWriters: the columns of ${table.fileName} changed; update it.`);
  }
}
