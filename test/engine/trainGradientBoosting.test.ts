import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.ts';
import { auc } from '../../src/engine/metrics/auc.ts';
import {
  featureMatrixFromColumns,
  featureMatrixFromRows,
  selectRows,
  type FeatureMatrix,
} from '../../src/engine/trees/featureMatrix.ts';
import {
  explainMarginsParallel,
  predictMarginsParallel,
} from '../../src/engine/parallel/rowParallel.ts';
import { explainMargins } from '../../src/engine/shap/treeShap.ts';
import { toCompleteForest } from '../../src/engine/trees/completeForest.ts';
import { trainGradientBoosting } from '../../src/engine/trees/trainGradientBoosting.ts';
import {
  packTrees,
  predictMargins,
  predictMarginsOfRows,
  predictProbabilities,
  traverseMargins,
  type TreeNode,
} from '../../src/engine/trees/treeEnsemble.ts';

/** y ~ Bernoulli(sigmoid(sin(2 x0) + x1^2 - 1 + x2)), x2 missing in 10% of rows (then +1). */
function simulate(rowCount: number, seed: number): { matrix: FeatureMatrix; labels: Float64Array } {
  const random = createRandom(seed);
  const columns = Array.from({ length: 5 }, () => new Float64Array(rowCount));
  const labels = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    for (const column of columns) column[i] = random.normal();
    if (random.next() < 0.1) columns[2]![i] = Number.NaN;
    const x2 = columns[2]![i]!;
    const margin = Math.sin(2 * columns[0]![i]!) + columns[1]![i]! ** 2 - 1 + (x2 === x2 ? x2 : 1);
    labels[i] = random.next() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
  }
  return { matrix: featureMatrixFromColumns(columns), labels };
}

test('trainGradientBoosting fits a stump with the Newton leaf weights', async () => {
  const matrix = featureMatrixFromRows([[1], [2], [3], [4]]);
  const { model } = await trainGradientBoosting(matrix, [0, 0, 1, 1], {
    treeCount: 1,
    maxDepth: 1,
    lambda: 0,
    learningRate: 1,
    minChildWeight: 0,
    threadCount: 1,
  });
  assert.equal(model.baseMargin, 0);
  assert.equal(model.threshold[0], 2.5);
  // Gradients p - y = +-0.5 and hessians 0.25 per row: weights -G/H = -2 and +2.
  assert.deepEqual([...model.value.subarray(1)], [-2, 2]);
  assert.deepEqual([...model.cover], [1, 0.5, 0.5]);
  assert.deepEqual([...predictMargins(model, matrix)], [-2, -2, 2, 2]);
});

test('trainGradientBoosting learns a nonlinear signal and generalises', async () => {
  const train = simulate(4000, 1);
  const holdout = simulate(2000, 2);
  const { model } = await trainGradientBoosting(train.matrix, train.labels, {
    treeCount: 60,
    maxDepth: 4,
    threadCount: 1,
  });
  const score = auc(predictProbabilities(model, holdout.matrix), holdout.labels);
  assert.ok(score > 0.76 && score < 0.85, `AUC ${score}`);
  assert.equal(model.treeRoots.length, 60);
});

test('trainGradientBoosting gives the same model on one and two threads', async () => {
  const { matrix, labels } = simulate(3000, 3);
  const options = { treeCount: 15, maxDepth: 5, subsample: 0.7, colsampleByTree: 0.8, seed: 9 };
  const one = await trainGradientBoosting(matrix, labels, { ...options, threadCount: 1 });
  const two = await trainGradientBoosting(matrix, labels, { ...options, threadCount: 2 });
  assert.deepEqual([...two.model.value], [...one.model.value]);
  assert.deepEqual([...two.model.threshold], [...one.model.threshold]);
  assert.deepEqual([...two.model.feature], [...one.model.feature]);
  const again = await trainGradientBoosting(matrix, labels, { ...options, threadCount: 1 });
  assert.deepEqual([...again.model.value], [...one.model.value]);
  const otherSeed = await trainGradientBoosting(matrix, labels, { ...options, seed: 10 });
  assert.notDeepEqual([...otherSeed.model.value], [...one.model.value]);
});

test('trainGradientBoosting learns where missing values go', async () => {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 400; i++) {
    const isMissing = i % 4 === 0;
    rows.push([isMissing ? NaN : (i % 50) / 10]);
    labels.push(isMissing ? 1 : (i % 50) / 10 > 4 ? 1 : 0);
  }
  const { model } = await trainGradientBoosting(featureMatrixFromRows(rows), labels, {
    treeCount: 20,
    maxDepth: 2,
    threadCount: 1,
  });
  const p = predictProbabilities(model, featureMatrixFromRows([[NaN], [1], [4.5]]));
  assert.ok(p[0]! > 0.8 && p[1]! < 0.2 && p[2]! > 0.8, [...p].join());
});

test('trainGradientBoosting splits categorical features by category set', async () => {
  const random = createRandom(4);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 600; i++) {
    const code = random.int(6);
    rows.push([code, random.normal()]);
    labels.push(random.next() < (code === 1 || code === 4 ? 0.9 : 0.1) ? 1 : 0);
  }
  const { model } = await trainGradientBoosting(featureMatrixFromRows(rows), labels, {
    features: [
      { name: 'sector', kind: 'categorical' },
      { name: 'noise', kind: 'numeric' },
    ],
    treeCount: 10,
    maxDepth: 1,
    learningRate: 0.5,
    threadCount: 1,
  });
  const p = predictProbabilities(
    model,
    featureMatrixFromRows([0, 1, 2, 3, 4, 5, 17].map((code) => [code, 0])),
  );
  assert.ok(p[1]! > 0.75 && p[4]! > 0.75, [...p].join());
  for (const k of [0, 2, 3, 5]) assert.ok(p[k]! < 0.25, `code ${k}: ${p[k]}`);
  // A code never seen in training follows the right branch, the side without the set.
  assert.ok(p[6]! < 0.25);
});

test('trainGradientBoosting respects a monotone constraint', async () => {
  const random = createRandom(8);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const x = random.next() * 4 - 2;
    rows.push([x, random.normal()]);
    labels.push(random.next() < 1 / (1 + Math.exp(-(x + 1.5 * Math.sin(3 * x)))) ? 1 : 0);
  }
  const grid = Array.from({ length: 81 }, (_, k) => [-2 + k * 0.05, 0.3]);
  const options = { treeCount: 40, maxDepth: 3, threadCount: 1 };
  const free = await trainGradientBoosting(featureMatrixFromRows(rows), labels, options);
  const constrained = await trainGradientBoosting(featureMatrixFromRows(rows), labels, {
    ...options,
    monotone: [1, 0],
  });
  const isIncreasing = (values: Float64Array): boolean =>
    values.every((v, k) => k === 0 || v >= values[k - 1]! - 1e-12);
  assert.equal(isIncreasing(predictMargins(free.model, featureMatrixFromRows(grid))), false);
  assert.equal(isIncreasing(predictMargins(constrained.model, featureMatrixFromRows(grid))), true);
});

test('trainGradientBoosting treats a weight of 2 like a duplicated row', async () => {
  const random = createRandom(12);
  const rows: number[][] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < 300; i++) {
    rows.push([random.int(40), random.int(7)]);
    labels.push(random.next() < 0.3 + 0.01 * rows[i]![0]! ? 1 : 0);
    weights.push(i % 3 === 0 ? 2 : 1);
  }
  const duplicatedRows = rows.flatMap((row, i) => (weights[i] === 2 ? [row, row] : [row]));
  const duplicatedLabels = labels.flatMap((label, i) =>
    weights[i] === 2 ? [label, label] : [label],
  );
  const options = { treeCount: 5, maxDepth: 3, threadCount: 1, shardCount: 1 };
  const weighted = await trainGradientBoosting(featureMatrixFromRows(rows), labels, {
    ...options,
    sampleWeights: weights,
  });
  const duplicated = await trainGradientBoosting(
    featureMatrixFromRows(duplicatedRows),
    duplicatedLabels,
    options,
  );
  const a = predictMargins(weighted.model, featureMatrixFromRows(rows));
  const b = predictMargins(duplicated.model, featureMatrixFromRows(rows));
  a.forEach((value, i) => assert.ok(Math.abs(value - b[i]!) < 1e-9, `row ${i}`));
});

test('trainGradientBoosting stops early and keeps the best trees', async () => {
  const train = simulate(600, 5);
  const validation = simulate(600, 6);
  const result = await trainGradientBoosting(train.matrix, train.labels, {
    treeCount: 300,
    maxDepth: 6,
    learningRate: 0.3,
    validation: { matrix: validation.matrix, labels: validation.labels },
    earlyStoppingRounds: 10,
    threadCount: 1,
  });
  assert.ok(result.bestTreeCount < 60, `best ${result.bestTreeCount}`);
  assert.equal(result.model.treeRoots.length, result.bestTreeCount);
  assert.equal(result.validationLoss.length, result.bestTreeCount + 10);
  const best = Math.min(...result.validationLoss);
  assert.equal(result.validationLoss[result.bestTreeCount - 1], best);
});

test('trainGradientBoosting weighs validation rows as it weighs training rows', async () => {
  const train = simulate(400, 8);
  const validation = simulate(300, 9);
  const weights = Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
  const copies = weights.flatMap((w, i) => Array.from({ length: w }, () => i));
  const duplicated = selectRows(validation.matrix, copies);
  const options = { treeCount: 15, maxDepth: 3, learningRate: 0.3, threadCount: 1 };
  const weighted = await trainGradientBoosting(train.matrix, train.labels, {
    ...options,
    validation: { matrix: validation.matrix, labels: validation.labels, weights },
  });
  const repeated = await trainGradientBoosting(train.matrix, train.labels, {
    ...options,
    validation: {
      matrix: duplicated,
      labels: Float64Array.from(copies, (i) => validation.labels[i]!),
    },
  });
  const plain = await trainGradientBoosting(train.matrix, train.labels, {
    ...options,
    validation: { matrix: validation.matrix, labels: validation.labels },
  });
  weighted.validationLoss.forEach((loss, t) =>
    assert.ok(Math.abs(loss - repeated.validationLoss[t]!) < 1e-12, `tree ${t}`),
  );
  assert.notDeepEqual(weighted.validationLoss, plain.validationLoss);
});

test('trainGradientBoosting caps the number of leaves per tree', async () => {
  const { matrix, labels } = simulate(2000, 7);
  const { model } = await trainGradientBoosting(matrix, labels, {
    treeCount: 5,
    maxDepth: 6,
    maxLeaves: 5,
    threadCount: 1,
  });
  for (let t = 0; t < 5; t++) {
    const end = t + 1 < 5 ? model.treeRoots[t + 1]! : model.left.length;
    let leaves = 0;
    for (let node = model.treeRoots[t]!; node < end; node++)
      leaves += model.left[node]! < 0 ? 1 : 0;
    assert.equal(leaves, 5);
  }
});

test('trainGradientBoosting rejects labels other than 0 and 1', async () => {
  await assert.rejects(
    trainGradientBoosting(featureMatrixFromRows([[1], [2]]), [0, 2]),
    (error: Error & { code?: string }) => error.code === 'INVALID_ARGUMENT',
  );
});

test('trainGradientBoosting rejects negative, non-finite or missing weights, also for validation', async () => {
  const matrix = featureMatrixFromRows([[1], [2], [3]]);
  const labels = [0, 1, 0];
  const fieldsOf = async (options: object): Promise<string[]> => {
    try {
      await trainGradientBoosting(matrix, labels, options);
    } catch (error) {
      return (error as { issues: { field: string }[] }).issues.map((issue) => issue.field);
    }
    return [];
  };
  assert.deepEqual(await fieldsOf({ sampleWeights: [1, -1, 1] }), ['sampleWeights']);
  assert.deepEqual(await fieldsOf({ sampleWeights: [1, Number.NaN, 1] }), ['sampleWeights']);
  assert.deepEqual(await fieldsOf({ sampleWeights: [1, 1] }), ['sampleWeights']);
  const validation = { matrix, labels, weights: [1, 1] };
  assert.deepEqual(await fieldsOf({ validation }), ['validation.weights']);
  assert.deepEqual(await fieldsOf({ sampleWeights: [1, 0, 2], treeCount: 2 }), []);
});

test('predictMargins on the complete layout equals walking the trees', async () => {
  const train = simulate(1500, 13);
  const { model } = await trainGradientBoosting(train.matrix, train.labels, {
    treeCount: 20,
    maxDepth: 5,
    minChildWeight: 20,
    threadCount: 1,
  });
  const fast = predictMargins(model, train.matrix);
  const walked = traverseMargins(model, train.matrix);
  assert.deepEqual([...fast], [...walked]);

  // Float32 input, and a row count that leaves a part block and a part group of eight.
  const rows = Array.from({ length: 1003 }, (_, i) => Math.floor(i * 1.49));
  const narrow = selectRows(train.matrix, rows);
  const float32 = { ...narrow, values: Float32Array.from(narrow.values) };
  assert.deepEqual([...predictMargins(model, float32)], [...traverseMargins(model, float32)]);
});

test('predictMargins on the complete layout treats missing and infinite values as walking does', () => {
  const node = (feature: number, threshold: number, isDefaultLeft: boolean): TreeNode => ({
    feature,
    threshold,
    left: -1,
    right: -1,
    isDefaultLeft,
    categories: null,
    value: 0,
    cover: 1,
    gain: 0,
  });
  const leaf = (value: number): TreeNode => ({ ...node(-1, 0, false), value });
  // Splits "present left, missing right" (threshold +Infinity) and finite splits, both ways.
  const tree = (top: TreeNode, low: TreeNode): TreeNode[] => [
    { ...top, left: 1, right: 4 },
    { ...low, left: 2, right: 3 },
    leaf(1),
    leaf(2),
    leaf(4),
  ];
  const model = packTrees(
    [
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'numeric' },
    ],
    0,
    [
      tree(node(0, Infinity, false), node(1, 0.5, true)),
      tree(node(1, -2, true), node(0, Infinity, true)),
      tree(node(0, 3e38, false), node(1, 1e30, false)),
    ],
  );
  assert.notEqual(toCompleteForest(model), null);
  const special = [NaN, Infinity, -Infinity, 0, 0.5, -2, 1e300, 3e38, 3.4028234663852886e38];
  const rows = special.flatMap((a) => special.map((b) => [a, b]));
  const wide = featureMatrixFromRows(rows);
  assert.deepEqual([...predictMargins(model, wide)], [...traverseMargins(model, wide)]);
  const narrow = { ...wide, values: Float32Array.from(wide.values) };
  assert.deepEqual([...predictMargins(model, narrow)], [...traverseMargins(model, narrow)]);
});

test('predictMarginsParallel and explainMarginsParallel equal their one-thread results', async () => {
  const train = simulate(5000, 14);
  const { model } = await trainGradientBoosting(train.matrix, train.labels, {
    treeCount: 10,
    maxDepth: 4,
    threadCount: 1,
  });
  const margins = await predictMarginsParallel(model, train.matrix, 2);
  assert.deepEqual([...margins], [...predictMargins(model, train.matrix)]);
  const explanation = await explainMarginsParallel(model, train.matrix, 2);
  const single = explainMargins(model, train.matrix);
  assert.equal(explanation.baseMargin, single.baseMargin);
  assert.deepEqual([...explanation.contributions], [...single.contributions]);

  // A matrix in shared memory is read in place by the workers: the same values.
  const values = train.matrix.values;
  const shared = new Float64Array(new SharedArrayBuffer(values.length * 8));
  shared.set(values);
  const sharedMatrix = { ...train.matrix, values: shared };
  assert.deepEqual([...(await predictMarginsParallel(model, sharedMatrix, 2))], [...margins]);
  const sharedExplanation = await explainMarginsParallel(model, sharedMatrix, 2);
  assert.deepEqual([...sharedExplanation.contributions], [...single.contributions]);
  // Rows of a matrix scored where they are equal the same rows scored as a matrix of their own.
  const part = predictMarginsOfRows(model, train.matrix, 1234, 3456);
  assert.deepEqual([...part], [...margins.subarray(1234, 3456)]);
});
