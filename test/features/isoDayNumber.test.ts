import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayNumber } from '../../src/core/canonical/dates.ts';
import { digitsAt, isoDayNumber } from '../../src/features/isoDayNumber.ts';

test('isoDayNumber gives the day number of dates.ts for every day from 1899 to 2101', () => {
  const first = Date.UTC(1899, 0, 1);
  const last = Date.UTC(2101, 11, 31);
  let checked = 0;
  for (let ms = first; ms <= last; ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (isoDayNumber(date) !== dayNumber(date)) assert.fail(date);
    checked++;
  }
  assert.equal(checked, 203 * 365 + 49);
  assert.equal(isoDayNumber('1970-01-01'), 0);
  assert.equal(isoDayNumber('2024-02-29') - isoDayNumber('2024-02-28'), 1);
});

test('digitsAt reads the number written at a position', () => {
  assert.equal(digitsAt('2025-09-07', 0, 4), 2025);
  assert.equal(digitsAt('2025-09-07', 5, 2), 9);
  assert.equal(digitsAt('2025-09-07', 8, 2), 7);
});
