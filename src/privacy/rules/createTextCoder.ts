import { addBytes, createByteTable, findBytes, hashOfBytes } from '../createByteTable.ts';
import type { ByteTable } from '../createByteTable.ts';
import { asciiTrimEnd, asciiTrimStart } from './asciiTrim.ts';
import { emptyCode, unreadableCode, type BaseCoder, type CellRanges } from './columnRule.ts';

export interface TextCoder extends BaseCoder {
  forgetIfLarger(maxEntries: number): boolean;
  /** `Number(base)` of a code, for rules that read their values as numbers. */
  numberOfCode(code: number): number;
}

/** The state the module-level loops work on; `insert` codes a cell not met before. */
interface TextCoderState {
  table: ByteTable;
  isTrimmed: boolean;
  insert(bytes: Uint8Array, from: number, to: number, hash: number): number;
}

/**
 * A coder for rules whose base value is the cell's text (kept as is, or trimmed): a dictionary
 * that numbers the distinct base values in the order they are met. Cells are looked up by their
 * bytes (createByteTable), so that a repeated value costs a hash of a few bytes and no string;
 * `base` runs once per distinct cell, which keeps its checks (a number that cannot be read)
 * exactly as on text.
 */
export function createTextCoder(options: {
  /** The rule's `base`, given the cell's text (trimmed first when `isTrimmed`). */
  base: (text: string) => string | undefined;
  /** Whether the base ignores surrounding whitespace, so that cells are looked up trimmed. */
  isTrimmed: boolean;
}): TextCoder {
  const { base } = options;
  let codes = new Map<string, number>();
  let bases: string[] = [];
  let numbers: number[] = [];

  const codeOfBase = (value: string): number => {
    if (value === '') return emptyCode;
    let code = codes.get(value);
    if (code === undefined) {
      code = bases.length;
      bases.push(value);
      numbers.push(Number(value));
      codes.set(value, code);
    }
    return code;
  };
  const state: TextCoderState = {
    table: createByteTable(),
    isTrimmed: options.isTrimmed,
    insert(bytes, from, to, hash) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
      const value = base(text);
      const code = value === undefined ? unreadableCode : codeOfBase(value);
      addBytes(state.table, { bytes, from, to, hash }, code);
      return code;
    },
  };

  return {
    codeOfBytes: (bytes, start, end) => codeOfTextBytes(state, bytes, start, end),
    codeCells: (cells, column, into) => codeTextCells(state, cells, column, into),
    codeOfBase,
    baseOfCode: (code) => (code === emptyCode ? '' : bases[code]!),
    numberOfCode: (code) => numbers[code]!,
    forgetIfLarger(maxEntries) {
      if (bases.length <= maxEntries && state.table.count <= maxEntries) return false;
      codes = new Map();
      bases = [];
      numbers = [];
      state.table = createByteTable();
      return true;
    },
  };
}

function codeOfTextBytes(
  state: TextCoderState,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  let from = start;
  let to = end;
  if (state.isTrimmed) {
    from = asciiTrimStart(bytes, start, end);
    to = asciiTrimEnd(bytes, from, end);
  }
  if (from === to) return emptyCode;
  const hash = hashOfBytes(bytes, from, to);
  const entry = findBytes(state.table, bytes, from, to, hash);
  return entry < 0 ? state.insert(bytes, from, to, hash) : state.table.values[entry]!;
}

function codeTextCells(
  state: TextCoderState,
  cells: CellRanges,
  column: number,
  into: Int32Array,
): void {
  const { bytes, starts, ends, flags, width, count } = cells;
  // The last plain cell coded: a value often repeats on the next row (a person's sex on each of
  // their episodes), and comparing a few bytes with it is cheaper than hashing and looking up.
  let lastStart = 0;
  let lastLength = -1;
  let lastCode = emptyCode;
  for (let r = 0, at = column; r < count; r++, at += width) {
    if (flags[at] !== 0) {
      into[r] = emptyCode;
      continue;
    }
    const start = starts[at]!;
    const length = ends[at]! - start;
    if (length === lastLength) {
      let i = 0;
      while (i < length && bytes[start + i] === bytes[lastStart + i]) i++;
      if (i === length) {
        into[r] = lastCode;
        continue;
      }
    }
    lastCode = codeOfTextBytes(state, bytes, start, start + length);
    lastStart = start;
    lastLength = length;
    into[r] = lastCode;
  }
}
