import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { TableFormat } from './tableSource.ts';

export interface TableSink {
  /** Appends rows; waits while the disk is behind. */
  write(rows: readonly (readonly string[])[]): Promise<void>;
  /**
   * Appends rows already written as UTF-8 CSV lines, with what their values are per column (for
   * a Parquet extract's types); waits while the disk is behind.
   */
  writeLines(lines: Uint8Array, rowCount: number, types: ColumnTypes): Promise<void>;
  /** Finishes the file and only then moves it to its path. */
  commit(): Promise<{ rowCount: number; sha256: string }>;
  /** Removes everything written so far; the target path is never touched. */
  abort(): Promise<void>;
}

/** Per column: whether every non-empty value so far is an integer, and whether it is a number. */
export interface ColumnTypes {
  isInteger: readonly boolean[];
  isNumber: readonly boolean[];
}

const bufferLimitChars = 1 << 16;

/**
 * Writes an extract to a temporary file beside its target and renames it over the target only
 * when complete, so that an error never leaves a half-written extract (GDPR art. 32: integrity).
 * Parquet is written as a temporary CSV first and converted by DuckDB's built-in writer, with
 * columns whose every value is a number typed as numbers.
 * TODO: the temporary CSV needs as much disk again as the extract; dates stay text in Parquet.
 */
export async function createTableSink(
  path: string,
  header: readonly string[],
  format: Extract<TableFormat, 'csv' | 'parquet'>,
): Promise<TableSink> {
  await mkdir(dirname(path), { recursive: true });
  const stem = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}`);
  const csvPath = `${stem}.csv.tmp`;
  const parquetPath = `${stem}.parquet.tmp`;
  const stream = createWriteStream(csvPath, { mode: 0o600 });
  const hash = createHash('sha256');
  const isIntegerColumn = header.map(() => true);
  const isNumberColumn = header.map(() => true);
  let buffer = header.map(encodeCsvCell).join(',') + '\n';
  let rowCount = 0;

  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    hash.update(buffer);
    const isReady = stream.write(buffer);
    buffer = '';
    if (!isReady) await once(stream, 'drain');
  };

  return {
    async write(rows) {
      for (const row of rows) {
        if (format === 'parquet') noteTypes(row, isIntegerColumn, isNumberColumn);
        let line = '';
        for (let i = 0; i < row.length; i++) {
          if (i > 0) line += ',';
          line += encodeCsvCell(row[i]!);
        }
        buffer += line + '\n';
        rowCount++;
        if (buffer.length >= bufferLimitChars) await flush();
      }
    },
    async writeLines(lines, count, types) {
      await flush();
      for (let i = 0; i < header.length; i++) {
        isIntegerColumn[i] &&= types.isInteger[i] ?? true;
        isNumberColumn[i] &&= types.isNumber[i] ?? true;
      }
      rowCount += count;
      hash.update(lines);
      if (!stream.write(lines)) await once(stream, 'drain');
    },
    async commit() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      if (format === 'csv') {
        await rename(csvPath, path);
        return { rowCount, sha256: hash.digest('hex') };
      }
      try {
        await convertCsvToParquet(csvPath, parquetPath, header, isIntegerColumn, isNumberColumn);
        const sha256 = await sha256OfFile(parquetPath);
        await rename(parquetPath, path);
        return { rowCount, sha256 };
      } finally {
        await rm(csvPath, { force: true });
        await rm(parquetPath, { force: true });
      }
    },
    async abort() {
      stream.destroy();
      await rm(csvPath, { force: true });
      await rm(parquetPath, { force: true });
    },
  };
}

export function encodeCsvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function noteTypes(row: readonly string[], isInteger: boolean[], isNumber: boolean[]): void {
  for (let i = 0; i < row.length; i++) {
    const value = row[i]!;
    if (value === '' || !isNumber[i]) continue;
    if (!/^-?\d+$/.test(value)) {
      isInteger[i] = false;
      if (!/^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(value)) isNumber[i] = false;
    }
  }
}

async function convertCsvToParquet(
  csvPath: string,
  parquetPath: string,
  header: readonly string[],
  isInteger: readonly boolean[],
  isNumber: readonly boolean[],
): Promise<void> {
  const columns = header.map((name, i) => {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    if (isInteger[i]) return `CAST(${quoted} AS BIGINT) AS ${quoted}`;
    if (isNumber[i]) return `CAST(${quoted} AS DOUBLE) AS ${quoted}`;
    return quoted;
  });
  // Loaded here, not at the top: a CSV extract does not need DuckDB, and loading it is slow.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source =
      `read_csv('${escapeSql(csvPath)}', header = true, all_varchar = true, ` +
      `delim = ',', quote = '"', escape = '"')`;
    await connection.run(
      `COPY (SELECT ${columns.join(', ')} FROM ${source}) ` +
        `TO '${escapeSql(parquetPath)}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function escapeSql(text: string): string {
  return text.replaceAll("'", "''");
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
