import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { crossValidate } from '../../src/absence/crossValidate.ts';
import { parseLinearModel } from '../../src/absence/linearModel.ts';
import { linearScorer } from '../../src/absence/scoreLinear.ts';
import { trainLinearModel } from '../../src/absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../src/absence/uciPipeline.ts';
import { uciTarget } from '../../src/absence/uciTarget.ts';
import { uciFeatures } from '../../src/features/uciFeatures.ts';
import type { Context } from '../../src/features/contexts.ts';
import { uciFile } from '../support/paths.ts';

const problem = await loadUciProblem(uciFile);

function train(context: Context) {
  return trainLinearModel({
    ...problem,
    features: uciFeaturesFor(context),
    context,
    catalogue: 'uci',
    target: uciTarget,
    bands: uciDefaultBands,
    seed: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}

const models = { employer: train('employer'), physician: train('occupational-physician') };

test('contributions add up to the probability to 1e-9 for every bundled case, in both contexts', () => {
  for (const model of Object.values(models)) {
    const scorer = linearScorer(model);
    for (const scoringCase of problem.cases) {
      const indication = scorer.score(scoringCase);
      const total = Object.values(indication.contributions).reduce(
        (sum, value) => sum + value,
        indication.baseValue,
      );
      assert.ok(Math.abs(total - indication.probability) < 1e-9, scoringCase.caseId);
      assert.deepEqual(Object.keys(indication.contributions), model.features);
    }
  }
});

test('an indication carries band, top factors with sentences and the not-a-decision marker', () => {
  const indication = linearScorer(models.physician).score(problem.cases[10]!);
  assert.equal(indication.kind, 'indication');
  assert.equal(indication.isDecision, false);
  assert.match(indication.notice.en, /professional, who decides/);
  assert.equal(indication.factors.length, 5);
  const sizes = indication.factors.map((f) => Math.abs(f.contribution));
  assert.deepEqual(
    sizes,
    [...sizes].sort((a, b) => b - a),
  );
  for (const factor of indication.factors) {
    assert.match(factor.sentence.en, /(raises|lowers) the indication by \d+\.\d percentage points/);
    assert.match(factor.sentence.nl, /(verhoogt|verlaagt) de indicatie met \d+,\d procentpunt/);
    assert.equal(factor.contribution, indication.contributions[factor.feature]);
  }
  const expectedBand =
    indication.probability >= 0.25 ? 'high' : indication.probability >= 0.1 ? 'medium' : 'low';
  assert.equal(indication.band, expectedBand);
});

test('the employer model never reads a physician-only feature', () => {
  assert.equal(models.employer.features.includes('diagnosisCode'), false);
  assert.equal(models.employer.features.includes('bmi'), false);
  const indication = linearScorer(models.employer).score(problem.cases[0]!);
  assert.equal('diagnosisCode' in indication.contributions, false);
});

test('trainLinearModel refuses an occupational-physician feature in an employer model', () => {
  assert.throws(
    () =>
      trainLinearModel({
        ...problem,
        features: uciFeatures,
        context: 'employer',
        catalogue: 'uci',
        target: uciTarget,
        bands: uciDefaultBands,
        seed: 1,
      }),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'UNLAWFUL_FEATURE' &&
      error.message.includes('"diagnosisCode"'),
  );
});

test('the model artefact survives a JSON round trip and a changed coefficient is detected', () => {
  const text = JSON.stringify(models.employer);
  const back = parseLinearModel(JSON.parse(text), 'model.json');
  assert.deepEqual(back, models.employer);
  assert.equal(back.modelVersion.startsWith('uci-employer-lr-'), true);

  const tampered = JSON.parse(text) as { coefficients: number[] };
  tampered.coefficients[0] = (tampered.coefficients[0] ?? 0) + 0.5;
  assert.throws(() => parseLinearModel(tampered, 'model.json'), /changed since it was written/);
  assert.throws(() => parseLinearModel({ format: 'other' }, 'model.json'), AppError);
});

test('an artefact whose context was switched to employer is refused on load', () => {
  const forged = { ...models.physician, context: 'employer' };
  assert.throws(() => parseLinearModel(forged, 'model.json'), /changed since it was written/);
});

test('training is deterministic for a seed', () => {
  assert.deepEqual(train('employer'), models.employer);
});

test('cross-validation on the bundled data reaches AUC 0.78 (physician) and 0.65 (employer)', async () => {
  const result = (context: Context) =>
    crossValidate({
      ...problem,
      features: uciFeaturesFor(context),
      context,
      catalogue: 'uci',
      target: uciTarget,
      seed: 1,
    });
  const physician = await result('occupational-physician');
  const employer = await result('employer');
  assert.equal(physician.n, 697);
  assert.equal(physician.positives, 63);
  assert.ok(physician.auc >= 0.78, `physician AUC ${physician.auc}`);
  assert.ok(employer.auc >= 0.65, `employer AUC ${employer.auc}`);
  assert.ok(physician.auc > employer.auc);
  assert.ok(physician.brier < 0.0783, 'better than predicting the base rate (0.0824)');

  // Both models on the same 25 folds; the top level is the one with the higher mean AUC.
  for (const report of [physician, employer]) {
    const linear = report.models['logistic-regression']!;
    const trees = report.models['gradient-boosted-trees']!;
    assert.equal(linear.foldAucs.length, 25);
    assert.equal(trees.foldAucs.length, 25);
    const better = trees.auc > linear.auc ? trees : linear;
    assert.equal(report.model, better.model);
    assert.equal(report.auc, better.auc);
    assert.equal(report.aucStd, better.aucStd);
    assert.equal(report.brier, better.brier);
    assert.ok(Math.abs(report.comparison!.meanAucDifference - (trees.auc - linear.auc)) < 1e-12);
  }
  // The logistic regression as it was measured before the trees joined the protocol.
  assert.ok(Math.abs(physician.models['logistic-regression']!.auc - 0.8077) < 5e-4);
  assert.ok(Math.abs(employer.models['logistic-regression']!.auc - 0.6564) < 5e-4);
});
