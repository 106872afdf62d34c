import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, type Random } from '../../src/core/random.ts';
import { explainMargins } from '../../src/engine/shap/treeShap.ts';
import { toProbabilityScale } from '../../src/engine/shap/probabilityContributions.ts';
import { featureMatrixFromRows } from '../../src/engine/trees/featureMatrix.ts';
import {
  childFor,
  packTrees,
  predictMargins,
  type TreeEnsemble,
  type TreeNode,
} from '../../src/engine/trees/treeEnsemble.ts';

const featureCount = 4;
const features = Array.from({ length: featureCount }, (_, f) => ({
  name: `x${f}`,
  kind: 'numeric' as const,
}));

/** A random tree; features repeat along paths on purpose, covers add up from the leaves. */
function randomTree(random: Random, depth: number, hasCategories = false): TreeNode[] {
  const nodes: TreeNode[] = [];
  const grow = (level: number): number => {
    const id = nodes.length;
    const isLeaf = level === depth || (level > 1 && random.next() < 0.25);
    const feature = isLeaf ? -1 : random.int(featureCount);
    // Feature 3 holds category codes 0 to 3 when the tree has categorical splits.
    const isCategorical = hasCategories && feature === 3;
    nodes.push({
      feature,
      threshold: isCategorical ? Number.NaN : random.normal(),
      left: -1,
      right: -1,
      isDefaultLeft: random.next() < 0.5,
      categories: isCategorical ? [0, 1, 2, 3].filter(() => random.next() < 0.5) : null,
      value: random.normal(),
      cover: 1 + random.int(20),
      gain: 0,
    });
    if (!isLeaf) {
      const l = grow(level + 1);
      const r = grow(level + 1);
      nodes[id]!.left = l;
      nodes[id]!.right = r;
      nodes[id]!.cover = nodes[l]!.cover + nodes[r]!.cover;
    }
    return id;
  };
  grow(0);
  return nodes;
}

/** E[f(x) | x_S] with the path-dependent rule: unknown features follow both branches by cover. */
function conditionalExpectation(model: TreeEnsemble, row: number[], known: Set<number>): number {
  let total = model.baseMargin;
  const visit = (node: number): number => {
    if (model.left[node]! < 0) return model.value[node]!;
    const f = model.feature[node]!;
    if (known.has(f)) return visit(childFor(model, node, row[f]!));
    const l = model.left[node]!;
    const r = model.right[node]!;
    return (model.cover[l]! * visit(l) + model.cover[r]! * visit(r)) / model.cover[node]!;
  };
  for (const root of model.treeRoots) total += visit(root);
  return total;
}

function bruteForceShapley(model: TreeEnsemble, row: number[]): number[] {
  const phi = new Array<number>(featureCount).fill(0);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  for (let i = 0; i < featureCount; i++) {
    const others = [...Array(featureCount).keys()].filter((f) => f !== i);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const subset = new Set(others.filter((_, k) => (mask >> k) & 1));
      const weight =
        (factorial(subset.size) * factorial(featureCount - subset.size - 1)) /
        factorial(featureCount);
      const withI = conditionalExpectation(model, row, new Set([...subset, i]));
      phi[i]! += weight * (withI - conditionalExpectation(model, row, subset));
    }
  }
  return phi;
}

for (const method of ['tables', 'recursive'] as const) {
  test(`explainMargins (${method}) equals brute-force Shapley values on random trees`, () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 8; trial++) {
      const trees = [randomTree(random, 4), randomTree(random, 3), randomTree(random, 5)];
      const model = packTrees(features, 0.3, trees);
      const rows = Array.from({ length: 5 }, () =>
        Array.from({ length: featureCount }, () => (random.next() < 0.15 ? NaN : random.normal())),
      );
      const explanation = explainMargins(model, featureMatrixFromRows(rows), { method });
      assert.ok(
        Math.abs(explanation.baseMargin - conditionalExpectation(model, [], new Set())) < 1e-12,
      );
      rows.forEach((row, i) => {
        const expected = bruteForceShapley(model, row);
        expected.forEach((value, j) => {
          const actual = explanation.contributions[i * featureCount + j]!;
          assert.ok(
            Math.abs(actual - value) < 1e-9,
            `row ${i} feature ${j}: ${actual} vs ${value}`,
          );
        });
      });
    }
  });
}

test('explainMargins (tables) equals brute-force Shapley values with categorical splits', () => {
  const random = createRandom(12);
  for (let trial = 0; trial < 6; trial++) {
    const trees = [randomTree(random, 4, true), randomTree(random, 5, true)];
    const model = packTrees(features, -0.4, trees);
    const rows = Array.from({ length: 5 }, () =>
      Array.from({ length: featureCount }, (_, f) => {
        if (random.next() < 0.15) return NaN;
        return f === 3 ? random.int(5) : random.normal();
      }),
    );
    const explanation = explainMargins(model, featureMatrixFromRows(rows));
    rows.forEach((row, i) => {
      bruteForceShapley(model, row).forEach((value, j) => {
        const actual = explanation.contributions[i * featureCount + j]!;
        assert.ok(Math.abs(actual - value) < 1e-9, `row ${i} feature ${j}: ${actual} vs ${value}`);
      });
    });
  }
});

test('explainMargins contributions add up to the margin', () => {
  const random = createRandom(5);
  const model = packTrees(
    features,
    -1.2,
    Array.from({ length: 30 }, () => randomTree(random, 6)),
  );
  const rows = Array.from({ length: 200 }, () =>
    Array.from({ length: featureCount }, () => (random.next() < 0.1 ? NaN : random.normal())),
  );
  const matrix = featureMatrixFromRows(rows);
  const margins = predictMargins(model, matrix);
  const { baseMargin, contributions } = explainMargins(model, matrix);
  for (let i = 0; i < rows.length; i++) {
    let sum = baseMargin;
    for (let j = 0; j < featureCount; j++) sum += contributions[i * featureCount + j]!;
    assert.ok(Math.abs(sum - margins[i]!) < 1e-9, `row ${i}`);
  }
});

test('toProbabilityScale makes base probability plus contributions equal the probability', () => {
  const explanation = {
    baseMargin: -1,
    featureCount: 3,
    contributions: Float64Array.from([0.5, 1.5, -0.5, 0, 0, 0, 2, -2, 1e-15]),
  };
  const result = toProbabilityScale(explanation);
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  assert.equal(result.baseProbability, sigmoid(-1));
  const first = result.contributions.subarray(0, 3);
  assert.ok(
    Math.abs(result.baseProbability + first[0]! + first[1]! + first[2]! - sigmoid(0.5)) < 1e-15,
  );
  // Proportional: the second feature gets three times the first's share.
  assert.ok(Math.abs(first[1]! - 3 * first[0]!) < 1e-15);
  assert.ok(first[2]! < 0);
  assert.deepEqual([...result.contributions.subarray(3, 6)], [0, 0, 0]);
  const third = result.contributions.subarray(6, 9);
  assert.ok(Math.abs(third[0]! + third[1]! + third[2]!) < 1e-15);
  assert.ok(third[0]! > 0.39 && third[0]! < 0.4);
});
