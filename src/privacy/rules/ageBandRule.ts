import { suppressedFormat, suppressedValue, type ColumnRule } from './columnRule.ts';
import { isoDayNumber } from './isoDay.ts';

/** Ages from 0 to 129 are read; anything else is taken for a typing error. */
const maxAgeYears = 130;

/**
 * Date of birth (YYYY-MM-DD) or birth year (YYYY) to an age band at the reference date. The base
 * value is the age in whole years; the bands widen to 2x and 4x the width before `*`.
 */
export function ageBandRule(widthYears: number, referenceDate: string): ColumnRule {
  const referenceYear = Number(referenceDate.slice(0, 4));
  const referenceMonthDay = referenceDate.slice(5, 10);
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
  };
}
