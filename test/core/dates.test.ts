import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonthsClamped } from '../../src/core/canonical/dates.ts';

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
