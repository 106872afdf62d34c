import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { createCsvParser } from './parseCsvText.ts';
import type { OpenedTable, RowBatch, TableSource } from './tableSource.ts';

const chunkBytes = 1 << 20;

/** A CSV file with a header row, read as a stream in batches of rows. */
export function csvSource(path: string): TableSource {
  return {
    format: 'csv',
    async open(onBytesRead) {
      const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes });
      const parser = createCsvParser();
      const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
      let rowNumber = 0;
      let bytesRead = 0;
      let isDone = false;

      const nextRows = async (): Promise<string[][] | undefined> => {
        while (!isDone) {
          const rows: string[][] = [];
          const next = await iterator.next();
          if (next.done === true) {
            isDone = true;
            parser.end(rows);
            if (parser.isUnterminated()) {
              throw new AppError('INVALID_INPUT', `${basename(path)} ends inside a quoted field.`, [
                { file: basename(path), message: 'a quote is opened and never closed.' },
              ]);
            }
          } else {
            bytesRead = stream.bytesRead;
            onBytesRead?.(bytesRead);
            parser.push(next.value, rows);
          }
          if (rows.length > 0) return rows;
        }
        return undefined;
      };

      const toBatch = (rows: string[][]): RowBatch => {
        const rowNumbers = new Array<number>(rows.length);
        for (let i = 0; i < rows.length; i++) rowNumbers[i] = ++rowNumber;
        return { rows, rowNumbers };
      };

      const first = await nextRows();
      const header = first?.shift();
      if (first === undefined || header === undefined) {
        stream.destroy();
        throw new AppError('INVALID_INPUT', `${basename(path)} is empty.`, [
          { file: basename(path), message: 'expected a header row.' },
        ]);
      }
      rowNumber = 1;
      const firstBatch = toBatch(first);

      async function* batches(): AsyncGenerator<RowBatch> {
        try {
          if (firstBatch.rows.length > 0) yield firstBatch;
          for (let rows = await nextRows(); rows !== undefined; rows = await nextRows()) {
            yield toBatch(rows);
          }
        } finally {
          stream.destroy();
        }
      }
      const opened: OpenedTable = { header: header.map((name) => name.trim()), batches: batches() };
      return opened;
    },
  };
}
