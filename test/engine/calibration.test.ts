import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.ts';
import { applyIsotonic, fitIsotonic } from '../../src/engine/calibration/isotonic.ts';
import { reliabilityTable } from '../../src/engine/calibration/reliabilityTable.ts';

test('fitIsotonic pools adjacent violators into known blocks', () => {
  const fit = fitIsotonic([1, 2, 3, 4, 5, 6], [0, 1, 0, 0, 1, 1]);
  assert.deepEqual([...fit.rates], [0, 1 / 3, 1]);
  assert.deepEqual([...fit.lowerScores], [1, 2, 5]);
  assert.deepEqual([...fit.upperScores], [1, 4, 6]);
  assert.equal(applyIsotonic(fit, 0), 0);
  assert.equal(applyIsotonic(fit, 3), 1 / 3);
  assert.ok(Math.abs(applyIsotonic(fit, 4.5) - 2 / 3) < 1e-15);
  assert.equal(applyIsotonic(fit, 9), 1);
});

test('fitIsotonic gives tied scores one rate and uses weights', () => {
  const fit = fitIsotonic([1, 1, 2], [0, 1, 1], [3, 1, 1]);
  assert.deepEqual([...fit.rates], [0.25, 1]);
});

test('isotonic calibration repairs overconfident scores (logit times 3)', () => {
  const random = createRandom(21);
  const n = 20000;
  const truth = new Float64Array(n);
  const scores = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = 0.02 + 0.96 * random.next();
    truth[i] = p;
    scores[i] = 1 / (1 + Math.exp(-3 * Math.log(p / (1 - p))));
    labels[i] = random.next() < p ? 1 : 0;
  }
  const half = n / 2;
  const fit = fitIsotonic(scores.subarray(0, half), labels.subarray(0, half));
  let errorBefore = 0;
  let errorAfter = 0;
  const calibrated = new Float64Array(half);
  for (let i = half; i < n; i++) {
    calibrated[i - half] = applyIsotonic(fit, scores[i]!);
    errorBefore += Math.abs(scores[i]! - truth[i]!) / half;
    errorAfter += Math.abs(calibrated[i - half]! - truth[i]!) / half;
  }
  assert.ok(errorBefore > 0.12, `before ${errorBefore}`);
  assert.ok(errorAfter < 0.03, `after ${errorAfter}`);

  const table = reliabilityTable(calibrated, labels.subarray(half), { binCount: 5 });
  assert.equal(
    table.reduce((sum, bin) => sum + bin.count, 0),
    half,
  );
  for (const bin of table) {
    assert.ok(Math.abs(bin.meanPredicted - bin.observedRate) < 0.05, JSON.stringify(bin));
  }
  const distorted = reliabilityTable(scores.subarray(half), labels.subarray(half), { binCount: 5 });
  assert.ok(distorted[0]!.observedRate - distorted[0]!.meanPredicted > 0.05);
});

test('reliabilityTable bins by quantile with known counts and rates', () => {
  const table = reliabilityTable([0.1, 0.2, 0.3, 0.4, 0.6, 0.9], [0, 0, 1, 0, 1, 1], {
    binCount: 3,
    strategy: 'quantile',
  });
  assert.deepEqual(
    table.map((bin) => [bin.count, bin.observedRate]),
    [
      [2, 0],
      [2, 0.5],
      [2, 1],
    ],
  );
  assert.ok(Math.abs(table[2]!.meanPredicted - 0.75) < 1e-15);
});
