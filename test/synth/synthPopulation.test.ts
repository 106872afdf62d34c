import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Employee } from '../../src/core/canonical/employee.ts';
import type { Episode } from '../../src/core/canonical/episode.ts';
import {
  employeeTable,
  episodeTable,
  teamAssignmentTable,
} from '../../src/sources/canonical/canonicalTables.ts';
import { readCsvTable } from '../../src/sources/canonical/readCsvTable.ts';
import { computeSynthStatistics } from '../../src/synth/computeSynthStatistics.ts';
import { generatePopulation } from '../../src/synth/generatePopulation.ts';
import { createSynthStatistics } from '../../src/synth/synthStatistics.ts';
import { identityTable, truthTable } from '../../src/synth/synthTables.ts';
import { createRowEncoder } from '../../src/sources/canonical/encodeCell.ts';
import { synthTargets, type SynthStatistic } from '../../src/synth/synthTargets.ts';
import type { EpisodeTruth } from '../../src/synth/synthTypes.ts';
import { writeSynthPopulation, type SynthManifest } from '../../src/synth/writeSynthPopulation.ts';

const synthFileNames = ['employees.csv', 'episodes.csv', 'teams.csv', 'truth.csv'];

// One population of the size the targets' tolerances are set for, generated once for all tests.
const period = { startYear: 2023, years: 3 };
let dir = '';
let manifest: SynthManifest;
let employees: Employee[] = [];
let episodes: Episode[] = [];
let truths: EpisodeTruth[] = [];
let statistics: SynthStatistic[] = [];

async function readAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'absencelab-synth-'));
  manifest = await writeSynthPopulation({
    employeeCount: 20_000,
    ...period,
    seed: 1,
    outDir: join(dir, 'a'),
    isIdentifiable: false,
  });
  employees = await readAll(readCsvTable(join(dir, 'a', employeeTable.fileName), employeeTable));
  episodes = await readAll(readCsvTable(join(dir, 'a', episodeTable.fileName), episodeTable));
  truths = await readAll(readCsvTable(join(dir, 'a', truthTable.fileName), truthTable));
  statistics = computeSynthStatistics(period, { employees, episodes, truths });
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const { statistic, target, tolerance } of synthTargets) {
  test(`computeSynthStatistics puts ${statistic} of 20,000 employees within ${target} ± ${tolerance}`, () => {
    const row = statistics.find((s) => s.statistic === statistic);
    assert.ok(row !== undefined);
    assert.ok(
      Math.abs(row.value - target) <= tolerance + 1e-12,
      `${statistic} = ${row.value}, target ${target} ± ${tolerance}`,
    );
    assert.equal(row.isWithin, true);
  });
}

test('oracle AUC of the true P(>6 weeks) at the sick report lies between 0.75 and 0.85', () => {
  const oracle = statistics.find((s) => s.statistic === 'oracleAuc.over6Weeks');
  assert.ok(
    oracle !== undefined && oracle.value >= 0.75 && oracle.value <= 0.85,
    String(oracle?.value),
  );
});

test('writeSynthPopulation writes every file it counts in the manifest, with matching checksums', async () => {
  assert.equal(manifest.counts.employees, 20_000);
  assert.equal(employees.length, 20_000);
  assert.equal(manifest.counts.episodes, episodes.length);
  assert.equal(truths.length, episodes.length);
  const teams = await readAll(
    readCsvTable(join(dir, 'a', teamAssignmentTable.fileName), teamAssignmentTable),
  );
  assert.equal(manifest.counts.teams, teams.length);
  for (const file of manifest.files) {
    const bytes = await readFile(join(dir, 'a', file.fileName));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), file.sha256, file.fileName);
  }
  const written = JSON.parse(await readFile(join(dir, 'a', 'manifest.json'), 'utf8')) as unknown;
  assert.deepEqual(written, manifest);
});

test('generated episodes are consistent: open ones lack a duration, links point back within 4 weeks', () => {
  const byId = new Map(episodes.map((episode) => [episode.episodeId, episode]));
  let linked = 0;
  for (const episode of episodes) {
    if (episode.endDate === null) assert.equal(episode.durationDays, undefined);
    else assert.ok(episode.durationDays !== undefined && episode.durationDays >= 1);
    for (const recovery of episode.recoveries ?? []) {
      assert.ok(recovery.date > episode.startDate!);
      if (episode.endDate != null) assert.ok(recovery.date < episode.endDate);
    }
    if (episode.linkedToEpisodeId !== undefined) {
      linked++;
      const earlier = byId.get(episode.linkedToEpisodeId);
      assert.ok(earlier?.endDate != null);
      assert.equal(earlier.employeeId, episode.employeeId);
      const gapDays = (Date.parse(episode.startDate!) - Date.parse(earlier.endDate)) / 86_400_000;
      assert.ok(gapDays >= 0 && gapDays < 28);
      assert.equal(episode.chainStartDate, earlier.chainStartDate);
    }
  }
  assert.ok(linked > 100, `only ${linked} linked episodes`);
  assert.ok(manifest.counts.openEpisodes > 0);
});

test('truth probabilities fall with the horizon', () => {
  for (const truth of truths) {
    assert.ok(truth.pOver6Weeks >= truth.pOver13Weeks);
    assert.ok(truth.pOver13Weeks >= truth.pOver42Weeks);
    assert.ok(truth.pOver42Weeks >= truth.pOver52Weeks);
    assert.ok(truth.pOver52Weeks >= truth.pOver104Weeks);
  }
});

test('writeSynthPopulation writes byte-identical files for the same seed, other files for another', async () => {
  const small = { employeeCount: 2_000, ...period, isIdentifiable: false };
  const first = await writeSynthPopulation({ ...small, seed: 7, outDir: join(dir, 'b1') });
  const second = await writeSynthPopulation({ ...small, seed: 7, outDir: join(dir, 'b2') });
  const other = await writeSynthPopulation({ ...small, seed: 8, outDir: join(dir, 'b3') });
  for (const fileName of [...synthFileNames, 'manifest.json']) {
    const a = await readFile(join(dir, 'b1', fileName));
    const b = await readFile(join(dir, 'b2', fileName));
    assert.ok(a.equals(b), fileName);
  }
  assert.deepEqual(first.files, second.files);
  assert.notEqual(first.files[2]!.sha256, other.files[2]!.sha256);
});

test('writeSynthPopulation --identifiable adds valid identities and leaves the other files alone', async () => {
  const small = { employeeCount: 2_000, ...period, seed: 7 };
  const plain = await writeSynthPopulation({
    ...small,
    outDir: join(dir, 'c1'),
    isIdentifiable: false,
  });
  const withIds = await writeSynthPopulation({
    ...small,
    outDir: join(dir, 'c2'),
    isIdentifiable: true,
  });
  assert.deepEqual(withIds.files.slice(0, 4), plain.files);
  const identities = await readAll(
    readCsvTable(join(dir, 'c2', identityTable.fileName), identityTable),
  );
  assert.equal(identities.length, 2_000);
  assert.equal(new Set(identities.map((identity) => identity.bsn)).size, 2_000);
  const employeesById = new Map(
    (await readAll(readCsvTable(join(dir, 'c2', employeeTable.fileName), employeeTable))).map(
      (employee) => [employee.employeeId, employee],
    ),
  );
  for (const identity of identities) {
    assert.equal(
      Number(identity.dateOfBirth.slice(0, 4)),
      employeesById.get(identity.employeeId)?.birthYear,
    );
  }
});

test('writeSynthPopulation writes the same files and report on 0, 1 and 2 worker threads', async () => {
  // Three blocks of teams, so that two workers share the run and answer out of turn.
  const run = { employeeCount: 10_000, ...period, seed: 11, isIdentifiable: true };
  const fileNames = [...synthFileNames, 'identities.csv'];
  const reports = [];
  const fileBytes: Buffer[][] = [];
  for (const workerCount of [0, 1, 2]) {
    const statistics = createSynthStatistics(period);
    const outDir = join(dir, `w${workerCount}`);
    await writeSynthPopulation({ ...run, outDir, workerCount, statistics });
    reports.push(statistics.result());
    fileBytes.push(await Promise.all(fileNames.map((name) => readFile(join(outDir, name)))));
  }
  for (const [w, files] of fileBytes.entries()) {
    files.forEach((bytes, i) =>
      assert.ok(bytes.equals(fileBytes[0]![i]!), `${fileNames[i]}, ${w}`),
    );
  }
  assert.deepEqual(reports[1], reports[0]);
  assert.deepEqual(reports[2], reports[0]);
  assert.ok(reports[0]!.every((row) => Number.isFinite(row.value)));
});

test('writeSynthPopulation reports the statistics that computeSynthStatistics finds in its files', async () => {
  const statistics = createSynthStatistics(period);
  const outDir = join(dir, 'report');
  await writeSynthPopulation({
    employeeCount: 5_000,
    ...period,
    seed: 4,
    outDir,
    isIdentifiable: false,
    workerCount: 0,
    statistics,
  });
  const fromFiles = computeSynthStatistics(period, {
    employees: await readAll(readCsvTable(join(outDir, employeeTable.fileName), employeeTable)),
    episodes: await readAll(readCsvTable(join(outDir, episodeTable.fileName), episodeTable)),
    truths: await readAll(readCsvTable(join(outDir, truthTable.fileName), truthTable)),
  });
  const reported = statistics.result();
  assert.equal(reported.length, fromFiles.length);
  reported.forEach((row, i) => {
    const expected = fromFiles[i]!;
    assert.equal(row.statistic, expected.statistic);
    assert.ok(
      Math.abs(row.value - expected.value) <= 1e-9 * Math.max(1, Math.abs(expected.value)),
      `${row.statistic}: reported ${row.value}, from the files ${expected.value}`,
    );
  });
});

test('generatePopulation gives the teams and employees that writeSynthPopulation writes', async () => {
  const encodeEmployee = createRowEncoder(employeeTable.columns);
  const encodeTeam = createRowEncoder(teamAssignmentTable.columns);
  let employeeText = '';
  let teamText = '';
  for (const { team, members } of generatePopulation({
    employeeCount: 2_000,
    ...period,
    seed: 7,
  })) {
    teamText += encodeTeam(team);
    for (const member of members) employeeText += encodeEmployee(member.employee);
  }
  await writeSynthPopulation({
    employeeCount: 2_000,
    ...period,
    seed: 7,
    outDir: join(dir, 'generator'),
    isIdentifiable: false,
  });
  const written = async (fileName: string): Promise<string> =>
    (await readFile(join(dir, 'generator', fileName), 'utf8')).replace(/^[^\n]*\n/, '');
  assert.equal(employeeText, await written('employees.csv'));
  assert.equal(teamText, await written('teams.csv'));
});
