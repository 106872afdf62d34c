import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.ts';
import { featureMatrixFromRows } from '../../src/engine/trees/featureMatrix.ts';
import { expandPersonPeriod } from '../../src/engine/survival/expandPersonPeriod.ts';
import {
  predictSurvivalCurves,
  trainDiscreteHazard,
} from '../../src/engine/survival/discreteHazard.ts';
import {
  conditionalSurvival,
  curveOf,
  survivalAtWeeks,
} from '../../src/engine/survival/survivalCurves.ts';

test('expandPersonPeriod gives one row per observed week and respects censoring', () => {
  const covariates = featureMatrixFromRows([[10], [20], [30]]);
  // Ended in week 3; censored at 2.5 weeks (weeks 1-2 seen whole); ended at 0.2 weeks.
  const table = expandPersonPeriod(covariates, [2.4, 2.5, 0.2], [1, 0, 1], 10);
  assert.deepEqual([...table.episodeIndex], [0, 0, 0, 1, 1, 2]);
  assert.deepEqual([...table.labels], [0, 0, 1, 0, 0, 1]);
  const n = table.matrix.rowCount;
  assert.deepEqual([...table.matrix.values.subarray(0, n)], [10, 10, 10, 20, 20, 30]);
  assert.deepEqual([...table.matrix.values.subarray(n)], [1, 2, 3, 1, 2, 1]);
  const capped = expandPersonPeriod(covariates, [25, 2.5, 0.2], [1, 0, 1], 4);
  assert.deepEqual([...capped.labels.subarray(0, 4)], [0, 0, 0, 0]);
});

test('survivalAtWeeks interpolates with constant weekly hazard; conditionalSurvival divides', () => {
  const curve = [0.8, 0.4, 0.2];
  assert.equal(survivalAtWeeks(curve, 0), 1);
  assert.equal(survivalAtWeeks(curve, 2), 0.4);
  assert.ok(Math.abs(survivalAtWeeks(curve, 1.5) - 0.8 * Math.sqrt(0.5)) < 1e-15);
  assert.equal(conditionalSurvival(curve, 3, 1), 0.25);
  assert.equal(conditionalSurvival(curve, 1, 2), 1);
});

test('trainDiscreteHazard recovers exponential survival under censoring', async () => {
  const random = createRandom(31);
  const episodes = 3000;
  const rows: number[][] = [];
  const durations: number[] = [];
  const events: number[] = [];
  const rates = [0.1, 0.35];
  for (let i = 0; i < episodes; i++) {
    const group = i % 2;
    rows.push([group, random.normal()]);
    const duration = -Math.log(1 - random.next()) / rates[group]!;
    const censoring = -Math.log(1 - random.next()) / 0.05;
    durations.push(Math.min(duration, censoring));
    events.push(duration <= censoring ? 1 : 0);
  }
  const maxWeeks = 15;
  const model = await trainDiscreteHazard(featureMatrixFromRows(rows), durations, events, {
    maxWeeks,
    boosting: { treeCount: 60, maxDepth: 3, threadCount: 1, minChildWeight: 5 },
  });
  const curves = predictSurvivalCurves(
    model,
    featureMatrixFromRows([
      [0, 0],
      [1, 0],
    ]),
  );
  for (const group of [0, 1]) {
    const curve = curveOf(curves, group, maxWeeks);
    for (let k = 1; k < maxWeeks; k++) assert.ok(curve[k]! <= curve[k - 1]!);
    for (const week of [2, 5, 10]) {
      const truth = Math.exp(-rates[group]! * week);
      const estimate = curve[week - 1]!;
      assert.ok(
        Math.abs(estimate - truth) < 0.06,
        `group ${group} week ${week}: ${estimate} vs ${truth}`,
      );
    }
  }
  // Already absent 3 weeks: P(> 8 weeks) = S(8) / S(3), about exp(-0.1 * 5) for group 0.
  const conditional = conditionalSurvival(curveOf(curves, 0, maxWeeks), 8, 3);
  assert.ok(Math.abs(conditional - Math.exp(-0.5)) < 0.08, `${conditional}`);
});
