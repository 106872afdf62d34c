import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canonicalDefaultBands,
  canonicalFeaturesFor,
  evaluateCanonical,
  loadCanonicalProblem,
  openCasesAsOf,
} from '../../src/absence/canonicalPipeline.ts';
import { observedDuration } from '../../src/absence/survival/observedDuration.ts';
import { parseSurvivalModel } from '../../src/absence/survival/survivalModel.ts';
import { survivalScorer } from '../../src/absence/survival/survivalScorer.ts';
import { trainSurvivalModel } from '../../src/absence/survival/trainSurvivalModel.ts';
import { episodesKnownOn } from '../../src/caseload/episodesKnownOn.ts';
import { AppError } from '../../src/core/errors.ts';
import { canonicalFeatures } from '../../src/features/canonicalFeatures.ts';
import { casesFromRecords } from '../../src/features/scoringCase.ts';
import { smallWorkforce } from '../support/workforce.ts';

const problem = await loadCanonicalProblem(await smallWorkforce({ employees: 4000, seed: 7 }));
const { observedUntil } = problem.dataset;
const asOf = '2025-06-30';
const trainable = problem.reportedInPeriod.filter((c) => (c.episode.startDate ?? '') <= asOf);
const trained = await trainSurvivalModel({
  cases: trainable,
  outcomes: trainable.map((c) => observedDuration(c.episode, asOf)!),
  observedUntil: asOf,
  features: canonicalFeaturesFor('employer'),
  context: 'employer',
  bands: canonicalDefaultBands,
  seed: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const scorer = survivalScorer(trained.model, trained.ensemble);
const open = openCasesAsOf(problem.cases, asOf);
const indications = scorer.scoreMany(open, { asOfDate: asOf });

test('every open case gets monotone horizons, an interval around the median and exact factors', () => {
  assert.ok(open.length > 50, `open cases: ${open.length}`);
  for (const indication of indications) {
    const probabilities = indication.horizons.map((h) => h.probability);
    assert.deepEqual(
      indication.horizons.map((h) => h.weeks),
      [6, 13, 42, 52, 104],
    );
    for (let k = 1; k < probabilities.length; k++) {
      assert.ok(probabilities[k]! <= probabilities[k - 1]! + 1e-12, indication.caseId);
    }
    const total = Object.values(indication.contributions).reduce(
      (sum, value) => sum + value,
      indication.baseValue,
    );
    assert.ok(Math.abs(total - indication.probability) < 1e-9, indication.caseId);
    const [low, high] = indication.interval80Days;
    if (indication.medianDays !== null && low !== null) assert.ok(low <= indication.medianDays);
    if (indication.medianDays !== null && high !== null) assert.ok(indication.medianDays <= high);
    assert.equal(indication.isDecision, false);
    // A certainty (no one in training ended so late) leaves nothing to explain.
    if (indication.probability < 1 - 1e-9) {
      assert.ok(indication.factors.length > 0, indication.caseId);
    }
  }
});

test('re-scoring conditions on the days already absent', () => {
  const index = open.findIndex(
    (c, i) => indications[i]!.elapsedDays > 42 && indications[i]!.elapsedDays < 91,
  );
  assert.ok(index >= 0, 'a case between 6 and 13 weeks');
  const indication = indications[index]!;
  assert.equal(indication.horizons[0]!.probability, 1, 'already past 6 weeks');
  assert.equal(indication.headline.weeks, 13);
  // The headline comes in closed form, the horizon as a ratio of survivals: equal up to rounding.
  assert.ok(Math.abs(indication.probability - indication.horizons[1]!.probability) < 1e-12);

  const [atReport] = scorer.scoreMany([open[index]!]);
  assert.equal(atReport!.elapsedDays, 0);
  assert.ok(indication.horizons[1]!.probability > atReport!.horizons[1]!.probability);
});

test('predictions as of a day ignore every record that came after it', () => {
  // The records as a record system showed them on the day: no later reports, and no end date,
  // duration or later recovery of an episode still open then.
  const knownOnDay = casesFromRecords(
    problem.dataset.employees.map((employee) =>
      employee.employmentEndDate != null && employee.employmentEndDate > asOf
        ? { ...employee, employmentEndDate: null }
        : employee,
    ),
    episodesKnownOn(problem.dataset.episodes, asOf),
  );
  const fromKnown = scorer.scoreMany(openCasesAsOf(knownOnDay, asOf), { asOfDate: asOf });
  assert.equal(fromKnown.length, indications.length);
  assert.ok(
    open.filter((c) => c.episode.endDate != null).length > open.length / 2,
    'most open cases have a later end date in the full records',
  );
  assert.deepEqual(fromKnown, indications);

  // And later records changed or added for the same employees change nothing.
  const later = problem.dataset.episodes.map((episode) =>
    (episode.startDate ?? '') > asOf
      ? { ...episode, expectedDurationDays: 365, isWorkAccident: true }
      : episode.endDate != null && episode.endDate > asOf
        ? { ...episode, endDate: '2025-12-30', durationDays: 500 }
        : episode,
  );
  const extra = open.slice(0, 20).map((c, i) => ({
    ...c.episode,
    episodeId: `${c.episode.episodeId}-later-${i}`,
    startDate: '2025-09-01',
    startMonth: '2025-09',
    endDate: '2025-12-01',
  }));
  const altered = casesFromRecords(problem.dataset.employees, [...later, ...extra]);
  const again = scorer.scoreMany(openCasesAsOf(altered, asOf), { asOfDate: asOf });
  assert.deepEqual(again, indications);
});

test('training an employer model refuses the diagnosis, naming it', async () => {
  await assert.rejects(
    trainSurvivalModel({
      cases: trainable,
      outcomes: trainable.map((c) => observedDuration(c.episode, asOf)!),
      observedUntil: asOf,
      features: canonicalFeatures,
      context: 'employer',
      bands: canonicalDefaultBands,
      seed: 1,
    }),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'UNLAWFUL_FEATURE' &&
      error.message.includes('"diagnosisCode"'),
  );
});

test('the survival artefact round-trips and refuses a change', () => {
  const text = JSON.stringify(trained.model);
  const back = parseSurvivalModel(JSON.parse(text), 'model.json');
  // The trees' JSON holds numbers to their shortest exact text; sums may differ in the last bit.
  const before = scorer.scoreMany(open.slice(0, 20));
  survivalScorer(back.model, back.ensemble)
    .scoreMany(open.slice(0, 20))
    .forEach((indication, i) => {
      assert.ok(Math.abs(indication.probability - before[i]!.probability) < 1e-12);
      assert.equal(indication.band, before[i]!.band);
    });
  const tampered = JSON.parse(text) as { bands: { highFrom: number } };
  tampered.bands.highFrom = 0.99;
  assert.throws(() => parseSurvivalModel(tampered, 'model.json'), /changed since it was written/);
});

test('evaluate reports every horizon, the oracle, groups and both baselines', async () => {
  const result = await evaluateCanonical(problem, 'employer', 1);
  assert.deepEqual(
    result.horizons.map((h) => h.weeks),
    [6, 13, 42, 52, 104],
  );
  const six = result.horizons[0]!;
  assert.ok(six.n > 1000 && six.positives > 50);
  assert.ok(six.auc > 0.68 && six.auc < 0.85, `AUC ${six.auc}`);
  assert.ok(six.auc95[0] < six.auc && six.auc < six.auc95[1]);
  assert.ok(six.oracleAuc !== undefined && six.oracleRatio !== undefined);
  assert.ok(six.oracleRatio > 0.9 && six.oracleRatio < 1.03, `ratio ${six.oracleRatio}`);
  assert.ok(result.concordance > 0.5);
  assert.ok(result.integratedBrier > 0 && result.integratedBrier < 0.1);
  assert.deepEqual(
    result.baselines.map((b) => b.model),
    ['kaplan-meier', 'logistic-regression'],
  );
  const groups = new Set(result.groups.map((g) => g.group));
  assert.deepEqual([...groups].sort(), ['ageBand', 'contractHoursBand', 'contractType', 'sex']);
  assert.equal(result.split.testUntil, observedUntil);
});
