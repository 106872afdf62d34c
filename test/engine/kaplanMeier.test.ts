import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeier, survivalAt } from '../../src/engine/survival/kaplanMeier.ts';

test('kaplanMeier matches a hand-computed curve with Greenwood log-log limits', () => {
  const curve = kaplanMeier([1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1]);
  assert.deepEqual([...curve.times], [1, 2, 3, 5]);
  assert.deepEqual([...curve.atRisk], [6, 5, 3, 1]);
  const expected = [5 / 6, (5 / 6) * (4 / 5), (5 / 6) * (4 / 5) * (2 / 3), 0];
  curve.survival.forEach((s, k) => assert.ok(Math.abs(s - expected[k]!) < 1e-15));
  // t = 1: Greenwood 1/30, se = sqrt(1/30) / |log(5/6)|; S^exp(+-1.96 se) = 0.2732, 0.9747.
  assert.ok(Math.abs(curve.lower[0]! - 0.2732) < 1e-4, `${curve.lower[0]}`);
  assert.ok(Math.abs(curve.upper[0]! - 0.9747) < 1e-4, `${curve.upper[0]}`);
  assert.equal(survivalAt(curve, 0.5), 1);
  assert.ok(Math.abs(survivalAt(curve, 2) - 2 / 3) < 1e-15);
  assert.equal(survivalAt(curve, 4.9), curve.survival[2]);
});
