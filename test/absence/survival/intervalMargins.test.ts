import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intervalMargins } from '../../../src/absence/survival/intervalMargins.ts';
import { intervalMatrix } from '../../../src/absence/treeEncoding.ts';
import { createRandom } from '../../../src/core/random.ts';
import type { FeatureMatrix } from '../../../src/engine/trees/featureMatrix.ts';
import { trainGradientBoosting } from '../../../src/engine/trees/trainGradientBoosting.ts';
import { predictMargins } from '../../../src/engine/trees/treeEnsemble.ts';

const intervals = 7;

/** Covariates (one with missing values, one categorical) of `rowCount` episodes. */
function covariates(rowCount: number, seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const values = new Float64Array(rowCount * 3);
  for (let i = 0; i < rowCount; i++) {
    values[i] = random.normal();
    values[rowCount + i] = random.next() < 0.25 ? Number.NaN : random.normal();
    values[2 * rowCount + i] = Math.floor(random.next() * 4);
  }
  return { rowCount, featureCount: 3, values };
}

function everyInterval(matrix: FeatureMatrix): FeatureMatrix {
  const n = matrix.rowCount;
  return intervalMatrix(
    matrix,
    Int32Array.from({ length: n * intervals }, (_, r) => Math.floor(r / intervals)),
    Int32Array.from({ length: n * intervals }, (_, r) => r % intervals),
  );
}

async function hazardTrees(categorical: boolean) {
  const episodes = covariates(1500, 1);
  const rows = everyInterval(episodes);
  const random = createRandom(2);
  const labels = Array.from({ length: rows.rowCount }, (_, r) => {
    const interval = r % intervals;
    const x = rows.values[Math.floor(r / intervals)]!;
    return random.next() < 1 / (1 + Math.exp(-(x * (interval - 3) * 0.4 - 1))) ? 1 : 0;
  });
  const { model } = await trainGradientBoosting(rows, labels, {
    features: [
      { name: 'x', kind: 'numeric' },
      { name: 'y', kind: 'numeric' },
      { name: 'group', kind: categorical ? 'categorical' : 'numeric' },
      { name: 'interval', kind: 'numeric' },
    ],
    treeCount: 30,
    maxDepth: 4,
    learningRate: 0.3,
    threadCount: 1,
  });
  return model;
}

test('intervalMargins gives the engine’s margins for every interval, to the last bit', async () => {
  const model = await hazardTrees(false);
  const splitsOnInterval = Array.from(model.feature).filter((f) => f === 3).length;
  assert.ok(splitsOnInterval > 5, `splits on the interval: ${splitsOnInterval}`);
  const episodes = covariates(800, 3);
  assert.deepEqual(
    intervalMargins(model, episodes, intervals),
    predictMargins(model, everyInterval(episodes)),
  );
});

test('intervalMargins with categorical splits is the engine’s prediction', async () => {
  const model = await hazardTrees(true);
  assert.ok(Array.from(model.categorySlot).some((slot) => slot >= 0));
  const episodes = covariates(300, 4);
  assert.deepEqual(
    intervalMargins(model, episodes, intervals),
    predictMargins(model, everyInterval(episodes)),
  );
});
