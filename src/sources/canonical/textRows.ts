import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { AppError } from '../../core/errors.ts';
import { parquetSource } from '../../privacy/io/parquetSource.ts';
import type { TableSource } from '../../privacy/io/tableSource.ts';
import { xlsxSource } from '../../privacy/io/xlsxSource.ts';

/** One data row as text cells, with its row number for messages. */
export interface TextRow {
  cells: string[];
  row: number;
}

/** A table file opened as a header and a stream of rows of text cells. */
export interface TextRows {
  header: string[];
  rows: AsyncIterable<TextRow>;
}

/**
 * Thrown while reading rows when the file itself is broken from some row on (an unclosed quote,
 * a damaged workbook); the rows before it were read. Its message never quotes the file's text.
 */
export class BrokenFileError extends Error {
  readonly row: number;
  constructor(row: number, message: string) {
    super(message);
    this.name = 'BrokenFileError';
    this.row = row;
  }
}

/**
 * A CSV file streamed through csv-parse. Rows are numbered by their first line in the file, the
 * header being row 1; empty lines are skipped but counted.
 */
export async function openCsvRows(path: string): Promise<TextRows> {
  const file = basename(path);
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  const records = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[
    Symbol.asyncIterator
  ]();
  let lastLine = 0;
  const next = async (): Promise<TextRow | undefined> => {
    try {
      const result = await records.next();
      if (result.done === true) return undefined;
      const { record, info } = result.value;
      lastLine = info.lines;
      return { cells: record, row: info.lines - lineBreaksIn(record) };
    } catch (error) {
      if (isSystemError(error)) throw error;
      // csv-parse stops at text that is not CSV; its own message quotes that text.
      throw new BrokenFileError(
        lastLine + 1,
        'the file is not valid CSV from here on (for example an unclosed quote). ' +
          'Quote cells that hold commas, quotes or line breaks, and double inner quotes.',
      );
    }
  };

  let first: TextRow | undefined;
  try {
    first = await next();
  } catch (error) {
    parser.destroy();
    throw error instanceof BrokenFileError
      ? new AppError('INVALID_INPUT', `${file} is not valid CSV.`, [
          { file, row: error.row, message: error.message },
        ])
      : error;
  }
  if (first === undefined) {
    parser.destroy();
    throw new AppError('INVALID_INPUT', `${file} is empty; it needs a header row.`, [
      { file, message: 'no header row.' },
    ]);
  }

  async function* rows(): AsyncGenerator<TextRow> {
    try {
      for (let row = await next(); row !== undefined; row = await next()) yield row;
    } finally {
      parser.destroy();
    }
  }
  return { header: first.cells, rows: rows() };
}

/** An error of the file system (no such file, no permission), not of the file's content. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'syscall' in error;
}

function lineBreaksIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count++;
  }
  return count;
}

/**
 * The first worksheet of an XLSX workbook, streamed by the exceljs WorkbookReader of the privacy
 * readers; rows keep their sheet numbers. Number, boolean and date cells arrive as text (a date
 * as YYYY-MM-DD), so a typed sheet and a text sheet read alike. Empty cells after the last named
 * column and rows without any cell are left out, as a spreadsheet shows them.
 */
export async function openXlsxRows(path: string): Promise<TextRows> {
  return openSourceRows(path, xlsxSource(path), 'an XLSX workbook');
}

/**
 * A Parquet file, streamed in chunks by DuckDB through the privacy readers, every column cast to
 * text (dates as YYYY-MM-DD, booleans as true or false). Parquet has no header line: row N is
 * record N - 1, so that a record has the same row number as in the same table written as CSV.
 */
export async function openParquetRows(path: string): Promise<TextRows> {
  return openSourceRows(path, parquetSource(path), 'a Parquet file');
}

async function openSourceRows(path: string, source: TableSource, what: string): Promise<TextRows> {
  const file = basename(path);
  const unreadable = (row?: number) =>
    new AppError('INVALID_INPUT', `${file} cannot be read as ${what}.`, [
      {
        file,
        ...(row === undefined ? {} : { row }),
        message: `is not ${what}, or is damaged from here on.`,
        hint: `Export the table again as ${what}, or use another accepted format.`,
      },
    ]);

  let opened;
  try {
    opened = await source.open();
  } catch (error) {
    if (error instanceof AppError || isSystemError(error)) throw error;
    throw unreadable();
  }
  let header = opened.header;
  while (header.length > 0 && header[header.length - 1] === '') header = header.slice(0, -1);
  const width = header.length;
  const batches = opened.batches;

  async function* rows(): AsyncGenerator<TextRow> {
    let lastRow = 1;
    const iterator = batches[Symbol.asyncIterator]();
    try {
      for (;;) {
        let result;
        try {
          result = await iterator.next();
        } catch (error) {
          if (error instanceof AppError || isSystemError(error)) throw error;
          throw new BrokenFileError(lastRow + 1, `the file is not ${what} from here on.`);
        }
        if (result.done === true) return;
        const batch = result.value;
        for (let i = 0; i < batch.rows.length; i++) {
          const cells = batch.rows[i]!;
          lastRow = batch.rowNumbers[i]!;
          while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
          if (cells.every((cell) => cell === '')) continue;
          while (cells.length < width) cells.push('');
          yield { cells, row: lastRow };
        }
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { header, rows: rows() };
}
