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
import { generatePopulation } from '../../src/synth/generatePopulation.ts';
import {
  encodeEmployeeRow,
  encodeEpisodeRow,
  encodeTeamRow,
  encodeTruthRow,
  probability,
} from '../../src/synth/synthRowEncoders.ts';
import { truthTable } from '../../src/synth/synthTables.ts';

const generic = {
  team: createRowEncoder(teamAssignmentTable.columns),
  employee: createRowEncoder(employeeTable.columns),
  episode: createRowEncoder(episodeTable.columns),
  truth: createRowEncoder(truthTable.columns),
};

test('the synth row encoders write what the generic row encoder writes, on a generated population', () => {
  let rows = 0;
  let withRecoveries = 0;
  let open = 0;
  const population = generatePopulation({
    employeeCount: 3_000,
    years: 3,
    seed: 5,
    startYear: 2023,
  });
  for (const { team, members } of population) {
    assert.equal(encodeTeamRow(team), generic.team(team));
    for (const { employee, episodes, truths } of members) {
      assert.equal(encodeEmployeeRow(employee), generic.employee(employee));
      for (const episode of episodes) {
        assert.equal(encodeEpisodeRow(episode), generic.episode(episode));
        if (episode.recoveries !== undefined) withRecoveries++;
        if (episode.endDate === null) open++;
      }
      for (const truth of truths) assert.equal(encodeTruthRow(truth), generic.truth(truth));
      rows += 1 + episodes.length + truths.length;
    }
  }
  assert.ok(rows > 10_000 && withRecoveries > 10 && open > 10, `${rows} ${withRecoveries} ${open}`);
});

test('the synth row encoders quote text and write the fields the generator leaves out', () => {
  const employee: Employee = {
    employeeId: 'E "1", first',
    ageYears: 44.5,
    tenureYears: 3,
    employmentEndDate: null,
    team: 'North\nfloor 2',
  };
  const episode: Episode = {
    episodeId: 'S,1',
    employeeId: 'E1',
    kind: 'disciplinary',
    startMonth: '2024-03',
    sequence: 2,
    durationHours: 7.25,
    isSafetyNet: true,
    medical: {},
  };
  const truth = {
    episodeId: 'S1',
    employeeId: 'E1',
    pOver6Weeks: 1,
    pOver13Weeks: 0.5,
    pOver42Weeks: 1e-7,
    pOver52Weeks: 0.1234567,
    pOver104Weeks: 0,
  };
  assert.equal(encodeEmployeeRow(employee), generic.employee(employee));
  assert.equal(encodeEpisodeRow(episode), generic.episode(episode));
  assert.equal(encodeTruthRow(truth), generic.truth(truth));
  assert.equal(encodeTruthRow(truth), 'S1,E1,1,0.5,1e-7,0.1234567,0\n');
});

test('probability writes every whole number of millionths as String does', () => {
  let mismatches = 0;
  for (let millionths = 0; millionths <= 1_000_000; millionths++) {
    const p = millionths / 1e6;
    if (probability(p) !== String(p)) mismatches++;
  }
  assert.equal(mismatches, 0);
  for (const p of [0.000001, 0.00001, 0.1, 0.999999, -0.25, 1.5, Number.NaN, 2 ** -30]) {
    assert.equal(probability(p), String(p));
  }
});
