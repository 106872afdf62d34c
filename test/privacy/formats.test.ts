import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createKeyFileText, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { runPseudonymisation } from '../../src/privacy/runPseudonymisation.ts';
import { temporaryDirectory } from '../support/paths.ts';
import {
  fixtureHeader,
  fixturePolicy,
  makePeople,
  writeFixtureCsv,
} from './identifiableFixture.ts';

const work = temporaryDirectory('privacy-formats');
const csvPath = join(work, 'episodes.csv');
const rows = writeFixtureCsv(csvPath, makePeople(300, 5), 5);
const keyPath = join(work, 'key.json');
await writeKeyFile(keyPath, createKeyFileText());
const policyPath = join(work, 'policy.json');
writeFileSync(policyPath, JSON.stringify(fixturePolicy));

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function extractFrom(inPath: string, outName: string) {
  const outPath = join(work, outName);
  const report = await runPseudonymisation({
    inPath,
    policyPath,
    keyFilePath: keyPath,
    domain: 'research-a',
    outPath,
    reportPath: join(work, `${outName}.report.json`),
  });
  return { report, outPath };
}

const fromCsv = await extractFrom(csvPath, 'from-csv.csv');

test('a Parquet input gives the same extract as the CSV it was made from', async () => {
  const parquetPath = join(work, 'episodes.parquet');
  // Typed columns (a DATE, an integer) as a real Parquet export would have them.
  await query(
    `COPY (SELECT * REPLACE (CAST(birth_date AS DATE) AS birth_date, ` +
      `CAST(duration_days AS INTEGER) AS duration_days) ` +
      `FROM read_csv('${csvPath}', all_varchar = true)) TO '${parquetPath}' (FORMAT parquet)`,
  );
  const fromParquet = await extractFrom(parquetPath, 'from-parquet.csv');
  assert.equal(fromParquet.report.input.format, 'parquet');
  assert.equal(readFileSync(fromParquet.outPath, 'utf8'), readFileSync(fromCsv.outPath, 'utf8'));
});

test('a Parquet output holds the extract with numeric columns typed as numbers', async () => {
  const { report, outPath } = await extractFrom(csvPath, 'out.parquet');
  const counted = await query(`SELECT count(*) AS n FROM read_parquet('${outPath}')`);
  assert.equal(Number(counted[0]!['n']), report.output.rows);
  const types = await query(`DESCRIBE SELECT * FROM read_parquet('${outPath}')`);
  const typeOf = (name: string) =>
    types.find((row) => row['column_name'] === name)?.['column_type'];
  assert.equal(typeOf('duration_days'), 'BIGINT');
  assert.equal(typeOf('employee_id'), 'VARCHAR');
});

test('an XLSX input gives the same extract as the CSV, dates read as dates', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('episodes');
  sheet.addRow(fixtureHeader);
  const birthIndex = fixtureHeader.indexOf('birth_date');
  for (const row of rows) {
    const cells: (string | Date | number)[] = [...row];
    cells[birthIndex] = new Date(`${row[birthIndex]!}T00:00:00Z`);
    sheet.addRow(cells);
  }
  const xlsxPath = join(work, 'episodes.xlsx');
  await workbook.xlsx.writeFile(xlsxPath);
  const fromXlsx = await extractFrom(xlsxPath, 'from-xlsx.csv');
  assert.equal(fromXlsx.report.input.format, 'xlsx');
  assert.equal(readFileSync(fromXlsx.outPath, 'utf8'), readFileSync(fromCsv.outPath, 'utf8'));
});
