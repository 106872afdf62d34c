import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { rowsOfChunk } from '../../src/privacy/extract/chunkRows.ts';
import { csvRecordsEnd } from '../../src/privacy/io/csvRecordsEnd.ts';
import { openCsvChunks } from '../../src/privacy/io/openCsvChunks.ts';
import { createCsvParser } from '../../src/privacy/io/parseCsvText.ts';
import { temporaryDirectory } from '../support/paths.ts';

const work = temporaryDirectory('privacy-chunks');

/** Records with every kind of cell the parser knows: quoted commas, quotes, line breaks, CRLF. */
function awkwardCsv(rowCount: number, seed: number): string {
  const random = createRandom(seed);
  const cells = ['plain', '', '"a, b"', '"say ""hi"""', '"two\nlines"', 'café', '"x""\r\n""y"'];
  const lines = ['id,note,more'];
  for (let i = 0; i < rowCount; i++) {
    const pick = () => cells[random.int(cells.length)]!;
    lines.push(`${i},${pick()},${pick()}${random.next() < 0.2 ? '\r' : ''}`);
  }
  return `\ufeff${lines.join('\n')}\n`;
}

function parseWhole(text: string): string[][] {
  const parser = createCsvParser();
  const rows: string[][] = [];
  parser.push(text, rows);
  parser.end(rows);
  return rows;
}

test('csvRecordsEnd cuts only where a record ends, whatever the prefix', () => {
  const bytes = Buffer.from(awkwardCsv(60, 1).slice(1));
  const whole = parseWhole(bytes.toString('utf8'));
  for (let length = 0; length <= bytes.length; length++) {
    const end = csvRecordsEnd(bytes, length);
    assert.ok(end <= length);
    const head = parseWhole(bytes.toString('utf8', 0, end));
    const tail = parseWhole(bytes.toString('utf8', end));
    // The two halves parse to the whole file's rows: the cut was between two records.
    assert.deepEqual([...head, ...tail], whole, `prefix ${length}`);
  }
});

test('openCsvChunks gives the header and every row once, however small the chunks', async () => {
  const text = awkwardCsv(300, 2);
  const path = join(work, 'awkward.csv');
  writeFileSync(path, text);
  const [expectedHeader, ...expectedRows] = parseWhole(text);
  for (const chunkBytes of [8, 61, 1024, 1 << 20]) {
    const { header, chunks } = await openCsvChunks(path, { chunkBytes });
    const rows: string[][] = [];
    let chunkCount = 0;
    for await (const chunk of chunks) {
      chunkCount++;
      rows.push(...rowsOfChunk(chunk, 'awkward.csv'));
    }
    assert.deepEqual(header, expectedHeader, `${chunkBytes}`);
    assert.deepEqual(rows, expectedRows, `${chunkBytes}`);
    if (chunkBytes === 61) assert.ok(chunkCount > 50);
  }
});

test('openCsvChunks refuses an empty file and a quote left open at the end', async () => {
  const empty = join(work, 'empty.csv');
  writeFileSync(empty, '\n\n');
  await assert.rejects(openCsvChunks(empty), /is empty/);
  const open = join(work, 'open.csv');
  writeFileSync(open, 'a,b\n1,2\n3,"never closed\n4,5\n');
  const { chunks } = await openCsvChunks(open, { chunkBytes: 8 });
  await assert.rejects(async () => {
    for await (const chunk of chunks) rowsOfChunk(chunk, 'open.csv');
  }, /ends inside a quoted field/);
});
