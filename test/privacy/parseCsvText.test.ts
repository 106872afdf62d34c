import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsvParser } from '../../src/privacy/io/parseCsvText.ts';

function parseInChunks(text: string, chunkChars: number): string[][] {
  const parser = createCsvParser();
  const rows: string[][] = [];
  for (let i = 0; i < text.length; i += chunkChars)
    parser.push(text.slice(i, i + chunkChars), rows);
  parser.end(rows);
  return rows;
}

const text = '\ufeffa,b,c\r\n1,"x, y",3\r\n"say ""hi""",,\n"two\nlines",2,3\nlast,row,"end"';
const expected = [
  ['a', 'b', 'c'],
  ['1', 'x, y', '3'],
  ['say "hi"', '', ''],
  ['two\nlines', '2', '3'],
  ['last', 'row', 'end'],
];

test('createCsvParser reads quotes, doubled quotes, CRLF, line breaks in fields and a BOM', () => {
  assert.deepEqual(parseInChunks(text, text.length), expected);
});

test('createCsvParser gives the same rows however the input is chunked', () => {
  for (const size of [1, 2, 3, 5, 7, 11])
    assert.deepEqual(parseInChunks(text, size), expected, `${size}`);
});

test('createCsvParser reports a quote that is never closed', () => {
  const parser = createCsvParser();
  const rows: string[][] = [];
  parser.push('a,b\n1,"open\n', rows);
  parser.end(rows);
  assert.equal(parser.isUnterminated(), true);
});
