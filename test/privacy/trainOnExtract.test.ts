import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCanonicalProblem } from '../../src/absence/canonicalPipeline.ts';
import { loadExtractProblem } from '../../src/absence/extractPipeline.ts';
import { createPseudonymiser } from '../../src/privacy/createPseudonymiser.ts';
import { deriveDomainKey } from '../../src/privacy/deriveDomainKey.ts';
import { createKeyFileText, readKeyFile, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { measureSurvivalUtility } from '../../src/privacy/survivalUtility.ts';
import { runPseudonymisation } from '../../src/privacy/runPseudonymisation.ts';
import { writeSynthPopulation } from '../../src/synth/writeSynthPopulation.ts';
import { exportIdentifiableEpisodes, trainingPolicy } from '../support/identifiableExport.ts';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

function absencelab(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/absencelab.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// synth --identifiable, joined into an employer's identifiable export, pseudonymised with a policy
// that keeps what training needs: the path a research extract takes before it is trained on.
const work = temporaryDirectory('train-extract');
const synthDir = join(work, 'synth');
await writeSynthPopulation({
  employeeCount: 2500,
  years: 3,
  seed: 7,
  startYear: 2023,
  outDir: synthDir,
  isIdentifiable: true,
});
const exportPath = join(work, 'identifiable.csv');
await exportIdentifiableEpisodes(synthDir, exportPath);
const keyPath = join(work, 'key.json');
await writeKeyFile(keyPath, createKeyFileText());

async function pseudonymise(name: string, policy: Record<string, unknown>): Promise<string> {
  const policyPath = join(work, `${name}.policy.json`);
  writeFileSync(policyPath, JSON.stringify(policy));
  const outPath = join(work, `${name}.csv`);
  await runPseudonymisation({
    inPath: exportPath,
    policyPath,
    keyFilePath: keyPath,
    domain: 'research-train',
    outPath,
    reportPath: join(work, `${name}.report.json`),
  });
  return outPath;
}

const extractPath = await pseudonymise('extract', trainingPolicy(synthDir));
const identities = readFileSync(join(synthDir, 'identities.csv'), 'utf8').split('\n')[1]!;

interface Evaluation {
  split: { trainUntil: string; testFrom: string; testEpisodes: number };
  horizons: { weeks: number; n: number; positives: number; auc: number; auc95: number[] }[];
  calibration: { slope: number };
  baselines: { model: string; horizons: { weeks: number; auc: number }[] }[];
}

const evaluated = absencelab(
  'evaluate',
  '--format',
  'extract',
  '--data',
  extractPath,
  '--context',
  'employer',
  '--json',
);
const canonical = absencelab(
  'evaluate',
  '--format',
  'canonical',
  '--data',
  synthDir,
  '--context',
  'employer',
  '--json',
);

test('evaluate --format extract validates the model on the extract with sensible figures', () => {
  assert.equal(evaluated.status, 0, evaluated.stderr);
  const result = JSON.parse(evaluated.stdout) as Evaluation;
  const original = JSON.parse(canonical.stdout) as Evaluation;
  assert.equal(result.split.testFrom, '2025-01-01');
  // Reports at the start of 2025 whose week began in 2024 count for training: only a few.
  assert.ok(Math.abs(result.split.testEpisodes - original.split.testEpisodes) < 30);
  const [sixWeeks] = result.horizons;
  assert.equal(sixWeeks!.weeks, 6);
  assert.ok(sixWeeks!.n > 1000 && sixWeeks!.positives > 100, JSON.stringify(sixWeeks));
  // Published models of long absence reach 0.70-0.79; far above 0.85 would suggest leakage.
  assert.ok(sixWeeks!.auc > 0.7 && sixWeeks!.auc < 0.85, `${sixWeeks!.auc}`);
  assert.ok(result.calibration.slope > 0.7 && result.calibration.slope < 1.5);
  // On the same episodes the canonical model is within its own confidence interval.
  const originalSix = original.horizons[0]!;
  assert.ok(originalSix.auc > sixWeeks!.auc95[0]! && originalSix.auc < sixWeeks!.auc95[1]!);
  // Boosting beats the logistic baseline or ties with it, as on canonical data.
  const logistic = result.baselines.find((b) => b.model === 'logistic-regression')!;
  assert.ok(sixWeeks!.auc > logistic.horizons[0]!.auc - 0.02);
  // What the extract cannot carry is said, not hidden.
  assert.match(evaluated.stderr, /dates are weeks relative to 2026-01-01/);
  assert.match(evaluated.stderr, /reportWeekday \(the extract gives weeks, not days\)/);
});

test('train --format extract writes a model without the weekday, and a card that says why', () => {
  const out = join(work, 'model.json');
  const trained = absencelab(
    'train',
    '--format',
    'extract',
    '--data',
    extractPath,
    '--context',
    'employer',
    '--out',
    out,
  );
  assert.equal(trained.status, 0, trained.stderr);
  const model = JSON.parse(readFileSync(out, 'utf8')) as {
    context: string;
    features: { name: string }[];
    training: { episodes: number };
  };
  const names = model.features.map((feature) => feature.name);
  assert.equal(model.context, 'employer');
  assert.equal(names.includes('reportWeekday'), false);
  assert.equal(names.includes('diagnosisCode'), false);
  for (const name of ['expectedDurationDays', 'ageYears', 'priorEpisodes12Months', 'tenureYears']) {
    assert.ok(names.includes(name), name);
  }
  assert.ok(model.training.episodes > 5000, `${model.training.episodes}`);
  const card = JSON.parse(readFileSync(join(work, 'model.card.json'), 'utf8')) as {
    limits: string[];
    validation: { horizons: { auc: number }[] };
  };
  assert.ok(card.limits.some((limit) => limit.startsWith('Trained on the research extract')));
  assert.ok(card.validation.horizons[0]!.auc > 0.7);

  // The model scores the extract's open cases; nothing identifying is in what it prints.
  const predicted = absencelab(
    'predict',
    '--format',
    'extract',
    '--model',
    out,
    '--data',
    extractPath,
    '--as-of',
    '2025-06-01',
    '--json',
  );
  assert.equal(predicted.status, 0, predicted.stderr);
  const indications = JSON.parse(predicted.stdout) as { caseId: string; probability: number }[];
  assert.ok(indications.length > 50, `${indications.length}`);
  assert.ok(indications.every((i) => i.caseId.startsWith('v1:') && i.probability >= 0));
  for (const value of identities.split(',').slice(1, 5)) {
    assert.equal(predicted.stdout.includes(value), false);
  }
});

test('train --format occupational-physician on the extract may use the diagnosis', () => {
  const out = join(work, 'physician.json');
  const trained = absencelab(
    'train',
    '--format',
    'extract',
    '--data',
    extractPath,
    '--context',
    'occupational-physician',
    '--out',
    out,
  );
  assert.equal(trained.status, 0, trained.stderr);
  const model = JSON.parse(readFileSync(out, 'utf8')) as { features: { name: string }[] };
  assert.ok(model.features.some((feature) => feature.name === 'diagnosisCode'));
});

test('train --format extract refuses an extract whose columns cannot be mapped, naming them', async () => {
  // The privacy test's policy: a province and an age band under a name no canonical field has.
  const policy = trainingPolicy(synthDir);
  const columns = policy['columns'] as Record<string, unknown>;
  const unmappable = await pseudonymise('unmappable', {
    ...policy,
    columns: {
      ...columns,
      dateOfBirth: { action: 'generalise', rule: { rule: 'age-band', widthYears: 10 } },
      address: { action: 'generalise', rule: { rule: 'region', level: 'province' } },
    },
  });
  const refused = absencelab(
    'train',
    '--format',
    'extract',
    '--data',
    unmappable,
    '--context',
    'employer',
    '--out',
    join(work, 'never.json'),
  );
  assert.equal(refused.status, 65, refused.stderr);
  assert.match(refused.stderr, /columns that cannot be mapped to canonical records/);
  assert.match(refused.stderr, /column "dateOfBirth": \(an age band\) is not a field/);
  assert.match(refused.stderr, /column "address": \(a region \(province\)\) is not a field/);
  assert.equal(refused.stderr.includes('Noord-Holland'), false);
  assert.equal(refused.stdout, '');
});

test('measureSurvivalUtility scores models of the original and the extract on the same persons', async () => {
  const keyRing = await readKeyFile(keyPath);
  const pseudonymiser = createPseudonymiser({
    domainKey: deriveDomainKey(keyRing.masterKey(keyRing.currentVersion), 'research-train'),
    keyVersion: keyRing.currentVersion,
  });
  const original = await loadCanonicalProblem(synthDir);
  const result = await measureSurvivalUtility({
    original,
    extract: await loadExtractProblem(extractPath),
    pseudonymOf: (id) => pseudonymiser.pseudonymise(id),
    context: 'employer',
    seed: 1,
  });
  assert.deepEqual(result.featuresLeftOut, ['reportWeekday', 'sector']);
  assert.ok(result.testPersons > 400 && result.testPersons < 600, `${result.testPersons}`);
  // The same persons train both: only reports whose week began before the period differ.
  assert.ok(Math.abs(result.trainEpisodes.extract - result.trainEpisodes.original) < 30);
  const [six, thirteen] = result.horizons;
  assert.deepEqual([six!.weeks, thirteen!.weeks], [6, 13]);
  assert.ok(six!.n > 1000 && six!.positives > 100, JSON.stringify(six));
  for (const h of [six!, thirteen!]) {
    assert.ok(h.aucOriginal > 0.65 && h.aucExtract > 0.65, JSON.stringify(h));
    assert.ok(h.aucLoss95[0] < h.aucLoss && h.aucLoss < h.aucLoss95[1]);
    assert.ok(Math.abs(h.aucLoss - (h.aucOriginal - h.aucExtract)) < 2e-4);
    // About 500 test persons: the interval is too wide to show a loss within 0.01 either way.
    assert.ok(h.aucLoss95[1] - h.aucLoss95[0] > 0.02, JSON.stringify(h));
    assert.notEqual(h.verdict, 'within');
  }
});
