import { basename } from 'node:path';
import { AppError, type InputIssue } from '../../core/errors.ts';
import { createIdCheck } from './createIdCheck.ts';
import type { CsvTable } from './csvTable.ts';
import { decodeJsonRecord } from './decodeJsonRecord.ts';
import { decodeTextRow } from './decodeTextRow.ts';
import { readJsonArray, readJsonLines, type JsonRecord } from './jsonRecords.ts';
import { resolveHeader } from './resolveHeader.ts';
import { tableFileFormatOf, tableFileFormats, type TableFileFormat } from './tableFiles.ts';
import {
  BrokenFileError,
  isSystemError,
  openCsvRows,
  openParquetRows,
  openXlsxRows,
} from './textRows.ts';

export interface ReadTableFileOptions {
  /** The file's format when its extension does not tell it. */
  format?: TableFileFormat;
  /** Stop after this many bad rows: past a point more of them tell nothing new. */
  maxIssues?: number;
}

/** A validated record and the row it came from, for messages about it later. */
export interface TableRecord<T> {
  record: T;
  row: number;
}

/**
 * Streams the records of one table file in any accepted format (see readCanonicalDataset) as
 * validated records. Valid rows are yielded as they are read; bad rows are collected and, at the
 * end, thrown as one INVALID_INPUT error whose issues name file, row and column or field. A
 * reader that keeps what it got before the error has therefore read a file only partly: collect
 * the whole table before acting on it. A record whose id (the table's `idField`) an earlier row
 * had is refused like a bad row, in every format. Cell values never appear in a message.
 */
export async function* readTableFile<T>(
  path: string,
  table: CsvTable<T>,
  options: ReadTableFileOptions = {},
): AsyncGenerator<TableRecord<T>> {
  const file = basename(path);
  const format = options.format ?? tableFileFormatOf(path);
  if (format === undefined) {
    throw new AppError('INVALID_INPUT', `${file} is not a table file absencelab reads.`, [
      { file, message: `must end in ${tableFileFormats.map((f) => `.${f}`).join(', ')}.` },
    ]);
  }
  const maxIssues = options.maxIssues ?? 100;
  const issues: InputIssue[] = [];
  const isJson = format === 'json' || format === 'jsonl';
  const isNew = createIdCheck(table, file, isJson ? 'field' : 'column');

  try {
    if (isJson) {
      const records: AsyncIterable<JsonRecord> =
        format === 'json' ? readJsonArray(path) : readJsonLines(path);
      for await (const { value, row } of records) {
        const record = decodeJsonRecord(value, table, { file, row }, issues);
        if (record !== undefined && isNew(record, row, issues)) yield { record, row };
        if (issues.length >= maxIssues) break;
      }
    } else {
      const opened = await (format === 'csv'
        ? openCsvRows(path)
        : format === 'xlsx'
          ? openXlsxRows(path)
          : openParquetRows(path));
      const header = resolveHeader(opened.header, table, file);
      for await (const { cells, row } of opened.rows) {
        const record = decodeTextRow(cells, header, table, { file, row }, issues);
        if (record !== undefined && isNew(record, row, issues)) yield { record, row };
        if (issues.length >= maxIssues) break;
      }
    }
  } catch (error) {
    if (isSystemError(error)) {
      throw new AppError('NOT_FOUND', `${file} cannot be opened.`, [
        {
          file,
          message: error.code === 'ENOENT' ? 'does not exist.' : 'cannot be read.',
          hint: 'Check the path and that the file may be read.',
        },
      ]);
    }
    if (!(error instanceof BrokenFileError)) throw error;
    issues.push({ file, row: error.row, message: error.message });
  }

  if (issues.length > 0) {
    const count = issues.length;
    throw new AppError(
      'INVALID_INPUT',
      `${file} has ${count >= maxIssues ? 'at least ' : ''}${count} problem${count === 1 ? '' : 's'}; ` +
        `fix ${count === 1 ? 'it' : 'them'} and read the file again.`,
      issues,
    );
  }
}
