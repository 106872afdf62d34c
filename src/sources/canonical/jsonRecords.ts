import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { JSONParser } from '@streamparser/json';
import { BrokenFileError } from './textRows.ts';

/** One JSON value of a table file, with its row number for messages. */
export interface JsonRecord {
  value: unknown;
  row: number;
}

/**
 * JSON Lines: one record per line, read line by line. Row N is line N; blank lines are skipped
 * but counted.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonRecord> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let row = 0;
  try {
    for await (const raw of lines) {
      row++;
      const line = row === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // JSON.parse's message quotes the text near the fault.
        throw new BrokenFileError(
          row,
          'the line is not one JSON value; write one record per line.',
        );
      }
      yield { value, row };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * A JSON array of records, streamed by @streamparser/json: each element is handed on as soon as
 * it is complete, so the whole file is never held as one string. Row N is element N of the array
 * (the first is row 1).
 */
export async function* readJsonArray(path: string): AsyncGenerator<JsonRecord> {
  const stream = createReadStream(path);
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  const ready: JsonRecord[] = [];
  let count = 0;
  parser.onValue = ({ value }) => {
    count++;
    ready.push({ value, row: count });
  };
  let isFirstChunk = true;
  const broken = () =>
    new BrokenFileError(
      count + 1,
      'the file is not valid JSON from this record on. Write one JSON array of records.',
    );
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes: Buffer = chunk;
      if (isFirstChunk) {
        isFirstChunk = false;
        bytes = stripBom(bytes);
        if (firstNonBlank(bytes) !== 0x5b /* [ */) {
          throw new BrokenFileError(
            1,
            'the file is not a JSON array of records. Write [ {...}, {...} ], or one record per ' +
              'line in a .jsonl file.',
          );
        }
      }
      if (parser.isEnded) {
        // The parser ends by itself with the array; only blanks may follow it.
        if (firstNonBlank(bytes) !== undefined) throw broken();
        continue;
      }
      try {
        parser.write(bytes);
      } catch {
        throw broken();
      }
      yield* ready.splice(0);
    }
    if (isFirstChunk) throw new BrokenFileError(1, 'the file is empty; write a JSON array.');
    if (!parser.isEnded) {
      try {
        parser.end();
      } catch {
        throw broken();
      }
    }
    yield* ready.splice(0);
  } finally {
    stream.destroy();
  }
}

function stripBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function firstNonBlank(bytes: Buffer): number | undefined {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return undefined;
}
