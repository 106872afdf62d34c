import { asciiTrimEnd, asciiTrimStart } from './asciiTrim.ts';
import {
  emptyCode,
  suppressedFormat,
  suppressedValue,
  unreadableCode,
  type CellRanges,
  type ColumnRule,
} from './columnRule.ts';
import { isoDayNumber, isoDayNumberOfBytes } from './isoDay.ts';

const bucketWeeks = [1, 4, 13, 52];

/**
 * A date to whole weeks before (negative) or after the reference date. Calendar dates single
 * people out (DOMAIN.md: "dates alone can single a person out"); a week offset keeps the order and
 * the durations a model needs. Coarser levels group 4, 13 and 52 weeks.
 */
export function relativeWeeksRule(referenceDate: string): ColumnRule {
  const referenceDay = isoDayNumber(referenceDate)!;

  return {
    base(raw) {
      const text = raw.trim();
      if (text === '') return '';
      const day = isoDayNumber(text);
      return day === undefined ? undefined : String(Math.floor((day - referenceDay) / 7));
    },
    atLevel(base, level) {
      const size = bucketWeeks[level];
      if (size === undefined) return suppressedValue;
      if (base === '' || size === 1) return base;
      const low = Math.floor(Number(base) / size) * size;
      return `${low}..${low + size - 1}`;
    },
    levelCount: bucketWeeks.length + 1,
    describe: (level) => {
      const size = bucketWeeks[level];
      if (size === undefined) return 'replaced by *';
      return size === 1
        ? `weeks relative to ${referenceDate}`
        : `weeks relative to ${referenceDate}, in blocks of ${size}`;
    },
    format: (level) => {
      const size = bucketWeeks[level];
      return size === undefined
        ? suppressedFormat
        : { kind: 'relative-weeks', blockWeeks: size, referenceDate };
    },
    expected: 'a date as YYYY-MM-DD',
    // The code is the week offset itself; dates of years 0000 to 9999 keep it far from the
    // sentinel codes.
    createCoder: () => ({
      codeOfBytes: (bytes, start, end) => weekOfBytes(referenceDay, bytes, start, end),
      codeCells: (cells, column, into) => codeWeekCells(referenceDay, cells, column, into),
      codeOfBase: (base) => (base === '' ? emptyCode : Number(base)),
      baseOfCode: (code) => (code === emptyCode ? '' : String(code)),
    }),
  };
}

/** `base` on the bytes of a cell, as the week offset. A plain function: see ageBandRule.ts. */
function weekOfBytes(referenceDay: number, bytes: Uint8Array, start: number, end: number) {
  const from = asciiTrimStart(bytes, start, end);
  const to = asciiTrimEnd(bytes, from, end);
  if (from === to) return emptyCode;
  const day = isoDayNumberOfBytes(bytes, from, to);
  return day === undefined ? unreadableCode : Math.floor((day - referenceDay) / 7);
}

function codeWeekCells(
  referenceDay: number,
  cells: CellRanges,
  column: number,
  into: Int32Array,
): void {
  const { bytes, starts, ends, flags, width, count } = cells;
  for (let r = 0, at = column; r < count; r++, at += width) {
    into[r] =
      flags[at] === 0 ? weekOfBytes(referenceDay, bytes, starts[at]!, ends[at]!) : emptyCode;
  }
}
