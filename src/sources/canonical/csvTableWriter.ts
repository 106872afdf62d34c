import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createRowEncoder } from './encodeCell.ts';
import type { CsvTable } from './csvTable.ts';

export interface CsvTableWriter<T> {
  /** Buffers one row; call `drain` now and then to pass the buffer on to the file. */
  write(record: T): void;
  /**
   * Buffers rows encoded elsewhere (by `createRowEncoder` on this table's columns, as UTF-8), for
   * example on a worker thread; the file gets them after the rows written before.
   */
  writeEncoded(rows: Uint8Array, rowCount: number): void;
  /** Hands a full buffer to the file and waits while the disk is behind (back-pressure). */
  drain(): Promise<void>;
  /**
   * Flushes and closes the file, puts it in place under its name, and returns the number of data
   * rows and the file's SHA-256. Until then the rows are in a temporary file beside it.
   */
  close(): Promise<{ rowCount: number; sha256: string }>;
  /** Stops and deletes the temporary file: nothing half-written is left under the name. */
  abort(): Promise<void>;
}

/** Bytes gathered before a write to the stream: fewer, larger writes are much faster. */
const bufferLimitBytes = 1 << 16;

/**
 * A streaming writer for one table of the canonical layout. Rows are not validated here: the
 * writer trusts typed records from inside the program, and the reader validates at the boundary.
 */
export function createCsvTableWriter<T>(path: string, table: CsvTable<T>): CsvTableWriter<T> {
  const partialPath = `${path}.partial-${process.pid}`;
  const stream = createWriteStream(partialPath);
  const hash = createHash('sha256');
  const encodeRow = createRowEncoder(table.columns);
  // Rows as text until the next encoded chunk or flush; the text becomes bytes once, for both the
  // hash and the file.
  let text = table.columns.map((c) => c.name).join(',') + '\n';
  let chunks: Uint8Array[] = [];
  let bufferedBytes = text.length;
  let rowCount = 0;

  const closeText = (): void => {
    if (text.length === 0) return;
    chunks.push(Buffer.from(text, 'utf8'));
    text = '';
  };

  const flush = async (): Promise<void> => {
    closeText();
    if (chunks.length === 0) return;
    const pending = chunks;
    chunks = [];
    bufferedBytes = 0;
    let isBehind = false;
    for (const chunk of pending) {
      hash.update(chunk);
      isBehind = !stream.write(chunk);
    }
    if (isBehind) await once(stream, 'drain');
  };

  return {
    write(record) {
      const line = encodeRow(record);
      text += line;
      bufferedBytes += line.length;
      rowCount++;
    },
    writeEncoded(rows, count) {
      closeText();
      chunks.push(rows);
      bufferedBytes += rows.byteLength;
      rowCount += count;
    },
    async drain() {
      if (bufferedBytes >= bufferLimitBytes) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      await rename(partialPath, path);
      return { rowCount, sha256: hash.digest('hex') };
    },
    async abort() {
      if (!stream.closed) {
        stream.destroy();
        await once(stream, 'close').catch(() => undefined);
      }
      await rm(partialPath, { force: true });
    },
  };
}
