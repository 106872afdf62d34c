import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { encodeCell, fieldOf } from './encodeCell.ts';
import type { CsvTable } from './csvTable.ts';

export interface CsvTableWriter<T> {
  /** Buffers one row; call `drain` now and then to pass the buffer on to the file. */
  write(record: T): void;
  /** Hands a full buffer to the file and waits while the disk is behind (back-pressure). */
  drain(): Promise<void>;
  /** Flushes, closes the file and returns the number of data rows and the file's SHA-256. */
  close(): Promise<{ rowCount: number; sha256: string }>;
}

/** Bytes gathered before a write to the stream: fewer, larger writes are much faster. */
const bufferLimitChars = 1 << 16;

/**
 * A streaming writer for one table of the canonical layout. Rows are not validated here: the
 * writer trusts typed records from inside the program, and the reader validates at the boundary.
 */
export function createCsvTableWriter<T>(path: string, table: CsvTable<T>): CsvTableWriter<T> {
  const stream = createWriteStream(path);
  const hash = createHash('sha256');
  const columns = table.columns;
  let parts: string[] = [columns.map((c) => c.name).join(',') + '\n'];
  let bufferedChars = parts[0]!.length;
  let rowCount = 0;

  const flush = async (): Promise<void> => {
    if (parts.length === 0) return;
    const chunk = parts.join('');
    parts = [];
    bufferedChars = 0;
    hash.update(chunk);
    if (!stream.write(chunk)) await once(stream, 'drain');
  };

  return {
    write(record) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i]!;
        if (i > 0) line += ',';
        line += encodeCell(fieldOf(record, column), column);
      }
      line += '\n';
      parts.push(line);
      bufferedChars += line.length;
      rowCount++;
    },
    async drain() {
      if (bufferedChars >= bufferLimitChars) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      return { rowCount, sha256: hash.digest('hex') };
    },
  };
}
