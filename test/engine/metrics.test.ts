import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.ts';
import {
  auc,
  aucWithConfidence,
  calibrationSlope,
  concordanceIndex,
  integratedBrierScore,
  thresholdTable,
  timeDependentAuc,
} from '../../src/engine/metrics/index.ts';

const close = (actual: number, expected: number, tolerance: number): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

test('aucWithConfidence gives DeLong standard error on a hand-worked example', () => {
  const estimate = aucWithConfidence([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  close(estimate.auc, 0.75, 1e-15);
  // Placements 0.5, 1 (positives) and 1, 0.5 (negatives): variance 0.125/2 + 0.125/2.
  close(estimate.standardError, Math.sqrt(0.125), 1e-15);
  close(estimate.lower, 0.75 - 1.959963985 * Math.sqrt(0.125), 1e-8);
  assert.equal(estimate.upper, 1);
});

test('aucWithConfidence agrees with auc and covers it on random data', () => {
  const random = createRandom(3);
  const scores = Array.from({ length: 500 }, () => random.normal());
  const labels = scores.map((s) => (random.next() < 1 / (1 + Math.exp(-s)) ? 1 : 0));
  const estimate = aucWithConfidence(scores, labels);
  close(estimate.auc, auc(scores, labels), 1e-12);
  assert.ok(estimate.lower < estimate.auc && estimate.auc < estimate.upper);
  close(estimate.upper - estimate.lower, 2 * 1.96 * estimate.standardError, 1e-3);
});

test('calibrationSlope recovers a slope of 1/3 from logit-times-3 scores', () => {
  const random = createRandom(4);
  const n = 40000;
  const probabilities = new Float64Array(n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const margin = random.normal() * 1.5;
    probabilities[i] = 1 / (1 + Math.exp(-3 * margin));
    labels[i] = random.next() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
  }
  const fit = calibrationSlope(probabilities, labels);
  close(fit.slope, 1 / 3, 0.02);
  close(fit.intercept, 0, 0.03);
  const calibrated = calibrationSlope(
    Float64Array.from(probabilities, (p) => 1 / (1 + Math.exp(-Math.log(p / (1 - p)) / 3))),
    labels,
  );
  close(calibrated.slope, 1, 0.06);
  close(calibrated.interceptInTheLarge, 0, 0.03);
});

test('concordanceIndex counts comparable pairs with ties on a hand-worked example', () => {
  assert.equal(concordanceIndex([3, 2, 1], [1, 2, 3], [1, 1, 1]), 1);
  assert.equal(concordanceIndex([1, 2, 3], [1, 2, 3], [1, 1, 1]), 0);
  // Pairs: (0,1) (0,2) (0,3) concordant; (2,3) tied scores; the censored row starts no pair.
  assert.equal(concordanceIndex([0.9, 0.5, 0.6, 0.6], [1, 2, 3, 4], [1, 0, 1, 1]), 3.5 / 4);
});

test('concordanceIndex equals a brute-force count on random censored data', () => {
  const random = createRandom(6);
  const n = 300;
  const risk = Array.from({ length: n }, () => random.int(20));
  const durations = Array.from({ length: n }, () => 1 + random.int(30));
  const events = Array.from({ length: n }, () => (random.next() < 0.7 ? 1 : 0));
  let concordant = 0;
  let comparable = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (events[i] !== 1 || !(durations[i]! < durations[j]!)) continue;
      comparable++;
      concordant += risk[i]! > risk[j]! ? 1 : risk[i] === risk[j] ? 0.5 : 0;
    }
  }
  close(concordanceIndex(risk, durations, events), concordant / comparable, 1e-12);
});

test('timeDependentAuc weights cases by the inverse censoring survival', () => {
  // Cases by t = 4: rows 0 and 2; controls: rows 3 and 4. G(1-) = 1, G(3-) = 3/4.
  const value = timeDependentAuc([5, 4, 0.5, 2, 1], [1, 2, 3, 5, 6], [1, 0, 1, 1, 0], 4);
  close(value, 3 / 7, 1e-15);
  // Without censoring it is the plain AUC of "ended by the horizon" against the rest.
  const risk = [0.9, 0.2, 0.7, 0.4, 0.3, 0.8];
  const durations = [2, 9, 3, 4, 8, 7];
  close(
    timeDependentAuc(risk, durations, [1, 1, 1, 1, 1, 1], 5),
    auc(
      risk,
      durations.map((d) => (d <= 5 ? 1 : 0)),
    ),
    1e-15,
  );
});

test('integratedBrierScore is 0 for perfect curves and 0.25 for coin flips', () => {
  const durations = [1, 2, 3, 4];
  const events = [1, 1, 1, 1];
  const times = [0.5, 1.5, 2.5, 3.5];
  const perfect = durations.flatMap((d) => times.map((t) => (d > t ? 1 : 0)));
  assert.equal(integratedBrierScore(perfect, times, durations, events).integrated, 0);
  const coin = new Array<number>(16).fill(0.5);
  const curve = integratedBrierScore(coin, times, durations, events);
  assert.deepEqual([...curve.scores], [0.25, 0.25, 0.25, 0.25]);
  assert.equal(curve.integrated, 0.25);
});

test('thresholdTable reports sensitivity, false alarms, flagged share and PPV', () => {
  const rows = thresholdTable([0.9, 0.8, 0.6, 0.4, 0.2], [1, 0, 1, 0, 0], [0.5, 0.95]);
  assert.deepEqual(rows[0], {
    cutoff: 0.5,
    flaggedShare: 0.6,
    sensitivity: 1,
    falseAlarmRate: 1 / 3,
    ppv: 2 / 3,
    truePositives: 2,
    falsePositives: 1,
  });
  assert.equal(rows[1]!.flaggedShare, 0);
  assert.ok(Number.isNaN(rows[1]!.ppv));
});
