import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError, formatError } from '../../../src/core/errors.ts';
import { createCsvParser } from '../../../src/privacy/io/parseCsvText.ts';
import { employeeTable, episodeTable } from '../../../src/sources/canonical/canonicalTables.ts';
import type { CsvTable } from '../../../src/sources/canonical/csvTable.ts';
import { readCanonicalDataset } from '../../../src/sources/canonical/readCanonicalDataset.ts';
import { readTableFile } from '../../../src/sources/canonical/readTableFile.ts';
import { temporaryDirectory } from '../../support/paths.ts';
import { smallWorkforce } from '../../support/workforce.ts';
import {
  writeCsv,
  writeJson,
  writeParquet,
  writeXlsx,
  type TextTable,
} from './writeTableFormats.ts';

const formats = ['csv', 'xlsx', 'parquet', 'json', 'jsonl'] as const;
type Format = (typeof formats)[number];

const source = await smallWorkforce({ employees: 300, seed: 11 });
const expected = await readCanonicalDataset(source);
const work = temporaryDirectory('table-formats');

async function readTextTable(path: string): Promise<TextTable> {
  const parser = createCsvParser();
  const rows: string[][] = [];
  parser.push(await readFile(path, 'utf8'), rows);
  parser.end(rows);
  const [header, ...data] = rows;
  return { header: header!, rows: data };
}

/** A text table as JSON records: flat fields, numbers and booleans typed where they parse. */
function jsonRecordsOf<T>(table: TextTable, layout: CsvTable<T>): Record<string, unknown>[] {
  return table.rows.map((row) => {
    const record: Record<string, unknown> = {};
    table.header.forEach((name, i) => {
      const cell = row[i]!;
      if (cell === '') return;
      const kind = layout.columns.find((column) => column.name === name)?.kind;
      if ((kind === 'number' || kind === 'integer') && /^-?\d+(\.\d+)?$/.test(cell)) {
        record[name] = Number(cell);
      } else if (kind === 'boolean' && (cell === 'true' || cell === 'false')) {
        record[name] = cell === 'true';
      } else {
        record[name] = cell;
      }
    });
    return record;
  });
}

/** Writes one table in a format: text formats from the text table, JSON from the records. */
async function writeTableAs<T>(
  format: Format,
  dir: string,
  stem: string,
  table: TextTable,
  layout: CsvTable<T>,
  records: readonly unknown[] = jsonRecordsOf(table, layout),
  doubles: readonly string[] = [],
): Promise<string> {
  const path = join(dir, `${stem}.${format}`);
  const csvPath = join(work, `source-${stem}-${Math.random().toString(36).slice(2)}.csv`);
  switch (format) {
    case 'csv':
      await writeCsv(path, table);
      break;
    case 'xlsx':
      await writeXlsx(path, table, layout);
      break;
    case 'parquet':
      await writeCsv(csvPath, table);
      await writeParquet(path, csvPath, doubles);
      break;
    case 'json':
      await writeJson(path, records, 'array');
      break;
    case 'jsonl':
      await writeJson(path, records, 'lines');
      break;
  }
  return path;
}

/** Absent optional fields written as null, the way many exporters write JSON. */
function withNulls<T>(record: object, layout: CsvTable<T>): object {
  const out: Record<string, unknown> = { ...record };
  for (const column of layout.columns) {
    if (column.path.length === 1 && !(column.path[0] in out)) out[column.path[0]] = null;
  }
  return out;
}

async function readError(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected an AppError');
}

async function readAll<T>(path: string, layout: CsvTable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const { record } of readTableFile(path, layout)) out.push(record);
  return out;
}

for (const format of formats) {
  test(`a workforce written as ${format} reads back exactly as from the CSV files`, async () => {
    const dir = join(work, `workforce-${format}`);
    await mkdir(dir);
    const employees = await readTextTable(join(source, 'employees.csv'));
    const episodes = await readTextTable(join(source, 'episodes.csv'));
    // JSON Lines carries every absent field as null, as flat exporters do.
    const asNulls = format === 'jsonl';
    await writeTableAs(
      format,
      dir,
      'employees',
      employees,
      employeeTable,
      expected.employees.map((r) => (asNulls ? withNulls(r, employeeTable) : r)),
      ['contractHoursPerWeek'],
    );
    await writeTableAs(
      format,
      dir,
      'episodes',
      episodes,
      episodeTable,
      expected.episodes.map((r) => (asNulls ? withNulls(r, episodeTable) : r)),
    );
    for (const file of ['manifest.json', 'truth.csv']) {
      await copyFile(join(source, file), join(dir, file));
    }

    const read = await readCanonicalDataset(dir);
    assert.ok(read.employees.length === 300 && read.episodes.length > 300);
    assert.deepEqual(read.employees, expected.employees);
    assert.deepEqual(read.episodes, expected.episodes);
    assert.equal(read.observedFrom, expected.observedFrom);
    assert.equal(read.observedUntil, expected.observedUntil);
    assert.deepEqual(read.truth, expected.truth);
  });
}

/** The row of the n-th data record (1 = first) as each format numbers it. */
function rowOf(format: Format, n: number): number {
  return format === 'json' || format === 'jsonl' ? n : n + 1;
}

const isJson = (format: Format) => format === 'json' || format === 'jsonl';

function assertNoValues(error: AppError, values: readonly string[]): void {
  const text = formatError(error) + JSON.stringify(error.issues);
  for (const value of values) assert.ok(!text.includes(value), `the message repeats ${value}`);
}

for (const format of formats) {
  test(`${format}: a wrong type and a bad date are refused by file, row and field, never by value`, async () => {
    const dir = join(work, `bad-cells-${format}`);
    await mkdir(dir);
    const path = await writeTableAs(
      format,
      dir,
      'employees',
      {
        header: ['employeeId', 'sex', 'birthYear', 'employmentStartDate'],
        rows: [
          ['E1', 'female', '1980', '2010-03-01'],
          ['E2', 'male', 'ZQX1980', '2011-04-01'],
          ['E3', 'female', '1975', '2019-02-30'],
        ],
      },
      employeeTable,
    );
    const error = await readError(() => readAll(path, employeeTable));
    assert.equal(error.code, 'INVALID_INPUT');
    const key = isJson(format) ? 'field' : 'column';
    assert.deepEqual(
      error.issues.map((issue) => ({ file: issue.file, row: issue.row, where: issue[key] })),
      [
        { file: `employees.${format}`, row: rowOf(format, 2), where: 'birthYear' },
        { file: `employees.${format}`, row: rowOf(format, 3), where: 'employmentStartDate' },
      ],
    );
    assert.match(error.issues[1]!.message, /calendar date/);
    assertNoValues(error, ['ZQX1980', '2019-02-30']);
  });

  test(`${format}: a missing required column and an unknown column are refused by name`, async () => {
    const dir = join(work, `bad-header-${format}`);
    await mkdir(dir);
    const path = await writeTableAs(
      format,
      dir,
      'employees',
      {
        header: ['sex', 'birthYear', 'shoeSizeZQX'],
        rows: [
          ['female', '1980', 'ZQX38'],
          ['male', '1990', 'ZQX44'],
        ],
      },
      employeeTable,
    );
    const error = await readError(() => readAll(path, employeeTable));
    assert.equal(error.code, 'INVALID_INPUT');
    const issues = error.issues.map(({ file, row, column, field, message }) => ({
      file,
      row,
      where: column ?? field,
      message,
    }));
    const file = `employees.${format}`;
    if (isJson(format)) {
      // JSON has no header: each record is checked on its own.
      assert.deepEqual(issues, [
        { file, row: 1, where: 'employeeId', message: 'required field is missing.' },
        { file, row: 1, where: '#3', message: 'unknown field.' },
        { file, row: 2, where: 'employeeId', message: 'required field is missing.' },
        { file, row: 2, where: '#3', message: 'unknown field.' },
      ]);
    } else {
      // A header cell that is no column, nor a near miss of one, is named by its position.
      assert.deepEqual(issues, [
        {
          file,
          row: 1,
          where: '#3',
          message: 'is not a column of the employees table (header cell 3).',
        },
        {
          file,
          row: 1,
          where: 'employeeId',
          message: 'the required column employeeId is missing; the header has sex, birthYear, #3.',
        },
      ]);
    }
    assertNoValues(error, ['shoeSizeZQX', 'ZQX38', 'ZQX44']);
  });

  test(`${format}: a repeated employeeId or episodeId is refused by its row and the first row, never by the id`, async () => {
    const dir = join(work, `repeated-ids-${format}`);
    await mkdir(dir);
    const key = isJson(format) ? 'field' : 'column';
    const employeePath = await writeTableAs(
      format,
      dir,
      'employees',
      {
        header: ['employeeId', 'sex'],
        rows: [
          ['ZQX-E1', 'female'],
          ['ZQX-E2', 'male'],
          ['ZQX-E1', 'female'],
          ['ZQX-E2', 'male'],
        ],
      },
      employeeTable,
    );
    const employeeError = await readError(() => readAll(employeePath, employeeTable));
    assert.equal(employeeError.code, 'INVALID_INPUT');
    assert.equal(
      employeeError.message,
      `employees.${format} has 2 problems; fix them and read the file again.`,
    );
    assert.deepEqual(
      employeeError.issues.map((issue) => ({
        row: issue.row,
        where: issue[key],
        message: issue.message,
      })),
      [
        {
          row: rowOf(format, 3),
          where: 'employeeId',
          message: `repeats the employeeId of row ${rowOf(format, 1)}.`,
        },
        {
          row: rowOf(format, 4),
          where: 'employeeId',
          message: `repeats the employeeId of row ${rowOf(format, 2)}.`,
        },
      ],
    );
    assertNoValues(employeeError, ['ZQX-E1', 'ZQX-E2']);

    const episodePath = await writeTableAs(
      format,
      dir,
      'episodes',
      {
        header: ['episodeId', 'employeeId', 'startDate', 'startMonth'],
        rows: [
          ['ZQX-S1', 'ZQX-E1', '2024-01-08', '2024-01'],
          ['ZQX-S2', 'ZQX-E1', '2024-02-12', '2024-02'],
          ['ZQX-S3', 'ZQX-E2', '2024-03-04', '2024-03'],
          ['ZQX-S1', 'ZQX-E2', '2024-04-01', '2024-04'],
        ],
      },
      episodeTable,
    );
    const episodeError = await readError(() => readAll(episodePath, episodeTable));
    assert.deepEqual(
      episodeError.issues.map((issue) => ({
        file: issue.file,
        row: issue.row,
        where: issue[key],
        message: issue.message,
      })),
      [
        {
          file: `episodes.${format}`,
          row: rowOf(format, 4),
          where: 'episodeId',
          message: `repeats the episodeId of row ${rowOf(format, 1)}.`,
        },
      ],
    );
    assert.equal(
      episodeError.message,
      `episodes.${format} has 1 problem; fix it and read the file again.`,
    );
    assertNoValues(episodeError, ['ZQX-S1', 'ZQX-E1', 'ZQX-E2']);
  });
}

test('a folder whose employees table repeats an employee is refused as a whole', async () => {
  const dir = join(work, 'repeated-employee');
  await mkdir(dir);
  const employees = await readTextTable(join(source, 'employees.csv'));
  const repeated = { header: employees.header, rows: [...employees.rows, employees.rows[41]!] };
  await writeCsv(join(dir, 'employees.csv'), repeated);
  await copyFile(join(source, 'episodes.csv'), join(dir, 'episodes.csv'));
  const error = await readError(() => readCanonicalDataset(dir));
  assert.equal(error.code, 'INVALID_INPUT');
  assert.deepEqual(
    error.issues.map(({ file, row, column, message }) => ({ file, row, column, message })),
    [
      {
        file: 'employees.csv',
        row: employees.rows.length + 2,
        column: 'employeeId',
        message: 'repeats the employeeId of row 43.',
      },
    ],
  );
  assertNoValues(error, [employees.rows[41]![0]!]);
});

test('two formats of one table in the folder are refused, naming both files', async () => {
  const dir = join(work, 'two-formats');
  await mkdir(dir);
  const employees = await readTextTable(join(source, 'employees.csv'));
  await writeTableAs('csv', dir, 'employees', employees, employeeTable);
  await writeTableAs('xlsx', dir, 'employees', employees, employeeTable);
  await copyFile(join(source, 'episodes.csv'), join(dir, 'episodes.csv'));
  const error = await readError(() => readCanonicalDataset(dir));
  assert.equal(error.code, 'INVALID_INPUT');
  assert.match(error.message, /employees\.csv, employees\.xlsx/);
  assert.deepEqual(
    error.issues.map((issue) => issue.file),
    ['employees.csv', 'employees.xlsx'],
  );
});

test('a folder without an episodes table names the files that would do', async () => {
  const dir = join(work, 'no-episodes');
  await mkdir(dir);
  await copyFile(join(source, 'employees.csv'), join(dir, 'employees.csv'));
  const error = await readError(() => readCanonicalDataset(dir));
  assert.equal(error.code, 'NOT_FOUND');
  assert.match(formatError(error), /episodes\.csv, episodes\.xlsx, episodes\.parquet/);
});

test('an episode of an unknown employee is named by the row of its own format', async () => {
  const dir = join(work, 'unknown-employee');
  await mkdir(dir);
  await copyFile(join(source, 'employees.csv'), join(dir, 'employees.csv'));
  const episodes = expected.episodes
    .slice(0, 5)
    .map((e, i) => (i === 3 ? { ...e, employeeId: 'ZQX-NOBODY' } : e));
  await writeJson(join(dir, 'episodes.jsonl'), episodes, 'lines');
  const error = await readError(() => readCanonicalDataset(dir));
  assert.deepEqual(
    error.issues.map(({ file, row, column }) => ({ file, row, column })),
    [{ file: 'episodes.jsonl', row: 4, column: 'employeeId' }],
  );
  assertNoValues(error, ['ZQX-NOBODY']);
});

test('files that are not what their name says are refused by file and row', async () => {
  const dir = join(work, 'broken');
  await mkdir(dir);
  const cases: { file: string; text: string; row: number | undefined }[] = [
    { file: 'a.xlsx', text: 'employeeId,sex\nZQX1,female\n', row: undefined },
    { file: 'a.parquet', text: 'employeeId,sex\nZQX1,female\n', row: undefined },
    { file: 'a.json', text: '{"employeeId": "ZQX1"}', row: 1 },
    { file: 'b.json', text: '[{"employeeId": "ZQX1"}, {"employeeId": "ZQX2"', row: 2 },
    { file: 'c.jsonl', text: '{"employeeId": "ZQX1"}\n{"employeeId": ZQX2}\n', row: 2 },
  ];
  for (const { file, text, row } of cases) {
    const path = join(dir, file);
    await writeFile(path, text);
    const error = await readError(() => readAll(path, employeeTable));
    assert.equal(error.code, 'INVALID_INPUT', file);
    assert.equal(error.issues[0]!.file, file);
    assert.equal(error.issues[0]!.row, row, file);
    assertNoValues(error, ['ZQX1', 'ZQX2']);
  }
});

test('JSON values of the wrong type are refused, not converted, and nested fields are named', async () => {
  const path = join(work, 'typed.jsonl');
  await writeJson(
    path,
    [
      { episodeId: 'S1', employeeId: 'E1', startMonth: '2024-01', isSafetyNet: 'ZQXyes' },
      {
        episodeId: 'S2',
        employeeId: 'E1',
        startMonth: '2024-01',
        recoveries: [{ date: '2024-01-31', workingPct: 'ZQX50' }],
        medical: { diagnosisCode: 'other', extraZQX: 1 },
      },
    ],
    'lines',
  );
  const error = await readError(() => readAll(path, episodeTable));
  assert.deepEqual(
    error.issues.map(({ row, field }) => ({ row, field })),
    [
      { row: 1, field: 'isSafetyNet' },
      { row: 2, field: 'recoveries[0].workingPct' },
      { row: 2, field: 'medical.#2' },
    ],
  );
  assertNoValues(error, ['ZQXyes', 'ZQX50', 'extraZQX']);
});
