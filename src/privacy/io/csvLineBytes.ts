import { encodeCsvCell } from './tableSink.ts';

/**
 * CSV lines written straight into UTF-8 bytes, cell by cell. Building each line as a string and
 * encoding the chunk afterwards made a quarter of pass two's time in allocation, string
 * flattening and encoding; ASCII cells (nearly all of an extract) are copied here code by code.
 */
export interface CsvLineBytes {
  /** Appends a cell, after a comma unless it is the line's first; quoted when it needs to be. */
  cell(value: string, isFirst: boolean): void;
  /**
   * Appends a cell already written as CSV bytes (`source[start, end)`), after a comma unless it
   * is the line's first: a kept value copied from the input, or an output made once per value.
   */
  cellBytes(source: Uint8Array, start: number, end: number, isFirst: boolean): void;
  endLine(): void;
  /** The bytes so far, in a buffer of their own (it can be moved to another thread); starts afresh. */
  take(): Uint8Array;
}

/**
 * The bytes written so far, for a writer that copies into them itself (the byte path's rows);
 * `reserveLineBytes` before writing past `bytes.length`.
 */
export interface LineBuffer {
  bytes: Uint8Array;
  length: number;
}

export function createCsvLineBytes(initialBytes = 1 << 16): CsvLineBytes & { buffer: LineBuffer } {
  const out: LineBuffer = { bytes: new Uint8Array(initialBytes), length: 0 };
  return {
    buffer: out,
    cell: (value, isFirst) => writeCell(out, value, isFirst),
    cellBytes: (source, start, end, isFirst) => writeCellBytes(out, source, start, end, isFirst),
    endLine() {
      reserveLineBytes(out, 1);
      out.bytes[out.length++] = 0x0a;
    },
    take() {
      const taken = out.bytes.subarray(0, out.length);
      out.bytes = new Uint8Array(Math.max(initialBytes, Math.ceil(out.length * 1.1)));
      out.length = 0;
      return taken;
    },
  };
}

// Plain functions on the buffer rather than closures over it: V8 compiled the closures' loops to
// code about half as fast, and these run for every cell of an extract.

/** Makes room for `extraBytes` more; `out.bytes` may be a new array afterwards. */
export function reserveLineBytes(out: LineBuffer, extraBytes: number): void {
  if (out.length + extraBytes <= out.bytes.length) return;
  const larger = new Uint8Array(Math.max(out.bytes.length * 2, out.length + extraBytes));
  larger.set(out.bytes.subarray(0, out.length));
  out.bytes = larger;
}

function writeCell(out: LineBuffer, value: string, isFirst: boolean): void {
  const count = value.length;
  // One byte per character for ASCII; the comma too.
  reserveLineBytes(out, count + 1);
  const bytes = out.bytes;
  let length = out.length;
  if (!isFirst) bytes[length++] = 0x2c;
  for (let i = 0; i < count; i++) {
    const code = value.charCodeAt(i);
    // Not ASCII, or a comma, quote, CR or LF: the general path below.
    if (code >= 0x80 || code === 0x2c || code === 0x22 || code === 0x0a || code === 0x0d) {
      out.length = isFirst ? out.length : out.length + 1;
      const encoded = Buffer.from(encodeCsvCell(value), 'utf8');
      reserveLineBytes(out, encoded.length);
      out.bytes.set(encoded, out.length);
      out.length += encoded.length;
      return;
    }
    bytes[length++] = code;
  }
  out.length = length;
}

function writeCellBytes(
  out: LineBuffer,
  source: Uint8Array,
  start: number,
  end: number,
  isFirst: boolean,
): void {
  reserveLineBytes(out, end - start + 1);
  const bytes = out.bytes;
  let length = out.length;
  if (!isFirst) bytes[length++] = 0x2c;
  // A loop beats `set` on the few bytes of a cell.
  for (let i = start; i < end; i++) bytes[length++] = source[i]!;
  out.length = length;
}
