import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../../src/core/errors.ts';
import { readExtractDataset } from '../../../src/sources/extract/readExtractDataset.ts';
import { temporaryDirectory } from '../../support/paths.ts';

const work = temporaryDirectory('extract-reader');
const referenceDate = '2026-01-01';
const weeks = { kind: 'relative-weeks', blockWeeks: 1, referenceDate };

type Format = Record<string, unknown>;

/** Writes an extract and a datasheet naming each column's format, as pseudonymise would. */
function writeExtract(
  name: string,
  formats: Record<string, Format>,
  rows: string[][],
  observedPeriod: { firstDay: string; lastDay: string } | null = {
    firstDay: '2024-01-01',
    lastDay: '2025-12-31',
  },
): string {
  const path = join(work, `${name}.csv`);
  const header = Object.keys(formats).filter((column) => formats[column]!['kind'] !== 'dropped');
  writeFileSync(path, [header, ...rows].map((row) => row.join(',')).join('\n') + '\n');
  const datasheet = {
    datasheetVersion: 1,
    composition: { period: { referenceDate }, observedPeriod },
    fields: Object.entries(formats).map(([column, format]) => ({
      name: column,
      action: 'generalise',
      transformation: 'described for people',
      format,
      emptyCount: 0,
    })),
  };
  writeFileSync(`${path}.datasheet.json`, JSON.stringify(datasheet));
  return path;
}

const formats: Record<string, Format> = {
  employeeId: { kind: 'pseudonym' },
  name: { kind: 'dropped' },
  birthYear: { kind: 'age-band', widthYears: 10, referenceDate },
  sex: { kind: 'as-is' },
  sector: { kind: 'suppressed' },
  episodeId: { kind: 'pseudonym' },
  startDate: weeks,
  endDate: weeks,
  durationDays: { kind: 'top-coded', cap: 200 },
  expectedDurationDays: { kind: 'top-coded', cap: 90 },
  diagnosisCode: { kind: 'category', minCount: 10, otherLabel: 'other' },
};

async function refusal(path: string): Promise<AppError> {
  try {
    await readExtractDataset(path);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  assert.fail('the extract was read');
}

test('readExtractDataset maps weeks to week starts, bands to birth years and days to ends', async () => {
  const path = writeExtract('mapped', formats, [
    // Week -52 starts 2025-01-02; 10 days later it ended, in week -51.
    ['v1:aaa', '30-39', 'female', '*', 'v1:e1', '-52', '-51', '10', '90', 'mental'],
    // Capped at 200 days: the end comes from its week, at least 200 days after the start.
    ['v1:aaa', '30-39', 'female', '*', 'v1:e2', '-40', '-10', '200', '', 'other'],
    // Open: no end week.
    ['v1:bbb', '*', 'male', '*', 'v1:e3', '-2', '', '', '5', ''],
    // durationDays that disagree with the end week: the end week decides.
    ['v1:bbb', '*', 'male', '*', 'v1:e4', '-30', '-20', '3', '', ''],
  ]);
  const dataset = await readExtractDataset(path);
  assert.deepEqual(
    dataset.employees.map((e) => [e.employeeId, e.birthYear, e.sex, e.sector]),
    [
      // Ages 30-39 on 2026-01-01: the middle is 35, so born in 1991.
      ['v1:aaa', 1991, 'female', undefined],
      ['v1:bbb', undefined, 'male', undefined],
    ],
  );
  const [e1, e2, e3, e4] = dataset.episodes;
  assert.deepEqual(
    [e1!.startDate, e1!.startMonth, e1!.startWeekday, e1!.endDate],
    ['2025-01-02', '2025-01', undefined, '2025-01-12'],
  );
  assert.equal(e1!.expectedDurationDays, 90);
  assert.deepEqual(e1!.medical, { diagnosisCode: 'mental' });
  // Week -40 starts 2025-03-27; week -10 starts 2025-10-23, more than 200 days later.
  assert.deepEqual([e2!.startDate, e2!.endDate], ['2025-03-27', '2025-10-23']);
  assert.deepEqual([e3!.startDate, e3!.endDate, e3!.medical], ['2025-12-18', null, undefined]);
  assert.deepEqual([e4!.startDate, e4!.endDate], ['2025-06-05', '2025-08-14']);
  assert.deepEqual(
    [dataset.observedFrom, dataset.observedUntil, dataset.truth],
    // 2024-01-01 falls in the week that starts on Thursday 2023-12-28.
    ['2023-12-28', '2025-12-31', undefined],
  );
  assert.deepEqual(
    [dataset.extract.endsFromDays, dataset.extract.endsFromWeeks, dataset.extract.periodSource],
    [1, 2, 'datasheet'],
  );
  assert.deepEqual(dataset.extract.hiddenFields, ['sector']);
  assert.equal(dataset.extract.fields.includes('sector'), false);
});

test('readExtractDataset takes the period from the records when the datasheet states none', async () => {
  const path = writeExtract(
    'no-period',
    formats,
    [['v1:aaa', '30-39', 'female', '*', 'v1:e1', '-52', '-51', '10', '', '']],
    null,
  );
  const dataset = await readExtractDataset(path);
  assert.deepEqual(
    [dataset.observedFrom, dataset.observedUntil, dataset.extract.periodSource],
    ['2025-01-02', '2025-01-12', 'records'],
  );
});

test('readExtractDataset refuses columns it cannot map, naming each and no value', async () => {
  const path = writeExtract(
    'unmappable',
    {
      ...formats,
      address: { kind: 'region', level: 'province' },
      dateOfBirth: { kind: 'age-band', widthYears: 10, referenceDate },
      startWeekday: { kind: 'as-is' },
      team: { kind: 'age-band', widthYears: 10, referenceDate },
      endDate: { kind: 'relative-weeks', blockWeeks: 4, referenceDate },
    },
    [
      [
        'v1:aaa',
        '30-39',
        'female',
        '*',
        'v1:e1',
        '-52',
        '-52..-49',
        '10',
        '',
        '',
        '1234',
        '',
        '',
        '',
      ],
    ],
  );
  const error = await refusal(path);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.deepEqual(
    error.issues.map((issue) => issue.column),
    ['endDate', 'address', 'dateOfBirth', 'startWeekday', 'team'],
  );
  assert.match(error.issues[0]!.message, /blocks of 4 weeks/);
  assert.match(error.issues[1]!.message, /region \(province\)\) is not a field/);
  assert.match(error.issues[2]!.hint!, /birthYear/);
  assert.match(error.issues[4]!.message, /cannot be read back as team/);
  assert.equal(JSON.stringify(error.issues).includes('1234'), false);
});

test('readExtractDataset refuses an extract without its required columns or its datasheet', async () => {
  const withoutIds = Object.fromEntries(
    Object.entries(formats).filter(([name]) => name !== 'episodeId' && name !== 'endDate'),
  );
  const missing = await refusal(writeExtract('missing', withoutIds, []));
  assert.deepEqual(
    missing.issues.map((issue) => [issue.column, issue.message]),
    [
      ['episodeId', 'is needed and is not in the extract.'],
      ['endDate', 'is needed and is not in the extract.'],
    ],
  );
  const hidden = await refusal(
    writeExtract('hidden', { ...formats, startDate: { kind: 'suppressed' } }, []),
  );
  assert.match(hidden.issues[0]!.message, /hidden \(\*\) in every row/);

  const path = join(work, 'alone.csv');
  writeFileSync(path, 'employeeId\nv1:aaa\n');
  const alone = await refusal(path);
  assert.equal(alone.code, 'NOT_FOUND');
  assert.equal(alone.issues[0]!.file, 'alone.csv.datasheet.json');
});

test('readExtractDataset names row and column of unreadable cells, never their values', async () => {
  const path = writeExtract('bad-cells', formats, [
    ['v1:aaa', '30-39', 'female', '*', 'v1:e1', '-52', '-51', '10', '', ''],
    ['v1:bbb', 'thirty', 'female', '*', 'v1:e2', '-52', '-51', 'ten', '', ''],
    ['v1:ccc', '30-39', 'unsure', '*', 'v1:e3', '-52', '-53', '10', '', ''],
    ['v1:aaa', '40-49', 'female', '*', 'v1:e4', '-50', '-50', '1', '', ''],
    ['v1:ddd', '30-39', 'male', '*', 'v1:e1', '-52', '-51', '10', '', ''],
  ]);
  const error = await refusal(path);
  assert.deepEqual(
    error.issues.map((issue) => [issue.row, issue.column]),
    [
      [3, 'birthYear'],
      [3, 'durationDays'],
      [4, 'sex'],
      [5, 'birthYear'],
      [6, 'episodeId'],
    ],
  );
  assert.match(error.issues[3]!.message, /differs from the same employee's row 2/);
  for (const value of ['thirty', 'ten', 'unsure']) {
    assert.equal(JSON.stringify(error.issues).includes(value), false, value);
  }
});
