import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { newEventId } from '../../src/service/newEventId.ts';

test('newEventId makes version-7 UUIDs that carry their millisecond', () => {
  const nowMs = Date.UTC(2026, 11, 4, 10, 30, 0, 123);
  const id = newEventId(nowMs + 60_000);

  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(z.uuid().safeParse(id).success, true);
  assert.equal(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16), nowMs + 60_000);
});

test('newEventId only goes up, within a millisecond and when the clock goes back', () => {
  const startMs = Date.UTC(2027, 0, 1);
  // 5,000 ids in one millisecond overflow the 12-bit counter; then the clock goes back.
  const ids = [
    ...Array.from({ length: 5000 }, () => newEventId(startMs)),
    ...Array.from({ length: 10 }, () => newEventId(startMs - 1000)),
    newEventId(startMs + 10_000),
  ];

  for (let i = 1; i < ids.length; i++)
    assert.ok(ids[i - 1]! < ids[i]!, `id ${i} sorts after ${i - 1}`);
  assert.equal(new Set(ids).size, ids.length);
});
