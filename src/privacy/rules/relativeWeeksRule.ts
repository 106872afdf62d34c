import { suppressedFormat, suppressedValue, type ColumnRule } from './columnRule.ts';
import { isoDayNumber } from './isoDay.ts';

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
  };
}
