import assert from 'node:assert/strict';
import { test } from 'node:test';
import { episodeSchema } from '../../src/core/canonical/episode.ts';

function issuesOf(fields: object): { path: string; message: string }[] {
  const parsed = episodeSchema.safeParse({ episodeId: 'S1', employeeId: 'E1', ...fields });
  return (parsed.error?.issues ?? []).map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
}

test('episodeSchema takes a startWeekday that is the ISO weekday of startDate', () => {
  // 2023-03-08 was a Wednesday.
  assert.deepEqual(
    issuesOf({ startDate: '2023-03-08', startMonth: '2023-03', startWeekday: 3 }),
    [],
  );
  assert.deepEqual(issuesOf({ startMonth: '2023-03', startWeekday: 5 }), []);
});

test('episodeSchema refuses a startWeekday that contradicts startDate', () => {
  for (const startWeekday of [2, 4, 7]) {
    assert.deepEqual(issuesOf({ startDate: '2023-03-08', startMonth: '2023-03', startWeekday }), [
      {
        path: 'startWeekday',
        message:
          'startWeekday must be the ISO weekday of startDate (1 Monday ... 7 Sunday): correct it, or leave it empty',
      },
    ]);
  }
});

test('episodeSchema reports an invalid startDate once, without knock-on month, weekday or end checks', () => {
  assert.deepEqual(
    issuesOf({
      startDate: '2023-02-30',
      startMonth: '2023-03',
      startWeekday: 1,
      endDate: '2023-02-01',
    }),
    [{ path: 'startDate', message: 'not a calendar date' }],
  );
  assert.deepEqual(
    issuesOf({ startDate: '2023-3-8', startMonth: '2023-03' }).map((i) => i.path),
    ['startDate'],
  );
  assert.deepEqual(
    issuesOf({ startDate: '2023-03-08', startMonth: '2023-3' }).map((i) => i.path),
    ['startMonth'],
  );
});

test('episodeSchema still compares the fields that are valid on their own', () => {
  assert.deepEqual(
    issuesOf({
      startDate: '2023-03-08',
      startMonth: '2023-04',
      startWeekday: 4,
      endDate: '2023-03-01',
    }).map((i) => i.path),
    ['startMonth', 'startWeekday', 'endDate'],
  );
});
