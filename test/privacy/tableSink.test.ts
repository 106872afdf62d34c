import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTableSink, encodeCsvCell } from '../../src/privacy/io/tableSink.ts';
import { temporaryDirectory } from '../support/paths.ts';

test('createTableSink shows nothing at the target until commit, and abort leaves no trace', async () => {
  const work = temporaryDirectory('privacy-sink');
  const target = join(work, 'extract.csv');
  writeFileSync(target, 'previous extract\n');
  const sink = await createTableSink(target, ['a', 'b'], 'csv');
  await sink.write(Array.from({ length: 50_000 }, (_, i) => [String(i), 'x']));
  assert.equal(readFileSync(target, 'utf8'), 'previous extract\n');
  await sink.abort();
  assert.equal(readFileSync(target, 'utf8'), 'previous extract\n');
  assert.deepEqual(readdirSync(work), ['extract.csv']);
});

test('createTableSink commits the whole file and its SHA-256, quoting where needed', async () => {
  const work = temporaryDirectory('privacy-sink');
  const target = join(work, 'out', 'extract.csv');
  const sink = await createTableSink(target, ['a', 'b'], 'csv');
  await sink.write([['1', 'x, "y"']]);
  assert.equal(existsSync(target), false);
  const { rowCount, sha256 } = await sink.commit();
  assert.equal(rowCount, 1);
  assert.equal(readFileSync(target, 'utf8'), 'a,b\n1,"x, ""y"""\n');
  assert.match(sha256, /^[0-9a-f]{64}$/);
  assert.equal(encodeCsvCell('plain'), 'plain');
});
