import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom, shuffled } from '../../src/core/random.ts';

test('createRandom gives the same stream for the same seed and another for another seed', () => {
  const a = createRandom(7);
  const b = createRandom(7);
  const c = createRandom(8);
  const fromA = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(
    fromA,
    Array.from({ length: 5 }, () => b.next()),
  );
  assert.notDeepEqual(
    fromA,
    Array.from({ length: 5 }, () => c.next()),
  );
});

test('createRandom draws uniforms in [0, 1) with mean 1/2 and normals with mean 0 and sd 1', () => {
  const random = createRandom(1);
  const n = 100_000;
  let sumUniform = 0;
  let sumNormal = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const u = random.next();
    assert.ok(u >= 0 && u < 1);
    sumUniform += u;
    const z = random.normal();
    sumNormal += z;
    sumSquares += z * z;
  }
  assert.ok(Math.abs(sumUniform / n - 0.5) < 0.005);
  assert.ok(Math.abs(sumNormal / n) < 0.01);
  assert.ok(Math.abs(sumSquares / n - 1) < 0.02);
});

test('shuffled returns a permutation and leaves its input alone', () => {
  const items = [1, 2, 3, 4, 5, 6, 7, 8];
  const result = shuffled(items, createRandom(3));
  assert.deepEqual(items, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(
    [...result].sort((x, y) => x - y),
    items,
  );
  assert.notDeepEqual(result, items);
});
