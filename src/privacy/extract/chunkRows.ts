import { AppError } from '../../core/errors.ts';
import type { CsvChunk } from '../io/openCsvChunks.ts';
import { createCsvParser } from '../io/parseCsvText.ts';

/** Rows read by a table reader on the main thread, with their row numbers in the file. */
export interface RowsChunk {
  kind: 'rows';
  rows: string[][];
  rowNumbers: number[];
}

export type SourceChunk = CsvChunk | RowsChunk;

/** The rows of a chunk; CSV bytes are parsed here, in whichever thread holds them. */
export function rowsOfChunk(chunk: SourceChunk, fileName: string): string[][] {
  if (chunk.kind === 'rows') return chunk.rows;
  const { bytes } = chunk;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const parser = createCsvParser({ isFileStart: false });
  const rows: string[][] = [];
  parser.push(text, rows);
  parser.end(rows);
  if (parser.isUnterminated()) {
    throw new AppError('INVALID_INPUT', `${fileName} ends inside a quoted field.`, [
      { file: fileName, message: 'a quote is opened and never closed.' },
    ]);
  }
  return rows;
}
