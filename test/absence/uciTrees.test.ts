import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { parseTreeModel } from '../../src/absence/trees/treeModel.ts';
import { trainTreeModel } from '../../src/absence/trees/trainTreeModel.ts';
import { treeScorer } from '../../src/absence/trees/treeScorer.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../src/absence/uciPipeline.ts';
import { uciTarget } from '../../src/absence/uciTarget.ts';
import type { Context } from '../../src/features/contexts.ts';
import { uciFeatures } from '../../src/features/uciFeatures.ts';
import { uciFile } from '../support/paths.ts';

const problem = await loadUciProblem(uciFile);

const options = (context: Context) => ({
  ...problem,
  features: uciFeaturesFor(context),
  context,
  catalogue: 'uci' as const,
  target: uciTarget,
  bands: uciDefaultBands,
  seed: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const physician = await trainTreeModel(options('occupational-physician'));

test('tree contributions add up to the probability to 1e-9 for every bundled case', () => {
  const indications = treeScorer(physician.model, physician.ensemble).scoreMany(problem.cases);
  assert.equal(indications.length, 697);
  const probabilities = new Set<number>();
  for (const indication of indications) {
    const total = Object.values(indication.contributions).reduce(
      (sum, value) => sum + value,
      indication.baseValue,
    );
    assert.ok(Math.abs(total - indication.probability) < 1e-9, indication.caseId);
    assert.ok(indication.probability > 0 && indication.probability < 1);
    assert.equal(indication.isDecision, false);
    assert.deepEqual(
      Object.keys(indication.contributions),
      physician.model.features.map((f) => f.name),
    );
    probabilities.add(indication.probability);
  }
  assert.ok(probabilities.size > 50, 'the trees tell cases apart');
  assert.ok(physician.model.boosting.treeCount >= 1 && physician.model.boosting.treeCount <= 200);
  assert.ok(physician.model.modelVersion.startsWith('uci-occupational-physician-gbt-'));
});

test('the reason of absence moves the physician tree model, with a sentence per factor', () => {
  const indications = treeScorer(physician.model, physician.ensemble).scoreMany(problem.cases);
  const moved = indications.filter((i) => Math.abs(i.contributions['diagnosisCode'] ?? 0) > 0.01);
  assert.ok(moved.length > 100, `cases moved by the reason: ${moved.length}`);
  const factor = moved[0]!.factors.find((f) => f.feature === 'diagnosisCode')!;
  assert.match(factor.sentence.en, /(raises|lowers) the indication by \d+\.\d percentage points/);
  assert.match(factor.sentence.nl, /(verhoogt|verlaagt) de indicatie met \d+,\d procentpunt/);
});

test('trainTreeModel refuses an occupational-physician feature in an employer model', async () => {
  await assert.rejects(
    trainTreeModel({ ...options('employer'), features: uciFeatures }),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'UNLAWFUL_FEATURE' &&
      error.message.includes('"diagnosisCode"'),
  );
});

test('the tree artefact round-trips, scores the same, and refuses a change', () => {
  const text = JSON.stringify(physician.model);
  const back = parseTreeModel(JSON.parse(text), 'model.json');
  assert.deepEqual(back.model, physician.model);
  const before = treeScorer(physician.model, physician.ensemble).scoreMany(problem.cases);
  const after = treeScorer(back.model, back.ensemble).scoreMany(problem.cases);
  after.forEach((indication, i) => {
    assert.ok(Math.abs(indication.probability - before[i]!.probability) < 1e-12);
  });

  const tampered = JSON.parse(text) as { calibration: { slope: number } };
  tampered.calibration.slope += 0.5;
  assert.throws(() => parseTreeModel(tampered, 'model.json'), /changed since it was written/);
  const forged = { ...(JSON.parse(text) as object), context: 'employer' };
  assert.throws(() => parseTreeModel(forged, 'model.json'), /changed since it was written/);
});

test('tree training is deterministic for a seed', async () => {
  const again = await trainTreeModel(options('occupational-physician'));
  assert.deepEqual(again.model, physician.model);
});
