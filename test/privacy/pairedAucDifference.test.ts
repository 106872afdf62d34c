import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { auc, aucWithConfidence } from '../../src/engine/index.ts';
import { pairedAucDifference } from '../../src/privacy/pairedAucDifference.ts';

/**
 * Persons with 1-5 episodes each; a person's frailty moves both the label and the scores, and
 * score A errs by person (as a coarsened attribute of the person does), B by episode.
 */
function clusteredRows(persons: number, seed: number) {
  const random = createRandom(seed);
  const scoresA: number[] = [];
  const scoresB: number[] = [];
  const labels: number[] = [];
  const clusters: number[] = [];
  for (let p = 0; p < persons; p++) {
    const frailty = random.normal();
    const personError = random.normal();
    const episodes = 1 + random.int(5);
    for (let e = 0; e < episodes; e++) {
      const risk = frailty + random.normal();
      labels.push(risk + random.normal() > 1 ? 1 : 0);
      scoresA.push(risk + 0.8 * personError);
      scoresB.push(risk + 1.0 * random.normal());
      clusters.push(p);
    }
  }
  return { scoresA, scoresB, labels, clusters };
}

test('pairedAucDifference gives both AUCs and, per row, the DeLong standard error', () => {
  const { scoresA, labels } = clusteredRows(300, 1);
  const rows = labels.map((_, i) => i);
  const constant = labels.map(() => 0);
  const result = pairedAucDifference(scoresA, constant, labels, rows);
  assert.ok(Math.abs(result.aucA - auc(scoresA, labels)) < 1e-12);
  assert.equal(result.aucB, 0.5);
  // Against a constant score the difference varies as the AUC itself: DeLong's standard error,
  // up to DeLong's n - 1 per class where the clustered form has K - 1 over all rows.
  const delong = aucWithConfidence(scoresA, labels);
  assert.ok(Math.abs(result.standardError / delong.standardError - 1) < 0.01);
  assert.equal(result.clusters, labels.length);
});

test('pairedAucDifference agrees with a bootstrap over persons, and clustering widens it', () => {
  const { scoresA, scoresB, labels, clusters } = clusteredRows(600, 2);
  const result = pairedAucDifference(scoresA, scoresB, labels, clusters);
  assert.equal(result.clusters, 600);
  assert.ok(result.lower < result.difference && result.difference < result.upper);

  // Resample persons with replacement, all their rows together.
  const rowsOf = new Map<number, number[]>();
  clusters.forEach((c, i) => rowsOf.set(c, [...(rowsOf.get(c) ?? []), i]));
  const random = createRandom(3);
  const differences: number[] = [];
  for (let b = 0; b < 400; b++) {
    const rows: number[] = [];
    for (let p = 0; p < 600; p++) rows.push(...rowsOf.get(random.int(600))!);
    const pick = (values: number[]) => rows.map((i) => values[i]!);
    differences.push(auc(pick(scoresA), pick(labels)) - auc(pick(scoresB), pick(labels)));
  }
  const mean = differences.reduce((s, d) => s + d, 0) / differences.length;
  const sd = Math.sqrt(differences.reduce((s, d) => s + (d - mean) ** 2, 0) / 399);
  assert.ok(Math.abs(result.standardError / sd - 1) < 0.15, `${result.standardError} vs ${sd}`);

  // Treating every row as its own person understates the uncertainty here.
  const perRow = pairedAucDifference(
    scoresA,
    scoresB,
    labels,
    labels.map((_, i) => i),
  );
  assert.equal(perRow.difference, result.difference);
  assert.ok(
    perRow.standardError < 0.95 * result.standardError,
    `${perRow.standardError} vs ${result.standardError}`,
  );
});

test('pairedAucDifference is NaN without both classes', () => {
  const result = pairedAucDifference([1, 2], [2, 1], [1, 1], [0, 1]);
  assert.ok(Number.isNaN(result.standardError) && Number.isNaN(result.difference));
});
