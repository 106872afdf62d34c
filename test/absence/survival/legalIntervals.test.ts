import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandIntervals } from '../../../src/absence/survival/legalIntervals.ts';

test('expandIntervals gives one row per interval at risk and labels the interval of the end', () => {
  // Knots in days: 0, 42, 91, 182, 294, 364, 546, 728.
  const rows = expandIntervals([
    { durationDays: 3, isEnded: true },
    { durationDays: 100, isEnded: true },
    { durationDays: 42, isEnded: true },
  ]);
  assert.deepEqual(Array.from(rows.episodeIndex), [0, 1, 1, 1, 2]);
  assert.deepEqual(Array.from(rows.intervalIndex), [0, 0, 1, 2, 0]);
  assert.deepEqual(Array.from(rows.labels), [1, 0, 0, 1, 1]);
  assert.deepEqual(Array.from(rows.weights), [1, 1, 1, 1, 1]);
});

test('expandIntervals counts a censored episode at risk for the share of the interval it was seen', () => {
  const rows = expandIntervals([{ durationDays: 63, isEnded: false }]);
  assert.deepEqual(Array.from(rows.intervalIndex), [0, 1]);
  assert.deepEqual(Array.from(rows.labels), [0, 0]);
  assert.equal(rows.weights[0], 1);
  assert.ok(Math.abs(rows.weights[1]! - 21 / 49) < 1e-12);
});

test('expandIntervals leaves out an episode censored on the day of its report', () => {
  const rows = expandIntervals([{ durationDays: 0, isEnded: false }]);
  assert.equal(rows.episodeIndex.length, 0);
});
