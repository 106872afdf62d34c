import type { CsvTable } from './csvTable.ts';
import { readTableFile } from './readTableFile.ts';

export interface ReadCsvTableOptions {
  /** Stop after this many bad rows: past a point more of them tell nothing new. */
  maxIssues?: number;
}

/**
 * Streams the rows of one canonical CSV file as validated records (see readTableFile): valid rows
 * as they are read, then one INVALID_INPUT error naming file, row (the header is row 1) and
 * column of every bad cell. Cell text never appears in a message: it may be personal data.
 */
export async function* readCsvTable<T>(
  path: string,
  table: CsvTable<T>,
  options: ReadCsvTableOptions = {},
): AsyncGenerator<T> {
  for await (const { record } of readTableFile(path, table, { ...options, format: 'csv' })) {
    yield record;
  }
}
