import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { writeFile } from 'node:fs/promises';
import type { CsvTable } from '../../../src/sources/canonical/csvTable.ts';
import { encodeCsvCell } from '../../../src/privacy/io/tableSink.ts';

/** A table as text cells, the way a CSV export holds it; '' is an empty cell. */
export interface TextTable {
  header: string[];
  rows: string[][];
}

export function csvText(table: TextTable): string {
  return [table.header, ...table.rows].map((row) => row.map(encodeCsvCell).join(',')).join('\n');
}

export async function writeCsv(path: string, table: TextTable): Promise<void> {
  await writeFile(path, csvText(table) + '\n');
}

/**
 * An XLSX workbook as a spreadsheet user would keep it: numbers and booleans in typed cells, the
 * dates of columns named ...Date as date cells, text as text. Cells whose text does not fit the
 * column's kind stay text, so bad input can be written too.
 */
export async function writeXlsx<T>(
  path: string,
  table: TextTable,
  layout: CsvTable<T>,
): Promise<void> {
  const kinds = table.header.map((name) => layout.columns.find((c) => c.name === name)?.kind);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = workbook.addWorksheet('data');
  sheet.addRow(table.header).commit();
  for (const row of table.rows) {
    const values = row.map((cell, i) => typedCell(cell, table.header[i]!, kinds[i]));
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await workbook.commit();
}

function typedCell(cell: string, name: string, kind: string | undefined): unknown {
  if (cell === '') return null;
  if ((kind === 'number' || kind === 'integer') && /^-?\d+(\.\d+)?$/.test(cell))
    return Number(cell);
  if (kind === 'boolean' && (cell === 'true' || cell === 'false')) return cell === 'true';
  if (name.endsWith('Date') && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    const date = new Date(`${cell}T00:00:00Z`);
    if (date.toISOString().startsWith(cell)) return date;
  }
  return cell;
}

/**
 * A Parquet file written by DuckDB's COPY ... TO from the CSV text, with the column types DuckDB
 * detects (dates as DATE, counts as BIGINT, flags as BOOLEAN); `doubles` are cast to DOUBLE.
 */
export async function writeParquet(
  path: string,
  csvPath: string,
  doubles: readonly string[] = [],
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const casts = doubles.map((name) => `CAST("${name}" AS DOUBLE) AS "${name}"`);
    const select = casts.length === 0 ? '*' : `* REPLACE (${casts.join(', ')})`;
    await connection.run(
      `COPY (SELECT ${select} FROM read_csv('${csvPath}', header = true)) ` +
        `TO '${path}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Records as one JSON array, or as JSON Lines (one record per line). */
export async function writeJson(
  path: string,
  records: readonly unknown[],
  layout: 'array' | 'lines',
): Promise<void> {
  const text =
    layout === 'array'
      ? `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`
      : records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  await writeFile(path, text);
}
