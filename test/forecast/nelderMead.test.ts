import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nelderMead } from '../../src/forecast/nelderMead.ts';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const rosenbrock = (x: ArrayLike<number>) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 4000, tolerance: 1e-14 });
    assert.ok(Math.abs(result.x[0]! - 1) < 1e-3, `x0 = ${result.x[0]}`);
    assert.ok(Math.abs(result.x[1]! - 1) < 1e-3, `x1 = ${result.x[1]}`);
    assert.ok(result.value < 1e-6);
  });

  it('stops at the evaluation budget', () => {
    const result = nelderMead((x) => (x[0]! - 3) ** 2, [0], { maxEvaluations: 10 });
    assert.ok(result.evaluations <= 12);
  });
});
