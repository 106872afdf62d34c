import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { applyPlatt, fitPlatt, sigmoid } from '../../src/engine/calibration/platt.ts';
import { fitLogistic } from '../../src/engine/linear/logisticRegression.ts';
import { auc } from '../../src/engine/metrics/auc.ts';
import { brier } from '../../src/engine/metrics/brier.ts';
import { logLoss } from '../../src/engine/metrics/logLoss.ts';
import { stratifiedFolds } from '../../src/engine/validation/stratifiedFolds.ts';

test('auc counts pairs, ties as one half', () => {
  // Positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4, 0.8>0.1, 0.4=0.4, 0.4>0.1) = 3.5 / 4.
  assert.equal(auc([0.8, 0.4, 0.4, 0.1], [1, 1, 0, 0]), 0.875);
  assert.equal(auc([0.1, 0.2], [1, 0]), 0);
  assert.ok(Number.isNaN(auc([0.1, 0.2], [1, 1])));
});

test('brier and logLoss match hand-computed values', () => {
  assert.equal(brier([0.9, 0.2], [1, 0]), (0.01 + 0.04) / 2);
  assert.ok(Math.abs(logLoss([0.9, 0.2], [1, 0]) - -(Math.log(0.9) + Math.log(0.8)) / 2) < 1e-15);
});

test('stratifiedFolds puts every index in one test part and keeps the class shares', () => {
  const labels = Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const folds = stratifiedFolds(labels, 5, createRandom(1));
  const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
  assert.deepEqual(
    tested,
    labels.map((_, i) => i),
  );
  for (const fold of folds) {
    const positives = fold.test.filter((i) => labels[i] === 1).length;
    assert.ok(positives === 2 || positives === 3);
    assert.equal(fold.train.length + fold.test.length, labels.length);
  }
});

test('fitLogistic recovers the log odds of each group for one binary feature', () => {
  // Group 0: 2 of 10 positive; group 1: 6 of 10. The unpenalised MLE is exact.
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 10; i++) {
    rows.push(Float64Array.of(0));
    labels.push(i < 2 ? 1 : 0);
    rows.push(Float64Array.of(1));
    labels.push(i < 6 ? 1 : 0);
  }
  const fit = fitLogistic(rows, labels, { lambda: 1e-9 });
  assert.ok(Math.abs(fit.intercept - Math.log(2 / 8)) < 1e-6);
  assert.ok(Math.abs(fit.coefficients[0]! - (Math.log(6 / 4) - Math.log(2 / 8))) < 1e-6);
});

test('fitLogistic shrinks coefficients as lambda grows', () => {
  const random = createRandom(2);
  const rows = Array.from({ length: 300 }, () => Float64Array.of(random.normal(), random.normal()));
  const labels = rows.map((x) => (random.next() < sigmoid(1.5 * x[0]! - x[1]!) ? 1 : 0));
  const loose = fitLogistic(rows, labels, { lambda: 0.01 });
  const tight = fitLogistic(rows, labels, { lambda: 100 });
  assert.ok(Math.abs(loose.coefficients[0]! - 1.5) < 0.4);
  assert.ok(Math.abs(tight.coefficients[0]!) < Math.abs(loose.coefficients[0]!));
});

test('fitPlatt undoes a known distortion of the margin', () => {
  const random = createRandom(3);
  const margins: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const trueMargin = random.normal() * 1.5 - 1;
    labels.push(random.next() < sigmoid(trueMargin) ? 1 : 0);
    margins.push(3 * trueMargin + 2); // overconfident and shifted
  }
  const scaling = fitPlatt(margins, labels);
  assert.ok(Math.abs(scaling.slope - 1 / 3) < 0.02, `slope ${scaling.slope}`);
  assert.ok(Math.abs(scaling.intercept - -2 / 3) < 0.06, `intercept ${scaling.intercept}`);
  assert.ok(Math.abs(applyPlatt(scaling, 2) - 0.5) < 0.02);
});
