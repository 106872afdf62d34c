import { createCsvChunkCells, plainCell, type CsvChunkCells } from '../io/csvChunkCells.ts';
import { classKeySeparator } from '../kAnonymise.ts';
import { asciiTrimEnd, asciiTrimStart } from '../rules/asciiTrim.ts';
import { emptyCode, unreadableCode, type BaseCoder } from '../rules/columnRule.ts';
import { isoDayNumber, isoDayNumberOfBytes } from '../rules/isoDay.ts';
import { createClassCounts, type ClassCounts } from './createClassCounts.ts';
import { createClassTable, type ClassTable } from './createClassTable.ts';
import { createSubjectIds } from './createSubjectIds.ts';
import { createSubjectCell, type SubjectCell } from './createSubjectCell.ts';
import type { ExtractLayout } from './layOutExtract.ts';
import { maxIssues, type ChunkScan, type RowScanner } from './scanRows.ts';

/** Distinct values a coder of a column that is no quasi-identifier keeps before it starts afresh. */
export const maxCodesPerColumn = 1 << 16;

export interface CsvChunkScanner {
  scan(bytes: Uint8Array): ChunkScan;
  takeClasses: RowScanner['takeClasses'];
}

/**
 * Pass one on a CSV chunk's bytes: what `createRowScanner` does on rows of text, with the same
 * results. Each column the rules read is coded in one go (BaseCoder.codeCells), cells that are
 * not plain ASCII by the rule on their text; then the rows are checked and counted by class on
 * those codes.
 */
export function createCsvChunkScanner(
  layout: ExtractLayout,
  coders: readonly BaseCoder[],
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): CsvChunkScanner {
  const { rules, quasiPositions } = layout;
  const { subjectIndex } = layout.plan;
  const headerWidth = layout.job.header.length;
  const cells = createCsvChunkCells(layout.job.fileName, headerWidth);
  const quasiCount = quasiPositions.length;
  const isQuasi = rules.map((_, j) => quasiPositions.includes(j));
  const observers = coders.map((coder) => coder.createObserver?.());
  const ids = createSubjectIds();
  const state: ScanState = {
    layout,
    cells,
    coded: createCodedColumns(layout, coders, cells),
    subject: subjectIndex === undefined ? undefined : createSubjectCell(cells, subjectIndex, ids),
    isExcludedSubject,
    quasiCodes: new Int32Array(Math.max(1, quasiCount)),
    isCounted: new Uint8Array(1024),
    table: createClassTable(quasiCount),
    counts: createClassCounts(subjectIndex === undefined ? undefined : ids),
  };

  return {
    scan(bytes) {
      coders.forEach((coder, j) => {
        // Other columns' codes index per-chunk state only; theirs may start afresh.
        if (!isQuasi[j]) coder.forgetIfLarger?.(maxCodesPerColumn);
      });
      cells.read(bytes);
      const rows = cells.count;
      const codes = state.coded.codeAll();
      if (state.isCounted.length < rows) state.isCounted = new Uint8Array(rows * 2);
      const totals: ScanTotals = {
        issues: [],
        rowsExcluded: 0,
        utilityRows: 0,
        firstDay: undefined,
        lastDay: undefined,
      };
      scanRecords(state, codes, totals);
      return {
        rows,
        ...totals,
        observations: observers.map((observer, j) => {
          observer?.observeCodes(codes[j]!, state.isCounted, rows);
          return observer?.take();
        }),
      };
    },
    takeClasses() {
      const { table } = state;
      const keys: string[] = [];
      for (let index = 0; index < table.size; index++) {
        let key = '';
        for (let q = 0; q < quasiCount; q++) {
          if (q > 0) key += classKeySeparator;
          key += coders[quasiPositions[q]!]!.baseOfCode(table.codeOf(index, q));
        }
        keys.push(key);
      }
      state.table = createClassTable(quasiCount);
      return state.counts.take(keys);
    },
  };
}

/** What the per-row loop works on; built once per thread, the classes growing over its chunks. */
interface ScanState {
  layout: ExtractLayout;
  cells: CsvChunkCells;
  coded: CodedColumns;
  subject: SubjectCell | undefined;
  isExcludedSubject: ((subject: string) => boolean) | undefined;
  quasiCodes: Int32Array;
  /** Per record of the chunk: 1 when the rules observe it (read, not excluded). */
  isCounted: Uint8Array;
  table: ClassTable;
  counts: ClassCounts;
}

type ScanTotals = Omit<ChunkScan, 'rows' | 'observations'>;

/**
 * The checks and class counts of one chunk's records, on their codes. A plain function, not a
 * closure: V8 compiled the closure's loop to code about half as fast.
 */
function scanRecords(state: ScanState, codes: readonly Int32Array[], totals: ScanTotals): void {
  const { cells, subject, isExcludedSubject, quasiCodes, isCounted, table, counts } = state;
  const { rules, ruledIndexes, quasiPositions, datePositions, ruled } = state.layout;
  // The columns with a cell that cannot be read, found by the typed arrays' own search: most
  // chunks have none, and the rows then skip the check.
  const unreadablePositions = state.coded.positions.filter((j) =>
    codes[j]!.subarray(0, cells.count).includes(unreadableCode),
  );
  const headerWidth = cells.width;
  const issues = totals.issues;
  const quasiCount = quasiPositions.length;
  const hasSubjects = subject !== undefined;
  const targetIndex = state.layout.utility?.targetIndex;
  let lastClass = -1;
  // The week codes of totals.firstDay and totals.lastDay.
  let firstWeek = Infinity;
  let lastWeek = -Infinity;

  for (let r = 0; r < cells.count; r++) {
    isCounted[r] = 0;
    // Records after the last issue shown are counted, not read: the file is refused anyway.
    if (issues.length >= maxIssues) continue;
    if (cells.cellCounts[r] !== headerWidth) {
      issues.push({
        index: r,
        message: `has ${cells.cellCounts[r]} cells where the header has ${headerWidth}.`,
      });
      lastClass = -1;
      continue;
    }
    const isSameSubject = subject?.advance(r) ?? false;
    if (isExcludedSubject !== undefined && isExcludedSubject(subject?.text() ?? '')) {
      totals.rowsExcluded++;
      continue;
    }
    isCounted[r] = 1;

    for (const j of unreadablePositions) {
      if (codes[j]![r] !== unreadableCode) continue;
      issues.push({
        index: r,
        column: ruled[j]!.name,
        message: 'cannot be read.',
        hint: `Expected ${rules[j]!.expected}.`,
      });
      codes[j]![r] = emptyCode;
    }
    for (const position of datePositions) {
      const week = codes[position]![r]!;
      // A date's code is its week offset, which grows with the day: a date in a week after the
      // first date's and before the last date's moves neither, and is not read again.
      if (week === emptyCode || (week > firstWeek && week < lastWeek)) continue;
      const day = dayOfCell(cells, r, ruledIndexes[position]!);
      if (totals.firstDay === undefined || day < totals.firstDay) {
        totals.firstDay = day;
        firstWeek = week;
      }
      if (totals.lastDay === undefined || day > totals.lastDay) {
        totals.lastDay = day;
        lastWeek = week;
      }
    }
    if (targetIndex !== undefined && isFiniteNumberCell(cells, r, targetIndex)) {
      totals.utilityRows++;
    }

    if (quasiCount > 0) {
      for (let q = 0; q < quasiCount; q++) quasiCodes[q] = codes[quasiPositions[q]!]![r]!;
      const index = table.indexOf(quasiCodes);
      // A person's rows in one class, one after the other, are paired with it once.
      const isNewPair = hasSubjects && !(isSameSubject && index === lastClass);
      counts.add(index, isNewPair ? subject.id() : -1);
      lastClass = index;
    }
  }
}

export interface CodedColumns {
  /** Ruled positions of the coded columns (all but those copied as they are). */
  positions: number[];
  /** Codes the chunk just read, per ruled position (empty arrays for copied ones) and record. */
  codeAll(): Int32Array[];
}

/** The codes of every ruled column that is not copied, for the chunk `cells` has just read. */
export function createCodedColumns(
  layout: ExtractLayout,
  coders: readonly BaseCoder[],
  cells: CsvChunkCells,
): CodedColumns {
  const { rules, isCopied } = layout;
  const positions = rules.flatMap((_, j) => (isCopied[j] ? [] : [j]));
  let capacity = 0;
  let codes = rules.map(() => new Int32Array(0));

  return {
    positions,
    codeAll() {
      if (capacity < cells.count) {
        capacity = cells.count * 2;
        codes = rules.map((_, j) => new Int32Array(isCopied[j] ? 0 : capacity));
      }
      for (const j of positions) coders[j]!.codeCells(cells, layout.ruledIndexes[j]!, codes[j]!);
      codeTextCells(layout, coders, cells, { positions, codes });
      return codes;
    },
  };
}

/** The codes of the cells that are not plain, by the rule on their text. */
function codeTextCells(
  layout: ExtractLayout,
  coders: readonly BaseCoder[],
  cells: CsvChunkCells,
  into: { positions: readonly number[]; codes: readonly Int32Array[] },
): void {
  const { rules, ruledIndexes } = layout;
  const { positions, codes } = into;
  const { hasText, flags, width } = cells;
  for (let r = 0; r < cells.count; r++) {
    if (hasText[r] === 0) continue;
    for (const j of positions) {
      const c = ruledIndexes[j]!;
      if (flags[r * width + c] === plainCell) continue;
      const base = rules[j]!.base(cells.text(r, c));
      codes[j]![r] = base === undefined ? unreadableCode : coders[j]!.codeOfBase(base);
    }
  }
}

/** The day number of a date cell that its rule could read. */
function dayOfCell(cells: CsvChunkCells, r: number, c: number): number {
  const at = r * cells.width + c;
  if (cells.flags[at] !== plainCell) return isoDayNumber(cells.text(r, c).trim())!;
  const bytes = cells.bytes;
  const from = asciiTrimStart(bytes, cells.starts[at]!, cells.ends[at]!);
  return isoDayNumberOfBytes(bytes, from, asciiTrimEnd(bytes, from, cells.ends[at]!))!;
}

/**
 * Whether a cell, trimmed, is a finite number as `Number` reads it: digits (with a sign) on the
 * bytes, anything else (decimals, exponents, hexadecimal) by `Number` itself.
 */
export function isFiniteNumberCell(cells: CsvChunkCells, r: number, c: number): boolean {
  const at = r * cells.width + c;
  if (cells.flags[at] === plainCell) {
    const bytes = cells.bytes;
    const from = asciiTrimStart(bytes, cells.starts[at]!, cells.ends[at]!);
    const to = asciiTrimEnd(bytes, from, cells.ends[at]!);
    if (from === to) return false;
    let i = bytes[from] === 0x2d ? from + 1 : from;
    const digitsFrom = i;
    while (i < to && bytes[i]! >= 48 && bytes[i]! <= 57) i++;
    // Up to 15 digits always give a finite number; longer ones could overflow.
    if (i === to && i > digitsFrom && i - digitsFrom <= 15) return true;
  }
  const text = cells.text(r, c).trim();
  return text !== '' && Number.isFinite(Number(text));
}
