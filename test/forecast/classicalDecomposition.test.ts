import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classicalDecomposition } from '../../src/forecast/classicalDecomposition.ts';

describe('classicalDecomposition', () => {
  it('recovers an additive pattern on a linear trend exactly', () => {
    const pattern = [1, -1, 0.5, -0.5];
    const values = Array.from({ length: 20 }, (_, t) => 5 + 0.1 * t + pattern[t % 4]!);
    const result = classicalDecomposition(values, 4, 'additive');
    result.seasonalIndex.forEach((index, i) => assert.ok(Math.abs(index - pattern[i]!) < 1e-12));
    result.adjusted.forEach((value, t) => assert.ok(Math.abs(value - (5 + 0.1 * t)) < 1e-12));
  });

  it('recovers multiplicative factors around a constant level', () => {
    const factors = [1.2, 0.9, 0.8, 1.1];
    const values = Array.from({ length: 16 }, (_, t) => 4 * factors[t % 4]!);
    const result = classicalDecomposition(values, 4, 'multiplicative');
    result.seasonalIndex.forEach((index, i) => assert.ok(Math.abs(index - factors[i]!) < 1e-12));
  });

  it('refuses fewer than two cycles plus one value', () => {
    assert.throws(() => classicalDecomposition([1, 2, 3, 4, 5, 6, 7, 8], 4, 'additive'));
  });
});
