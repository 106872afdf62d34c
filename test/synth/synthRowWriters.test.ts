import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Employee } from '../../src/core/canonical/employee.ts';
import type { Episode } from '../../src/core/canonical/episode.ts';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../../src/sources/canonical/canonicalTables.ts';
import { createRowEncoder } from '../../src/sources/canonical/encodeCell.ts';
import { CsvBytes } from '../../src/synth/csvBytes.ts';
import { generatePopulation } from '../../src/synth/generatePopulation.ts';
import {
  writeEmployeeRow,
  writeEpisodeRow,
  writeTeamRow,
  writeTruthRow,
} from '../../src/synth/synthRowWriters.ts';
import { truthTable } from '../../src/synth/synthTables.ts';
import type { EpisodeTruth } from '../../src/synth/synthTypes.ts';

const generic = {
  team: createRowEncoder(teamAssignmentTable.columns),
  employee: createRowEncoder(employeeTable.columns),
  episode: createRowEncoder(episodeTable.columns),
  truth: createRowEncoder(truthTable.columns),
};

function written<T>(write: (out: CsvBytes, record: T) => void, records: readonly T[]): string {
  const out = new CsvBytes();
  for (const record of records) write(out, record);
  return Buffer.from(out.finish()).toString('utf8');
}

test('the synth row writers write the bytes of the generic row encoder, on a generated population', () => {
  const text = { team: '', employee: '', episode: '', truth: '' };
  const out = {
    team: new CsvBytes(),
    employee: new CsvBytes(),
    episode: new CsvBytes(),
    truth: new CsvBytes(),
  };
  let withRecoveries = 0;
  let open = 0;
  const population = generatePopulation({
    employeeCount: 3_000,
    years: 3,
    seed: 5,
    startYear: 2023,
  });
  for (const { team, members } of population) {
    text.team += generic.team(team);
    writeTeamRow(out.team, team);
    for (const { employee, episodes, truths } of members) {
      text.employee += generic.employee(employee);
      writeEmployeeRow(out.employee, employee);
      for (const episode of episodes) {
        text.episode += generic.episode(episode);
        writeEpisodeRow(out.episode, episode);
        if (episode.recoveries !== undefined) withRecoveries++;
        if (episode.endDate === null) open++;
      }
      for (const truth of truths) {
        text.truth += generic.truth(truth);
        writeTruthRow(out.truth, truth);
      }
    }
  }
  for (const table of ['team', 'employee', 'episode', 'truth'] as const) {
    const bytes = Buffer.from(out[table].finish());
    assert.ok(bytes.equals(Buffer.from(text[table], 'utf8')), table);
  }
  assert.ok(text.episode.length > 500_000 && withRecoveries > 10 && open > 10);
});

test('the synth row writers quote text, encode non-ASCII and write the fields the generator leaves out', () => {
  const employees: Employee[] = [
    {
      employeeId: 'E "1", first',
      ageYears: 44.5,
      tenureYears: 3,
      contractHoursPerWeek: 0,
      employmentEndDate: null,
      team: 'North\nfloor 2',
      sector: 'zorg – ouderen',
    },
    { employeeId: 'Eé', birthYear: 1980, team: 'Zuid\r' },
  ];
  const episodes: Episode[] = [
    {
      episodeId: 'S,1',
      employeeId: 'E1',
      kind: 'disciplinary',
      startMonth: '2024-03',
      sequence: 2,
      durationHours: 7.25,
      durationDays: 2_147_483_648,
      expectedDurationDays: -3,
      isSafetyNet: true,
      recoveries: [],
      medical: {},
    },
    {
      episodeId: 'S2',
      employeeId: 'E1',
      kind: 'sickness',
      startMonth: '2024-03',
      recoveries: [{ date: '2024-03-04', workingPct: 12.5 }],
      medical: { diagnosisCode: 'psyché' },
    },
  ];
  const truths: EpisodeTruth[] = [
    {
      episodeId: 'S1',
      employeeId: 'E1',
      pOver6Weeks: 1,
      pOver13Weeks: 0.5,
      pOver42Weeks: 1e-7,
      pOver52Weeks: 0.1234567,
      pOver104Weeks: 0,
    },
  ];
  assert.equal(written(writeEmployeeRow, employees), employees.map(generic.employee).join(''));
  assert.equal(written(writeEpisodeRow, episodes), episodes.map(generic.episode).join(''));
  assert.equal(written(writeTruthRow, truths), 'S1,E1,1,0.5,1e-7,0.1234567,0\n');
});

test('CsvBytes probability writes every whole number of millionths as String does', () => {
  const out = new CsvBytes();
  let expected = '';
  for (let millionths = 0; millionths <= 1_000_000; millionths++) {
    const p = millionths / 1e6;
    out.probability(p);
    out.char(0x0a);
    expected += `${String(p)}\n`;
  }
  for (const p of [-0.25, 1.5, Number.NaN, 2 ** -30, 0.1 + 0.2]) {
    out.probability(p);
    out.char(0x0a);
    expected += `${String(p)}\n`;
  }
  assert.equal(Buffer.from(out.finish()).toString('latin1'), expected);
});
