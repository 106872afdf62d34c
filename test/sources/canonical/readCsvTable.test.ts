import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Employee } from '../../../src/core/canonical/employee.ts';
import type { Episode } from '../../../src/core/canonical/episode.ts';
import { AppError, formatError } from '../../../src/core/errors.ts';
import { employeeTable, episodeTable } from '../../../src/sources/canonical/canonicalTables.ts';
import { createCsvTableWriter } from '../../../src/sources/canonical/csvTableWriter.ts';
import { readCsvTable } from '../../../src/sources/canonical/readCsvTable.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'absencelab-canonical-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function readError(path: string): Promise<AppError> {
  try {
    await readAll(readCsvTable(path, employeeTable));
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected an AppError');
}

const employees: Employee[] = [
  {
    employeeId: 'E1',
    sex: 'female',
    birthYear: 1980,
    contractHoursPerWeek: 32.5,
    contractType: 'permanent',
    employmentStartDate: '2010-03-01',
    employmentEndDate: null,
    team: 'Team "North", floor 2',
    sector: 'care',
  },
  { employeeId: 'E2', ageYears: 44, employmentEndDate: '2024-12-31', tenureYears: 3 },
];

const episodes: Episode[] = [
  {
    episodeId: 'S1',
    employeeId: 'E1',
    kind: 'sickness',
    startDate: '2024-01-01',
    startMonth: '2024-01',
    startWeekday: 1,
    endDate: '2024-03-01',
    durationDays: 60,
    expectedDurationDays: 14,
    isSafetyNet: false,
    isWorkAccident: true,
    hasLiableThirdParty: false,
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
    startDate: '2024-03-10',
    startMonth: '2024-03',
    endDate: null,
    linkedToEpisodeId: 'S1',
  },
];

test('readCsvTable reads back what createCsvTableWriter wrote, nested fields and nulls included', async () => {
  const employeePath = join(dir, 'employees.csv');
  const employeeWriter = createCsvTableWriter(employeePath, employeeTable);
  for (const employee of employees) employeeWriter.write(employee);
  const written = await employeeWriter.close();
  assert.equal(written.rowCount, 2);
  assert.match(written.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(await readAll(readCsvTable(employeePath, employeeTable)), employees);

  const episodePath = join(dir, 'episodes.csv');
  const episodeWriter = createCsvTableWriter(episodePath, episodeTable);
  for (const episode of episodes) episodeWriter.write(episode);
  await episodeWriter.close();
  assert.deepEqual(await readAll(readCsvTable(episodePath, episodeTable)), episodes);
});

test('readCsvTable reports a bad cell by file, row (the header is row 1) and column, never the value', async () => {
  const path = join(dir, 'bad-cells.csv');
  await writeFile(
    path,
    'employeeId,sex,birthYear,contractHoursPerWeek\nE1,female,1980,36\nE2,female,nineteen-eighty,36\nE3,robot,1980,120\n',
  );
  const error = await readError(path);
  assert.equal(error.code, 'INVALID_INPUT');
  assert.deepEqual(
    error.issues.map(({ file, row, column }) => ({ file, row, column })),
    [
      { file: 'bad-cells.csv', row: 3, column: 'birthYear' },
      { file: 'bad-cells.csv', row: 4, column: 'sex' },
      { file: 'bad-cells.csv', row: 4, column: 'contractHoursPerWeek' },
    ],
  );
  const text = JSON.stringify(error.issues) + error.message;
  for (const value of ['nineteen-eighty', 'robot', '120']) assert.ok(!text.includes(value), value);
});

test('readCsvTable rejects unknown and missing required columns before reading rows', async () => {
  const path = join(dir, 'bad-header.csv');
  await writeFile(path, 'sex,shoeSize\nfemale,38\n');
  const error = await readError(path);
  assert.deepEqual(
    error.issues.map(({ row, column, message }) => ({ row, column, message })),
    [
      {
        row: 1,
        column: '#2',
        message: 'is not a column of the employees table (header cell 2).',
      },
      {
        row: 1,
        column: 'employeeId',
        message: 'the required column employeeId is missing; the header has sex, #2.',
      },
    ],
  );
  assert.ok(!JSON.stringify(error.issues).includes('38'));
});

test('readCsvTable names renamed columns by their header text and the column each was meant as', async () => {
  const path = join(dir, 'renamed-header.csv');
  await writeFile(
    path,
    'episodeId,employeeId,kind,start_date,Start Month,endDt\nS1,E1,sickness,2024-01-05,2024-01,\n',
  );
  try {
    await readAll(readCsvTable(path, episodeTable));
    assert.fail('expected an AppError');
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(
      formatError(error),
      [
        'renamed-header.csv does not have the canonical header.',
        '  - renamed-header.csv, row 1, column "start_date": is not a column of the episodes ' +
          'table (header cell 4). If it holds startDate, rename it to startDate; otherwise ' +
          'remove the column.',
        '  - renamed-header.csv, row 1, column "Start Month": is not a column of the episodes ' +
          'table (header cell 5). If it holds startMonth, rename it to startMonth; otherwise ' +
          'remove the column.',
        '  - renamed-header.csv, row 1, column "endDt": is not a column of the episodes table ' +
          '(header cell 6). If it holds endDate, rename it to endDate; otherwise remove the ' +
          'column.',
        '  - renamed-header.csv, row 1, column "startMonth": the required column startMonth is ' +
          'missing; the header has episodeId, employeeId, kind, start_date, Start Month, endDt. ' +
          'Rename the column "Start Month" to startMonth.',
      ].join('\n'),
    );
  }
});

test('readCsvTable names a header cell that is no near miss of a column by position only', async () => {
  const path = join(dir, 'data-in-header.csv');
  // An id, a date, a short id, a login and a person's name where column names should be.
  const cells = ['E-ZQX12345', '2023-03-08', 'E-ZQX1', 'jdevries', 'Pieter de Vries'];
  await writeFile(path, `employeeId,sex,${cells.join(',')}\nE1,female,,,,,\n`);
  const error = await readError(path);
  assert.deepEqual(
    error.issues.map(({ column }) => column),
    ['#3', '#4', '#5', '#6', '#7'],
  );
  const text = formatError(error) + JSON.stringify(error.issues);
  for (const value of [...cells, 'ZQX']) assert.ok(!text.includes(value), value);
});

test('readCsvTable refuses a first row without any column name, naming none of its cells', async () => {
  const path = join(dir, 'no-header.csv');
  await writeFile(path, 'E-ZQX1,female,1980\nE-ZQX2,male,1990\n');
  const error = await readError(path);
  assert.equal(error.message, 'no-header.csv does not start with a header row.');
  assert.deepEqual(
    error.issues.map(({ row, column, message }) => ({ row, column, message })),
    [
      {
        row: 1,
        column: undefined,
        message:
          'no cell of the first row is a column name of the employees table: the row is a ' +
          'record, or the columns have other names.',
      },
    ],
  );
  assert.match(
    error.issues[0]!.hint ?? '',
    /^Put a header row first, with the column names employeeId, sex,/,
  );
  const text = formatError(error) + JSON.stringify(error.issues);
  for (const value of ['ZQX1', 'female', '1980']) assert.ok(!text.includes(value), value);
});

test('readCsvTable names a column that the header repeats, with both cells', async () => {
  const path = join(dir, 'repeated-column.csv');
  await writeFile(path, 'employeeId,sex,birthYear,sex\nE1,female,1980,female\n');
  const error = await readError(path);
  assert.deepEqual(
    error.issues.map(({ row, column, message }) => ({ row, column, message })),
    [{ row: 1, column: 'sex', message: 'appears twice in the header (cells 2 and 4).' }],
  );
});

test('readCsvTable says so when the file is separated by ";" instead of ","', async () => {
  const path = join(dir, 'semicolons.csv');
  await writeFile(path, 'employeeId;sex;birthYear\nE-secret;female;1980\n');
  const error = await readError(path);
  assert.match(error.message, /not separated by commas/);
  assert.deepEqual(
    error.issues.map(({ row, message }) => ({ row, message })),
    [{ row: 1, message: 'the header is separated by ";".' }],
  );
  assert.ok(!JSON.stringify(error.issues).includes('E-secret'));
});

test('readCsvTable reports rows with the wrong number of cells and text that is not CSV', async () => {
  const path = join(dir, 'bad-shape.csv');
  await writeFile(path, 'employeeId,sex\nE1,female,extra\nE2,"male\n');
  const error = await readError(path);
  assert.deepEqual(
    error.issues.map(({ row }) => row),
    [2, 3],
  );
  assert.ok(!JSON.stringify(error.issues).includes('extra'));
});

test('readCsvTable reports a broken recoveries cell and a startMonth that contradicts startDate', async () => {
  const path = join(dir, 'bad-episodes.csv');
  await writeFile(
    path,
    'episodeId,employeeId,startDate,startMonth,recoveries\nS1,E1,2024-01-05,2024-02,\nS2,E1,2024-01-05,2024-01,2024-01-09=50\n',
  );
  try {
    await readAll(readCsvTable(path, episodeTable));
    assert.fail('expected an AppError');
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.deepEqual(
      error.issues.map(({ row, column }) => ({ row, column })),
      [
        { row: 2, column: 'startMonth' },
        { row: 3, column: 'recoveries' },
      ],
    );
  }
});

async function episodeError(name: string, text: string): Promise<AppError> {
  const path = join(dir, name);
  await writeFile(path, text);
  try {
    await readAll(readCsvTable(path, episodeTable));
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected an AppError');
}

test('readCsvTable reports a startWeekday that contradicts startDate (ISO: 2023-03-08 is 3)', async () => {
  const error = await episodeError(
    'bad-weekday.csv',
    'episodeId,employeeId,startDate,startMonth,startWeekday\n' +
      'S1,E1,2023-03-08,2023-03,3\nS2,E1,2023-03-08,2023-03,4\nS3,E1,2023-03-12,2023-03,0\n' +
      'S4,E1,2023-03-12,2023-03,7\n',
  );
  assert.deepEqual(
    error.issues.map(({ row, column, message }) => ({ row, column, message })),
    [
      {
        row: 3,
        column: 'startWeekday',
        message:
          'startWeekday must be the ISO weekday of startDate (1 Monday ... 7 Sunday): correct it, or leave it empty.',
      },
      { row: 4, column: 'startWeekday', message: 'must be at least 1.' },
    ],
  );
  assert.equal(error.message, 'bad-weekday.csv has 2 problems; fix them and read the file again.');
});

test('readCsvTable reports an impossible startDate once, not also the month and weekday it implies', async () => {
  const error = await episodeError(
    'bad-start-date.csv',
    'episodeId,employeeId,startDate,startMonth,startWeekday,endDate\n' +
      'S1,E1,2023-02-30,2023-03,1,2023-03-01\nS2,E1,08-03-2023,2023-03,3,2023-03-01\n',
  );
  assert.deepEqual(
    error.issues.map(({ row, column, message }) => ({ row, column, message })),
    [
      { row: 2, column: 'startDate', message: 'not a calendar date.' },
      { row: 3, column: 'startDate', message: 'expected a date as YYYY-MM-DD.' },
    ],
  );
  assert.ok(!JSON.stringify(error.issues).includes('2023-02-30'));
});

test('readCsvTable counts one problem, and a row of one cell, in the singular', async () => {
  const path = join(dir, 'one-problem.csv');
  await writeFile(path, 'employeeId,sex\nE1,female\nE2\n');
  const error = await readError(path);
  assert.equal(error.message, 'one-problem.csv has 1 problem; fix it and read the file again.');
  assert.deepEqual(
    error.issues.map(({ row, message }) => ({ row, message })),
    [{ row: 3, message: 'the row has 1 cell where the header has 2.' }],
  );
});
