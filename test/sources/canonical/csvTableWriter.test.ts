import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Episode } from '../../../src/core/canonical/episode.ts';
import { episodeTable } from '../../../src/sources/canonical/canonicalTables.ts';
import { createCsvTableWriter } from '../../../src/sources/canonical/csvTableWriter.ts';
import {
  createRowEncoder,
  encodeCell,
  fieldOf,
} from '../../../src/sources/canonical/encodeCell.ts';
import { temporaryDirectory } from '../../support/paths.ts';

const dir = temporaryDirectory('csv-writer');
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const episodes: Episode[] = [
  {
    episodeId: 'S1',
    employeeId: 'E "one", the first',
    kind: 'sickness',
    startDate: '2024-01-01',
    startMonth: '2024-01',
    startWeekday: 1,
    endDate: '2024-03-01',
    durationDays: 60,
    expectedDurationDays: 14,
    isSafetyNet: false,
    isWorkAccident: true,
    recoveries: [
      { date: '2024-01-03', workingPct: 50 },
      { date: '2024-01-20', workingPct: 100 },
    ],
    medical: { diagnosisCode: 'musculoskeletal' },
    chainStartDate: '2024-01-01',
  },
  {
    episodeId: 'S2',
    employeeId: 'E1',
    kind: 'sickness',
    startMonth: '2024-03',
    endDate: null,
    medical: {},
  },
  {
    episodeId: 'S3',
    employeeId: 'Eé',
    kind: 'disciplinary',
    startMonth: '2024-04',
    durationHours: 7.25,
  },
];

test('createRowEncoder gives the cells of encodeCell joined by commas, with a newline', () => {
  const encodeRow = createRowEncoder(episodeTable.columns);
  for (const episode of episodes) {
    const expected = episodeTable.columns
      .map((column) => encodeCell(fieldOf(episode, column), column))
      .join(',');
    assert.equal(encodeRow(episode), `${expected}\n`);
  }
  assert.equal(
    encodeRow(episodes[0]),
    'S1,"E ""one"", the first",sickness,2024-01-01,2024-01,1,,2024-03-01,,60,14,false,true,,' +
      '2024-01-03:50|2024-01-20:100,musculoskeletal,,2024-01-01\n',
  );
});

test('createCsvTableWriter writeEncoded puts encoded rows between written ones, counted and hashed', async () => {
  const encodeRow = createRowEncoder(episodeTable.columns);
  const plainPath = join(dir, 'plain.csv');
  const plain = createCsvTableWriter(plainPath, episodeTable);
  for (const episode of episodes) plain.write(episode);
  const plainResult = await plain.close();

  const mixedPath = join(dir, 'mixed.csv');
  const mixed = createCsvTableWriter(mixedPath, episodeTable);
  mixed.write(episodes[0]!);
  mixed.writeEncoded(Buffer.from(encodeRow(episodes[1]) + encodeRow(episodes[2]), 'utf8'), 2);
  await mixed.drain();
  const mixedResult = await mixed.close();

  const bytes = await readFile(mixedPath);
  assert.ok(bytes.equals(await readFile(plainPath)));
  assert.deepEqual(mixedResult, plainResult);
  assert.equal(mixedResult.rowCount, 3);
  assert.equal(mixedResult.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(
    bytes.toString('utf8').split('\n')[0],
    episodeTable.columns.map((c) => c.name).join(','),
  );
});

test('createCsvTableWriter puts the file under its name only on close, and abort leaves nothing', async () => {
  const keptPath = join(dir, 'kept.csv');
  const kept = createCsvTableWriter(keptPath, episodeTable);
  for (const episode of episodes) kept.write(episode);
  await kept.drain();
  assert.ok(!(await readdir(dir)).includes('kept.csv'), 'not under its name before close');
  await kept.close();
  assert.match(await readFile(keptPath, 'utf8'), /^episodeId,/);

  const earlierPath = join(dir, 'earlier.csv');
  await writeFile(earlierPath, 'an earlier run\n');
  const aborted = createCsvTableWriter(earlierPath, episodeTable);
  for (const episode of episodes) aborted.write(episode);
  await aborted.abort();
  assert.equal(await readFile(earlierPath, 'utf8'), 'an earlier run\n');
  assert.deepEqual(
    (await readdir(dir)).filter((name) => name.includes('.partial-')),
    [],
  );
});
