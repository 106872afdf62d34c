import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AppError, formatError } from '../../../src/core/errors.ts';
import { parseUciText } from '../../../src/sources/uci/parseUciFile.ts';
import { uciFile } from '../../support/paths.ts';

const original = readFileSync(uciFile, 'utf8');
const [header = '', ...lines] = original.split('\r\n').filter((line) => line !== '');
const sentinel = 'ZQXJ4711';

function refusal(text: string): AppError {
  try {
    parseUciText(text, 'input.csv');
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected the input to be refused');
}

test('parseUciText refuses an empty file, naming the file', () => {
  const error = refusal('');
  assert.equal(error.code, 'INVALID_INPUT');
  assert.match(formatError(error), /input\.csv.*empty/s);
});

test('parseUciText refuses a header without rows', () => {
  assert.match(formatError(refusal(`${header}\r\n`)), /no rows/);
});

test('parseUciText recognises a comma-separated file and says to use ";"', () => {
  const text = [header, ...lines.slice(0, 3)].map((line) => line.replaceAll(';', ',')).join('\n');
  const error = refusal(text);
  assert.equal(error.issues[0]?.row, 1);
  assert.match(formatError(error), /separated by ","/);
  assert.match(formatError(error), /Save the file with ";"/);
});

test('parseUciText names a missing column and an unknown column', () => {
  const cells = header.split(';');
  const renamed = [...cells.slice(0, 8), 'Shoe size', ...cells.slice(9)].join(';');
  const error = refusal([renamed, ...lines.slice(0, 2)].join('\n'));
  const text = formatError(error);
  assert.match(text, /column "Shoe size": is not a column/);
  assert.match(text, /column "Age": is missing/);
});

test('parseUciText names file, row and column of a non-numeric value without echoing it', () => {
  const cells = (lines[4] ?? '').split(';');
  cells[8] = sentinel;
  const text = [header, ...lines.slice(0, 4), cells.join(';')].join('\n');
  const error = refusal(text);
  assert.deepEqual(
    { file: error.issues[0]?.file, row: error.issues[0]?.row, column: error.issues[0]?.column },
    { file: 'input.csv', row: 6, column: 'Age' },
  );
  assert.equal(JSON.stringify(error.issues).includes(sentinel), false);
  assert.equal(formatError(error).includes(sentinel), false);
});

test('parseUciText refuses values out of range and rows of the wrong length', () => {
  const outOfRange = (lines[0] ?? '').split(';');
  outOfRange[1] = '99';
  const short = (lines[1] ?? '').split(';').slice(0, 10);
  const error = refusal([header, outOfRange.join(';'), short.join(';')].join('\n'));
  assert.equal(error.issues.length, 2);
  assert.equal(error.issues[0]?.column, 'Reason for absence');
  assert.match(error.issues[0]?.message ?? '', /outside the range 0 to 28/);
  assert.equal(error.issues[1]?.row, 3);
  assert.match(error.issues[1]?.message ?? '', /has 10 cells where the header has 21/);
});

test('parseUciText reads the original file with its CRLF line endings', () => {
  const rows = parseUciText(original, 'Absenteeism_at_work.csv');
  assert.equal(rows.length, 740);
  assert.deepEqual(rows[0], {
    id: 11,
    reason: 26,
    month: 7,
    weekday: 3,
    season: 1,
    transportExpense: 289,
    distanceKm: 36,
    serviceYears: 13,
    ageYears: 33,
    workloadPerDay: 239.554,
    hitTargetPct: 97,
    disciplinaryFailure: 0,
    educationLevel: 1,
    children: 2,
    socialDrinker: 1,
    socialSmoker: 0,
    pets: 1,
    weightKg: 90,
    heightCm: 172,
    bmi: 30,
    hours: 4,
  });
});
