import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readUciDataset } from '../../../src/sources/uci/readUciDataset.ts';
import { uciTarget } from '../../../src/absence/uciTarget.ts';
import { uciFile } from '../../support/paths.ts';

test('the bundled UCI file is the original, byte for byte', () => {
  const digest = createHash('sha256').update(readFileSync(uciFile)).digest('hex');
  assert.equal(digest, '41930631aa5b14f91fde29ae595cefad2beac464ddf837bf8150487e40038320');
});

test('readUciDataset reads all 740 rows, 43 of them disciplinary and 63 long sick reports', async () => {
  const { employees, episodes } = await readUciDataset(uciFile);
  assert.equal(episodes.length, 740);
  assert.equal(episodes.filter((e) => e.kind === 'disciplinary').length, 43);
  const sickness = episodes.filter((e) => e.kind === 'sickness');
  assert.equal(sickness.length, 697);
  assert.equal(sickness.filter((e) => uciTarget.label(e) === 1).length, 63);
  assert.equal(
    sickness.some((e) => e.medical?.diagnosisCode === undefined),
    false,
  );
  assert.equal(new Set(employees.map((e) => e.employeeId)).size, employees.length);
  assert.equal(employees.length, 37);
});

test('readUciDataset rebuilds the calendar: 37 month blocks from July 2007 to July 2010', async () => {
  const { episodes } = await readUciDataset(uciFile);
  const months = episodes.map((e) => e.startMonth);
  const blocks = months.filter((month, i) => i === 0 || month !== months[i - 1]);
  assert.equal(blocks.length, 37);
  assert.equal(blocks[0], '2007-07');
  assert.equal(blocks.at(-1), '2010-07');
  assert.deepEqual([...blocks].sort(), blocks, 'months never go back in time');
  assert.equal(new Set(blocks).size, 37);
});

test('readUciDataset splits ID 29 into two people by its two attribute sets', async () => {
  const { employees, episodes } = await readUciDataset(uciFile);
  const twentyNine = employees.filter((e) => e.employeeId.startsWith('uci-29'));
  assert.deepEqual(twentyNine.map((e) => e.employeeId).sort(), ['uci-29a', 'uci-29b']);
  assert.deepEqual(twentyNine.map((e) => e.ageYears).sort(), [28, 41]);
  assert.equal(episodes.filter((e) => e.employeeId === 'uci-29a').length, 1);
  assert.equal(episodes.filter((e) => e.employeeId === 'uci-29b').length, 4);
  assert.equal(
    employees.some((e) => e.employeeId === 'uci-29'),
    false,
  );
});

test('readUciDataset maps weekday 2 (Monday in UCI) to ISO 1', async () => {
  const { episodes } = await readUciDataset(uciFile);
  // The first row is ID 11 on day 3 (Tuesday).
  assert.equal(episodes[0]?.startWeekday, 2);
  assert.ok(episodes.every((e) => e.startWeekday !== undefined && e.startWeekday <= 5));
});
