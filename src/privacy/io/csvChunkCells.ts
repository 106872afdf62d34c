import { AppError } from '../../core/errors.ts';
import type { CellRanges } from '../rules/columnRule.ts';
import { csvRecordEnd } from './csvRecordsEnd.ts';
import { createCsvParser } from './parseCsvText.ts';

/**
 * The records of a CSV chunk as byte ranges of their cells, read as `createCsvParser` reads the
 * chunk's text: the same records (blank lines skipped), the same cells. Making a string of every
 * cell was most of an extract's time, though the policy drops most cells or turns them into
 * numbers; here a chunk costs one pass over its bytes, and text is made only for cells that ask.
 * The whole chunk is read at once, so that each column can then be coded in one loop (see
 * BaseCoder.codeCells).
 */
export interface CsvChunkCells extends CellRanges {
  /** Reads a chunk of whole records; the ranges before are forgotten. */
  read(bytes: Uint8Array): void;
  /** Cells per record, also those beyond `width` (which are not kept). */
  readonly cellCounts: Int32Array;
  /** Per record: 1 when some of its cells must be read as text (their flags are not 0). */
  readonly hasText: Uint8Array;
  /** Cell `c` of record `r` as text, as the text parser gives it; '' for a missing cell. */
  text(r: number, c: number): string;
  /** The plain bytes `bytes[start, end)` as a string of its own (not a slice of a larger one). */
  latin1(start: number, end: number): string;
}

/** A cell's flag: 0 plain (ASCII without CR, unquoted record), else read it as text. */
export const plainCell = 0;
const textCell = 1;
const quotedCell = 2;

const comma = 0x2c;
const newline = 0x0a;
const carriageReturn = 0x0d;
const quote = 0x22;

/** The reader's own state beside what it shows. */
interface ChunkCellsState extends CsvChunkCells {
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  cellCounts: Int32Array;
  hasText: Uint8Array;
  bytes: Uint8Array;
  count: number;
  buffer: Buffer;
  fileName: string;
  /** Records the arrays have room for. */
  capacity: number;
  /** The cells of quoted records, by record. */
  quoted: Map<number, string[]>;
  line: LineCells;
}

export function createCsvChunkCells(fileName: string, width: number): CsvChunkCells {
  const cells: ChunkCellsState = {
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    flags: new Uint8Array(0),
    cellCounts: new Int32Array(0),
    hasText: new Uint8Array(0),
    bytes: new Uint8Array(0),
    count: 0,
    width,
    buffer: Buffer.alloc(0),
    fileName,
    capacity: 0,
    quoted: new Map(),
    line: {
      starts: new Int32Array(0),
      ends: new Int32Array(0),
      flags: new Uint8Array(0),
      width,
      base: 0,
      cellCount: 0,
      hasText: 0,
    },
    read: (chunk) => readChunk(cells, chunk),
    text: (r, c) => textOfCell(cells, r, c),
    latin1: (start, end) => cells.buffer.toString('latin1', start, end),
  };
  return cells;
}

// Plain functions on the state, not closures over it: V8 compiled the closures' loops to code
// about half as fast, and these run for every record and cell of a large CSV.

function readChunk(cells: ChunkCellsState, chunk: Uint8Array): void {
  // A plain Uint8Array even when given a Buffer: every cell, output and pool the byte path copies
  // from is one, so that each copy loop sees one kind of array.
  cells.bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  cells.buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  cells.quoted.clear();
  const { width, line } = cells;
  const length = chunk.length;
  let position = 0;
  let r = 0;
  while (position < length) {
    if (r >= cells.capacity) ensureRecords(cells, r + 1);
    const { starts, ends, flags } = cells;
    line.starts = starts;
    line.ends = ends;
    line.flags = flags;
    line.base = r * width;
    const lineEnd = scanLine(cells.bytes, position, line);
    if (lineEnd < 0) {
      position = readQuoted(cells, r, position);
      r++;
      continue;
    }
    position = lineEnd + 1;
    // A line left empty is skipped, as the text parser does.
    if (line.cellCount === 0) continue;
    for (let c = line.cellCount; c < width; c++) {
      starts[r * width + c] = 0;
      ends[r * width + c] = 0;
      flags[r * width + c] = plainCell;
    }
    cells.cellCounts[r] = line.cellCount;
    cells.hasText[r] = line.hasText;
    r++;
  }
  cells.count = r;
}

function ensureRecords(cells: ChunkCellsState, records: number): void {
  if (records <= cells.capacity) return;
  const capacity = Math.max(records, cells.capacity * 2, 1024);
  const { width } = cells;
  const grow32 = (array: Int32Array, size: number) => {
    const grown = new Int32Array(size);
    grown.set(array);
    return grown;
  };
  const grow8 = (array: Uint8Array, size: number) => {
    const grown = new Uint8Array(size);
    grown.set(array);
    return grown;
  };
  cells.starts = grow32(cells.starts, capacity * width);
  cells.ends = grow32(cells.ends, capacity * width);
  cells.flags = grow8(cells.flags, capacity * width);
  cells.cellCounts = grow32(cells.cellCounts, capacity);
  cells.hasText = grow8(cells.hasText, capacity);
  cells.capacity = capacity;
}

/** A record with a quote, from its line's start: parsed as text to its end, quotes respected. */
function readQuoted(cells: ChunkCellsState, r: number, lineStart: number): number {
  const { buffer, width, fileName } = cells;
  const recordEnd = csvRecordEnd(buffer, lineStart, buffer.length);
  const end = recordEnd < 0 ? buffer.length : recordEnd;
  const parser = createCsvParser({ isFileStart: false });
  const rows: string[][] = [];
  parser.push(buffer.toString('utf8', lineStart, end), rows);
  parser.end(rows);
  if (parser.isUnterminated()) {
    throw new AppError('INVALID_INPUT', `${fileName} ends inside a quoted field.`, [
      { file: fileName, message: 'a quote is opened and never closed.' },
    ]);
  }
  const texts = rows[0] ?? [];
  cells.quoted.set(r, texts);
  cells.cellCounts[r] = texts.length;
  cells.hasText[r] = 1;
  for (let c = 0; c < width; c++) {
    cells.starts[r * width + c] = 0;
    cells.ends[r * width + c] = 0;
    cells.flags[r * width + c] = quotedCell;
  }
  return end;
}

function textOfCell(cells: ChunkCellsState, r: number, c: number): string {
  if (c >= cells.width || c >= cells.cellCounts[r]!) return '';
  const at = r * cells.width + c;
  const flag = cells.flags[at];
  if (flag === quotedCell) return cells.quoted.get(r)![c]!;
  const encoding = flag === plainCell ? 'latin1' : 'utf8';
  return cells.buffer.toString(encoding, cells.starts[at]!, cells.ends[at]!);
}

/** Where `scanLine` puts one line's cells, at `base` of the chunk's arrays. */
interface LineCells {
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  readonly width: number;
  base: number;
  /** Cells of the line; 0 for a line left empty. */
  cellCount: number;
  /** 1 when a cell must be read as text. */
  hasText: number;
}

/**
 * Splits the line from `from` at its commas, up to its line break or the end of the bytes: the
 * ranges of the first `width` cells and their flags. Returns where the line ends, or -1 when it
 * has a quote (the whole record is then read as text). A function of its own, with no closure:
 * V8 compiled the same loop inside the reader's closure to code twice as slow.
 */
function scanLine(bytes: Uint8Array, from: number, line: LineCells): number {
  const { starts, ends, flags, width, base } = line;
  const length = bytes.length;
  let cell = 0;
  let cellStart = from;
  let flag = plainCell;
  let hasText = 0;
  let at = from;
  for (; at < length; at++) {
    const byte = bytes[at]!;
    // Letters, digits, '-', '.', '/' and ':' are most bytes of an export.
    if (byte > comma && byte < 0x80) continue;
    if (byte === comma) {
      if (cell < width) {
        starts[base + cell] = cellStart;
        ends[base + cell] = at;
        flags[base + cell] = flag;
      }
      hasText |= flag;
      cell++;
      cellStart = at + 1;
      flag = plainCell;
    } else if (byte === newline) {
      break;
    } else if (byte === quote) {
      return -1;
    } else if (byte >= 0x80 || byte === carriageReturn) {
      flag = textCell;
    }
  }
  // The text parser drops one CR before the line break; a CR elsewhere stays in its cell.
  let end = at;
  if (end > from && bytes[end - 1] === carriageReturn) {
    end--;
    if (flag === textCell && !hasCarriageReturnOrHighByte(bytes, cellStart, end)) {
      flag = plainCell;
    }
  }
  if (cell < width) {
    starts[base + cell] = cellStart;
    ends[base + cell] = end;
    flags[base + cell] = flag;
  }
  line.cellCount = end === from ? 0 : cell + 1;
  line.hasText = hasText | flag;
  return at;
}

function hasCarriageReturnOrHighByte(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++)
    if (bytes[i]! >= 0x80 || bytes[i] === carriageReturn) return true;
  return false;
}
