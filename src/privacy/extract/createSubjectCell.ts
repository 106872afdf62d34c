import { plainCell, type CsvChunkCells } from '../io/csvChunkCells.ts';
import { ownCopy } from '../ownCopy.ts';
import { asciiTrimEnd, asciiTrimStart } from '../rules/asciiTrim.ts';
import { createSubjectIds, type SubjectIds } from './createSubjectIds.ts';

/**
 * The subject cell of a chunk's records, as trimmed text made only when asked, and whether it is
 * the previous record's: the rows of one person usually follow each other, and comparing a few
 * bytes is cheaper than making the string and looking it up again.
 */
export interface SubjectCell {
  /** Moves to record `r`; true when its subject cell has the same bytes as the last record's. */
  advance(r: number): boolean;
  /** The current record's subject, trimmed. */
  text(): string;
  /** The current record's subject as a number of `ids`. */
  id(): number;
}

interface SubjectState {
  cells: CsvChunkCells;
  index: number;
  saved: Uint8Array;
  /** -1: nothing to compare with (the last cell was read as text). */
  savedLength: number;
  record: number;
  text: string | undefined;
  ids: SubjectIds;
  /** The current record's id; -1 when not yet asked. */
  id: number;
}

export function createSubjectCell(
  cells: CsvChunkCells,
  index: number,
  ids: SubjectIds = createSubjectIds(),
): SubjectCell {
  const state: SubjectState = {
    cells,
    index,
    saved: new Uint8Array(64),
    savedLength: -1,
    record: -1,
    text: undefined,
    ids,
    id: -1,
  };
  return {
    advance: (r) => advance(state, r),
    text: () => state.text ?? textOf(state),
    id: () => (state.id >= 0 ? state.id : idOf(state)),
  };
}

// Plain functions on the state: V8 compiled the same loops in closures to slower code.

function advance(state: SubjectState, r: number): boolean {
  const { cells, index } = state;
  state.record = r;
  const at = r * cells.width + index;
  if (cells.flags[at] !== plainCell || index >= cells.cellCounts[r]!) {
    state.savedLength = -1;
    state.text = undefined;
    state.id = -1;
    return false;
  }
  const bytes = cells.bytes;
  const start = cells.starts[at]!;
  const length = cells.ends[at]! - start;
  let saved = state.saved;
  if (length === state.savedLength) {
    let i = 0;
    while (i < length && saved[i] === bytes[start + i]) i++;
    if (i === length) return true;
  }
  if (length > saved.length) {
    saved = new Uint8Array(length * 2);
    state.saved = saved;
  }
  for (let i = 0; i < length; i++) saved[i] = bytes[start + i]!;
  state.savedLength = length;
  state.text = undefined;
  state.id = -1;
  return false;
}

function idOf(state: SubjectState): number {
  const { cells, index, record } = state;
  const at = record * cells.width + index;
  if (state.savedLength >= 0) {
    const from = asciiTrimStart(cells.bytes, cells.starts[at]!, cells.ends[at]!);
    const to = asciiTrimEnd(cells.bytes, from, cells.ends[at]!);
    state.id = state.ids.idOfBytes(cells.bytes, from, to);
  } else {
    state.id = state.ids.idOfText(state.text ?? textOf(state));
  }
  return state.id;
}

function textOf(state: SubjectState): string {
  const { cells, index, record } = state;
  const at = record * cells.width + index;
  if (state.savedLength >= 0) {
    const from = asciiTrimStart(cells.bytes, cells.starts[at]!, cells.ends[at]!);
    const to = asciiTrimEnd(cells.bytes, from, cells.ends[at]!);
    // A string of its own, not a slice of the chunk: it may be kept in a class's set.
    state.text = cells.latin1(from, to);
  } else {
    state.text = ownCopy(cells.text(record, index).trim());
  }
  return state.text;
}
