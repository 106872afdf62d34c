import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMonthsClamped,
  isoDateSchema,
  isoWeekdayOfDate,
} from '../../src/core/canonical/dates.ts';
import { dayNumberFromIso, isoWeekdayOf } from '../../src/synth/dayNumber.ts';

const at = (iso: string) => new Date(iso);

test('addMonthsClamped keeps the day and time, or takes the month’s last day when it has none', () => {
  const cases: [string, number, string][] = [
    ['2026-06-15T10:00:00.000Z', 1, '2026-07-15T10:00:00.000Z'],
    ['2026-01-31T08:30:00.000Z', 1, '2026-02-28T08:30:00.000Z'],
    ['2028-01-31T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-08-31T12:00:00.000Z', -6, '2026-02-28T12:00:00.000Z'],
    ['2026-12-31T00:00:00.000Z', -6, '2026-06-30T00:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', -13, '2025-02-28T00:00:00.000Z'],
    ['2026-11-30T00:00:00.000Z', 3, '2027-02-28T00:00:00.000Z'],
  ];
  for (const [from, months, expected] of cases) {
    assert.equal(addMonthsClamped(at(from), months).toISOString(), expected, `${from} ${months}`);
  }
});

test('isoWeekdayOfDate counts Monday as 1 and Sunday as 7, as the generator writes startWeekday', () => {
  assert.equal(isoWeekdayOfDate('2023-03-06'), 1);
  assert.equal(isoWeekdayOfDate('2023-03-08'), 3);
  assert.equal(isoWeekdayOfDate('2023-03-12'), 7);
  assert.equal(isoWeekdayOfDate('1969-12-31'), 3);
  for (let day = 0; day < 800; day += 13) {
    const date = new Date(Date.UTC(2022, 0, 1 + day)).toISOString().slice(0, 10);
    assert.equal(isoWeekdayOfDate(date), isoWeekdayOf(dayNumberFromIso(date)), date);
  }
});

test('isoDateSchema reports a text of the wrong shape once, not also as no calendar date', () => {
  const parsed = isoDateSchema.safeParse('2024-2-3');
  assert.deepEqual(
    parsed.error?.issues.map((issue) => issue.message),
    ['expected a date as YYYY-MM-DD'],
  );
});
