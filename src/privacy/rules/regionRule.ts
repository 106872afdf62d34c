import { asciiTrimEnd, asciiTrimStart } from './asciiTrim.ts';
import {
  emptyCode,
  suppressedFormat,
  suppressedValue,
  unreadableCode,
  type CellRanges,
  type ColumnRule,
  type ValueFormat,
} from './columnRule.ts';
import { partOfCountryOf, provinceOfPc2 } from './provinces.ts';

const pc2Text = Array.from({ length: 100 }, (_, pc2) => String(pc2));

/**
 * A Dutch postcode (1234 AB, 1234AB, 1234, with or without house number) to a region: the PC2
 * (first two digits, about 90 areas) or the province. The base value is always the PC2, so that a
 * raw postcode never stays in memory after the row is read.
 */
export function regionRule(level: 'pc2' | 'province'): ColumnRule {
  const ladder =
    level === 'pc2'
      ? [(pc2: string) => pc2, (pc2: string) => `${pc2[0]}x`]
      : [
          (pc2: string) => provinceOfPc2(Number(pc2)) ?? '',
          (pc2: string) => partOfCountryOf(provinceOfPc2(Number(pc2)) ?? '') ?? '',
        ];
  const descriptions =
    level === 'pc2'
      ? ['first two digits of the postcode (PC2)', 'first digit of the postcode']
      : ['province (approximate, from the PC2)', 'part of the country (landsdeel)'];

  const formats: ValueFormat[] =
    level === 'pc2'
      ? [
          { kind: 'region', level: 'pc2' },
          { kind: 'region', level: 'pc1' },
        ]
      : [
          { kind: 'region', level: 'province' },
          { kind: 'region', level: 'part-of-country' },
        ];

  return {
    base(raw) {
      const text = raw.trim();
      if (text === '') return '';
      // Four digits, the first not 0, then the end, a space or the letters: by character codes,
      // because this runs for every row and a full address rarely repeats.
      for (let i = 0; i < 4; i++) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57 || (i === 0 && code === 48)) return undefined;
      }
      const next = text.charCodeAt(4);
      const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
      if (text.length > 4 && next !== 32 && !isLetter) return undefined;
      return pc2Text[(text.charCodeAt(0) - 48) * 10 + text.charCodeAt(1) - 48];
    },
    atLevel(base, levelIndex) {
      const step = ladder[levelIndex];
      if (step === undefined) return suppressedValue;
      return base === '' ? '' : step(base);
    },
    levelCount: ladder.length + 1,
    describe: (levelIndex) => descriptions[levelIndex] ?? 'replaced by *',
    format: (levelIndex) => formats[levelIndex] ?? suppressedFormat,
    expected: 'a Dutch postcode as 1234 AB or 1234',
    // The code is the PC2 as a number.
    createCoder: () => ({
      codeOfBytes: pc2OfBytes,
      codeCells: codePc2Cells,
      codeOfBase: (base) => (base === '' ? emptyCode : Number(base)),
      baseOfCode: (code) => (code === emptyCode ? '' : pc2Text[code]!),
    }),
  };
}

/**
 * `base` on the bytes of a cell, as the PC2 number. As `base`, it reads the digits that are
 * there: a text of two or three digits passes the four-digit check (there is no fifth character
 * to refuse). A plain function, not a closure: V8 compiles closures' loops to slower code.
 */
function pc2OfBytes(bytes: Uint8Array, start: number, end: number): number {
  const from = asciiTrimStart(bytes, start, end);
  const to = asciiTrimEnd(bytes, from, end);
  const length = to - from;
  if (length === 0) return emptyCode;
  for (let i = 0; i < 4 && i < length; i++) {
    const code = bytes[from + i]!;
    if (code < 48 || code > 57 || (i === 0 && code === 48)) return unreadableCode;
  }
  if (length > 4) {
    const next = bytes[from + 4]!;
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (next !== 32 && !isLetter) return unreadableCode;
  }
  if (length < 2) return unreadableCode;
  return (bytes[from]! - 48) * 10 + bytes[from + 1]! - 48;
}

function codePc2Cells(cells: CellRanges, column: number, into: Int32Array): void {
  const { bytes, starts, ends, flags, width, count } = cells;
  for (let r = 0, at = column; r < count; r++, at += width) {
    into[r] = flags[at] === 0 ? pc2OfBytes(bytes, starts[at]!, ends[at]!) : emptyCode;
  }
}
