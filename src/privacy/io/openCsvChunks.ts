import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { csvRecordEnd, csvRecordsEnd } from './csvRecordsEnd.ts';
import { createCsvParser } from './parseCsvText.ts';

/** Whole records of a CSV file, as bytes; the last chunk may end without a line break. */
export interface CsvChunk {
  kind: 'csv';
  bytes: Uint8Array;
  isLast: boolean;
}

export interface OpenedCsvChunks {
  header: string[];
  chunks: AsyncGenerator<CsvChunk>;
}

export const defaultCsvChunkBytes = 1 << 20;

/**
 * A CSV file read as chunks of whole records, each in a buffer of its own so that it can be moved
 * to a worker thread and parsed there without the rest of the file. A chunk is cut after its last
 * complete record (quotes respected); a record longer than the chunk size makes the chunk grow.
 * Blank lines and a byte order mark before the header are skipped, as the row parser does.
 */
export async function openCsvChunks(
  path: string,
  options: { chunkBytes?: number; onBytesRead?: (bytes: number) => void } = {},
): Promise<OpenedCsvChunks> {
  const fileName = basename(path);
  const chunkBytes = options.chunkBytes ?? defaultCsvChunkBytes;
  const file = await open(path, 'r').catch(() => {
    throw new AppError('NOT_FOUND', `Input ${fileName} not found.`, [
      { field: '--in', message: 'no such file.' },
    ]);
  });
  let bytesRead = 0;
  let isEnd = false;
  let buffer = Buffer.alloc(chunkBytes);
  let filled = 0;

  const fill = async (): Promise<void> => {
    while (!isEnd && filled < buffer.length) {
      const { bytesRead: count } = await file.read(buffer, filled, buffer.length - filled, null);
      if (count === 0) isEnd = true;
      filled += count;
      bytesRead += count;
    }
    options.onBytesRead?.(bytesRead);
  };
  const grow = (): void => {
    const larger = Buffer.alloc(buffer.length * 2);
    buffer.copy(larger, 0, 0, filled);
    buffer = larger;
  };
  /** The bytes before `end` as a chunk; the rest moves to a fresh buffer. */
  const cut = (end: number): Uint8Array => {
    const next = Buffer.alloc(Math.max(chunkBytes, filled - end));
    buffer.copy(next, 0, end, filled);
    const taken = buffer.subarray(0, end);
    buffer = next;
    filled -= end;
    return taken;
  };

  let header: string[] | undefined;
  try {
    await fill();
    let start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    let end = -1;
    for (;;) {
      while (start < filled && (buffer[start] === 0x0a || buffer[start] === 0x0d)) start++;
      end = csvRecordEnd(buffer, start, filled);
      if (end >= 0 || isEnd) break;
      grow();
      await fill();
    }
    if (end < 0) end = filled;
    header = parseHeader(buffer.toString('utf8', start, end));
    cut(end);
  } catch (error) {
    await file.close();
    throw error;
  }
  if (header === undefined) {
    await file.close();
    throw new AppError('INVALID_INPUT', `${fileName} is empty.`, [
      { file: fileName, message: 'expected a header row.' },
    ]);
  }

  async function* chunks(): AsyncGenerator<CsvChunk> {
    try {
      for (;;) {
        await fill();
        if (isEnd) {
          if (filled > 0) yield { kind: 'csv', bytes: cut(filled), isLast: true };
          return;
        }
        const end = csvRecordsEnd(buffer, filled);
        if (end === 0) grow();
        else yield { kind: 'csv', bytes: cut(end), isLast: false };
      }
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  return { header, chunks: chunks() };
}

function parseHeader(text: string): string[] | undefined {
  const parser = createCsvParser();
  const rows: string[][] = [];
  parser.push(text, rows);
  parser.end(rows);
  return rows[0]?.map((name) => name.trim());
}
