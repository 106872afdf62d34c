import { asciiTrimEnd, asciiTrimStart } from './asciiTrim.ts';
import {
  emptyCode,
  suppressedFormat,
  suppressedValue,
  unreadableCode,
  type CellRanges,
  type ColumnRule,
} from './columnRule.ts';
import { digitsOfBytes, isoDayNumber, isoDayNumberOfBytes } from './isoDay.ts';

/** Ages from 0 to 129 are read; anything else is taken for a typing error. */
const maxAgeYears = 130;

/**
 * Date of birth (YYYY-MM-DD) or birth year (YYYY) to an age band at the reference date. The base
 * value is the age in whole years; the bands widen to 2x and 4x the width before `*`.
 */
export function ageBandRule(widthYears: number, referenceDate: string): ColumnRule {
  const referenceYear = Number(referenceDate.slice(0, 4));
  const referenceMonthDay = referenceDate.slice(5, 10);
  const reference: AgeReference = {
    year: referenceYear,
    monthDay: Number(referenceDate.slice(5, 7)) * 100 + Number(referenceDate.slice(8, 10)),
  };
  const widths = [widthYears, widthYears * 2, widthYears * 4];
  // Every age and band as text once, not per row: both run for every row of both passes.
  const ageText = Array.from({ length: maxAgeYears }, (_, age) => String(age));
  const bandText = widths.map((width) =>
    ageText.map((_, age) => {
      const low = Math.floor(age / width) * width;
      return `${low}-${low + width - 1}`;
    }),
  );

  return {
    base(raw) {
      const text = raw.trim();
      if (text === '') return '';
      let ageYears: number;
      if (/^\d{4}$/.test(text)) {
        // A year alone: the age reached during the reference year, at most one year too high.
        ageYears = referenceYear - Number(text);
      } else {
        if (isoDayNumber(text) === undefined) return undefined;
        const monthDay = text.slice(5, 10);
        ageYears =
          referenceYear - Number(text.slice(0, 4)) - (referenceMonthDay < monthDay ? 1 : 0);
      }
      return ageYears >= 0 && ageYears < maxAgeYears ? ageText[ageYears] : undefined;
    },
    atLevel(base, level) {
      const bands = bandText[level];
      if (bands === undefined) return suppressedValue;
      if (base === '') return '';
      return bands[Number(base)]!;
    },
    levelCount: widths.length + 1,
    describe: (level) => {
      const width = widths[level];
      return width === undefined
        ? 'replaced by *'
        : `age band of ${width} years at ${referenceDate}`;
    },
    format: (level) => {
      const width = widths[level];
      return width === undefined
        ? suppressedFormat
        : { kind: 'age-band', widthYears: width, referenceDate };
    },
    expected: 'a date of birth as YYYY-MM-DD or a birth year as YYYY',
    // The code is the age in years.
    createCoder: () => ({
      codeOfBytes: (bytes, start, end) => ageOfBytes(reference, bytes, start, end),
      codeCells: (cells, column, into) => codeAgeCells(reference, cells, column, into),
      codeOfBase: (base) => (base === '' ? emptyCode : Number(base)),
      baseOfCode: (code) => (code === emptyCode ? '' : ageText[code]!),
    }),
  };
}

interface AgeReference {
  year: number;
  /** Month * 100 + day, which orders as the text MM-DD does. */
  monthDay: number;
}

/**
 * `base` on the bytes of a cell, as the age in years. The byte path's functions are plain
 * functions, not closures: V8 compiled the closures' loops to code about half as fast.
 */
function ageOfBytes(reference: AgeReference, bytes: Uint8Array, start: number, end: number) {
  const from = asciiTrimStart(bytes, start, end);
  const to = asciiTrimEnd(bytes, from, end);
  if (from === to) return emptyCode;
  const year = digitsOfBytes(bytes, from, Math.min(4, to - from));
  let ageYears: number;
  if (to - from === 4) {
    if (year < 0) return unreadableCode;
    ageYears = reference.year - year;
  } else {
    if (isoDayNumberOfBytes(bytes, from, to) === undefined) return unreadableCode;
    const monthDay = digitsOfBytes(bytes, from + 5, 2) * 100 + digitsOfBytes(bytes, from + 8, 2);
    ageYears = reference.year - year - (reference.monthDay < monthDay ? 1 : 0);
  }
  return ageYears >= 0 && ageYears < maxAgeYears ? ageYears : unreadableCode;
}

function codeAgeCells(
  reference: AgeReference,
  cells: CellRanges,
  column: number,
  into: Int32Array,
): void {
  const { bytes, starts, ends, flags, width, count } = cells;
  // The last plain cell read: a person's episodes repeat their birth date row after row, and
  // comparing ten bytes is cheaper than reading the date again.
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
    lastCode = ageOfBytes(reference, bytes, start, start + length);
    lastStart = start;
    lastLength = length;
    into[r] = lastCode;
  }
}
