import { encodeCsvCell } from './tableSink.ts';

/**
 * CSV lines written straight into UTF-8 bytes, cell by cell. Building each line as a string and
 * encoding the chunk afterwards made a quarter of pass two's time in allocation, string
 * flattening and encoding; ASCII cells (nearly all of an extract) are copied here code by code.
 */
export interface CsvLineBytes {
  /** Appends a cell, after a comma unless it is the line's first; quoted when it needs to be. */
  cell(value: string, isFirst: boolean): void;
  endLine(): void;
  /** The bytes so far, in a buffer of their own (it can be moved to another thread); starts afresh. */
  take(): Uint8Array;
}

export function createCsvLineBytes(initialBytes = 1 << 16): CsvLineBytes {
  let bytes = new Uint8Array(initialBytes);
  let length = 0;

  const reserve = (extraBytes: number): void => {
    if (length + extraBytes <= bytes.length) return;
    const larger = new Uint8Array(Math.max(bytes.length * 2, length + extraBytes));
    larger.set(bytes.subarray(0, length));
    bytes = larger;
  };

  return {
    cell(value, isFirst) {
      const count = value.length;
      // One byte per character for ASCII; the comma too.
      reserve(count + 1);
      if (!isFirst) bytes[length++] = 0x2c;
      const start = length;
      for (let i = 0; i < count; i++) {
        const code = value.charCodeAt(i);
        // Not ASCII, or a comma, quote, CR or LF: the general path below.
        if (code >= 0x80 || code === 0x2c || code === 0x22 || code === 0x0a || code === 0x0d) {
          length = start;
          const encoded = Buffer.from(encodeCsvCell(value), 'utf8');
          reserve(encoded.length);
          bytes.set(encoded, length);
          length += encoded.length;
          return;
        }
        bytes[length++] = code;
      }
    },
    endLine() {
      reserve(1);
      bytes[length++] = 0x0a;
    },
    take() {
      const taken = bytes.subarray(0, length);
      bytes = new Uint8Array(Math.max(initialBytes, Math.ceil(length * 1.1)));
      length = 0;
      return taken;
    },
  };
}
