import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainByPatterns } from '../../src/absence/explainByPatterns.ts';
import { createRandom } from '../../src/core/random.ts';
import { explainMargins } from '../../src/engine/shap/treeShap.ts';
import type { FeatureMatrix } from '../../src/engine/trees/featureMatrix.ts';
import { trainGradientBoosting } from '../../src/engine/trees/trainGradientBoosting.ts';

/** Rows with numeric features (some missing) and one categorical feature of five codes. */
function table(rowCount: number, seed: number): { matrix: FeatureMatrix; labels: number[] } {
  const random = createRandom(seed);
  const featureCount = 6;
  const values = new Float64Array(rowCount * featureCount);
  const labels: number[] = [];
  for (let i = 0; i < rowCount; i++) {
    let score = -1;
    for (let f = 0; f < featureCount; f++) {
      const x = f === 5 ? Math.floor(random.next() * 5) : random.normal();
      values[f * rowCount + i] = f === 2 && random.next() < 0.2 ? Number.NaN : x;
      score += f === 5 ? (x === 3 ? 1 : 0) : f < 3 ? x * (f + 1) * 0.5 : 0;
    }
    score += (values[rowCount + i]! > 0 ? 1 : -1) * (values[i]! > 0.5 ? 1 : 0);
    labels.push(random.next() < 1 / (1 + Math.exp(-score)) ? 1 : 0);
  }
  return { matrix: { rowCount, featureCount, values }, labels };
}

const numeric = (kinds: number) =>
  Array.from({ length: 6 }, (_, f) => ({
    name: `f${f}`,
    kind: f === 5 && kinds === 1 ? ('categorical' as const) : ('numeric' as const),
  }));

async function compare(maxDepth: number, categorical: 0 | 1): Promise<number> {
  const train = table(3000, 1);
  const { model } = await trainGradientBoosting(train.matrix, train.labels, {
    features: numeric(categorical),
    treeCount: 40,
    maxDepth,
    learningRate: 0.2,
    threadCount: 1,
  });
  const rows = table(5000, 2).matrix;
  const engine = explainMargins(model, rows);
  const ours = explainByPatterns(model, rows);
  assert.equal(ours.baseMargin, engine.baseMargin);
  assert.equal(ours.featureCount, engine.featureCount);
  let largest = 0;
  for (let k = 0; k < engine.contributions.length; k++) {
    largest = Math.max(largest, Math.abs(ours.contributions[k]! - engine.contributions[k]!));
  }
  return largest;
}

test('explainByPatterns gives the engine’s TreeSHAP values on shallow numeric trees', async () => {
  assert.ok((await compare(3, 0)) < 1e-12);
  assert.ok((await compare(1, 0)) < 1e-12);
});

test('explainByPatterns gives the engine’s values with categorical splits and deep trees', async () => {
  // Categorical splits and trees of more than 15 splits go to the engine as they are.
  assert.ok((await compare(3, 1)) < 1e-12);
  assert.ok((await compare(6, 0)) < 1e-12);
});

test('explainByPatterns on a batch too small for patterns is the engine’s explanation', async () => {
  const train = table(2000, 3);
  const { model } = await trainGradientBoosting(train.matrix, train.labels, {
    features: numeric(0),
    treeCount: 10,
    maxDepth: 3,
    threadCount: 1,
  });
  const rows = table(7, 4).matrix;
  assert.deepEqual(explainByPatterns(model, rows), explainMargins(model, rows));
});
