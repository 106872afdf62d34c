import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AccountabilityInputs } from '../../src/accountability/accountabilityInputs.ts';
import { fieldCategory } from '../../src/accountability/fieldCategories.ts';
import { generateDocuments } from '../../src/accountability/generateDocuments.ts';
import { currentModels } from '../../src/accountability/modelSummary.ts';
import type { LinearModel } from '../../src/absence/linearModel.ts';
import { trainLinearModel } from '../../src/absence/trainLinearModel.ts';
import { uciDefaultBands, uciFeaturesFor } from '../../src/absence/uciPipeline.ts';
import { uciTarget } from '../../src/absence/uciTarget.ts';
import { modelCard } from '../../src/service/modelCard.ts';
import { parsePurposeRegister } from '../../src/service/purposeRegister.ts';
import { roles } from '../../src/service/roles.ts';
import type { StoredModel } from '../../src/service/store.ts';
import { models, problem, purposesFile } from '../service/serviceFixture.ts';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

const registerJson = JSON.parse(readFileSync(purposesFile, 'utf8')) as {
  formatVersion: 1;
  purposes: Record<string, unknown>[];
};

function stored(model: LinearModel, createdAt: string): StoredModel {
  return {
    modelVersion: model.modelVersion,
    context: model.context,
    artefactJson: JSON.stringify(model),
    cardJson: JSON.stringify(modelCard(model)),
    createdAt,
  };
}

function inputsFor(register: unknown, storedModels: StoredModel[]): AccountabilityInputs {
  return {
    purposes: parsePurposeRegister(register, 'purposes.json'),
    models: currentModels(storedModels),
    controller: { name: 'tenant-a', contact: 'fg@example.org' },
    generatedAt: '2026-06-15T10:00:00.000Z',
  };
}

function byName(inputs: AccountabilityInputs): Map<string, string> {
  return new Map(generateDocuments(inputs).map((d) => [d.fileName, d.content]));
}

const initialModels = [
  stored(models.employer, '2026-06-01T00:00:00.000Z'),
  stored(models['occupational-physician'], '2026-06-01T00:00:00.000Z'),
];

test('generateDocuments names every purpose, field category, role, retention period and current model version', () => {
  const inputs = inputsFor(registerJson, initialModels);
  const docs = byName(inputs);
  const record = docs.get('record-of-processing.md')!;
  const recordJson = docs.get('record-of-processing.json')!;
  const dpia = docs.get('dpia-draft.md')!;
  const dpiaJson = JSON.parse(docs.get('dpia-draft.json')!) as { status: string };
  assert.equal(dpiaJson.status, 'draft');

  for (const purpose of inputs.purposes.purposes) {
    for (const text of [record, recordJson, dpia]) assert.ok(text.includes(purpose.id), purpose.id);
    assert.ok(record.includes(`**Retention:** ${purpose.retentionMonths} months`), purpose.id);
    assert.ok(dpia.includes(`${purpose.retentionMonths} months |`), purpose.id);
    for (const field of purpose.fields) {
      assert.ok(record.includes(`| ${fieldCategory(field)} |`), field);
      assert.ok(record.includes(`\`${field}\``), field);
    }
  }
  for (const role of roles) assert.ok(record.includes(`\`${role}\``), role);
  assert.ok(record.includes('at least 6 months'));
  assert.ok(record.includes('| health data: diagnosis | `episode.medical.diagnosisCode` |'));

  for (const model of Object.values(models)) {
    assert.ok(record.includes(model.modelVersion));
    assert.ok(dpia.includes(model.modelVersion));
    assert.ok(docs.get('transparency-absence-predictor.nl.md')!.includes(model.modelVersion));
    assert.ok(docs.get('transparency-absence-predictor.en.md')!.includes(model.modelVersion));
    const instructions = docs.get(`instructions-for-use-${model.modelVersion}.md`);
    assert.ok(instructions?.includes('## Automation bias'), model.modelVersion);
  }
});

test('the transparency texts say how the indication is made and that the CaseloadPredictor has no individual effect', () => {
  const docs = byName(inputsFor(registerJson, initialModels));
  const absenceEn = docs.get('transparency-absence-predictor.en.md')!;
  assert.match(absenceEn, /number of sick reports in the last 12 months; .*; Age;/);
  assert.match(absenceEn, /A professional .* decides/);
  assert.match(absenceEn, /Contact: fg@example\.org/);
  assert.match(absenceEn, /You may object/);
  assert.match(absenceEn, /within 1 month/);
  const absenceNl = docs.get('transparency-absence-predictor.nl.md')!;
  assert.match(absenceNl, /aantal ziekmeldingen in de afgelopen 12 maanden; .*; Leeftijd;/);
  assert.match(absenceNl, /U mag bezwaar maken/);
  // The employer model never reads health data, so its text does not name them.
  const employerLine = absenceEn.split('\n').find((l) => l.startsWith('- employer:'))!;
  assert.equal(/Body mass index|Reason for absence/.test(employerLine), false);
  assert.match(docs.get('transparency-caseload-predictor.en.md')!, /no effect on you individually/);
  assert.match(
    docs.get('transparency-caseload-predictor.nl.md')!,
    /geen gevolgen voor u persoonlijk/,
  );
});

test('generateDocuments follows a changed register and a newer model', () => {
  const changed = structuredClone(registerJson);
  changed.purposes[0]!['retentionMonths'] = 18;
  changed.purposes[2]!['roles'] = ['data-scientist'];
  changed.purposes.push({
    id: 'return-to-work-research',
    description: 'Research on return to work, on pseudonymised aggregates only.',
    legalBasis: 'GDPR art. 89(1) with art. 6(1)(f): research with safeguards.',
    modules: ['caseload-predictor'],
    roles: ['data-scientist'],
    contexts: ['employer'],
    fields: ['employee.employeeId', 'episode.startMonth'],
    retentionMonths: 36,
  });
  const newer = { ...models.employer, modelVersion: 'uci-employer-lr-000000000001' };
  const docs = byName(
    inputsFor(changed, [...initialModels, stored(newer, '2026-06-10T00:00:00.000Z')]),
  );
  const record = docs.get('record-of-processing.md')!;
  assert.ok(record.includes('return-to-work-research'));
  assert.ok(record.includes('**Retention:** 18 months'));
  assert.ok(record.includes('**Retention:** 36 months'));
  assert.equal(
    record.includes('**Retention:** 24 months\n- **Current models:** uci-employer'),
    false,
  );
  assert.ok(record.includes('uci-employer-lr-000000000001'));
  assert.equal(record.includes(models.employer.modelVersion), false);
  assert.ok(docs.has('instructions-for-use-uci-employer-lr-000000000001.md'));
  assert.equal(docs.has(`instructions-for-use-${models.employer.modelVersion}.md`), false);
  const caseload = docs.get('transparency-caseload-predictor.en.md')!;
  assert.ok(caseload.includes('return-to-work-research'));
  assert.equal(caseload.includes('case manager:'), false);
});

test('absencelab docs --out writes every document from the register and the database', () => {
  const out = temporaryDirectory('docs');
  const result = spawnSync(
    process.execPath,
    [join(projectRoot, 'bin/absencelab.mjs'), 'docs', '--out', out, '--data-dir', join(out, 'db')],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  assert.equal(result.status, 0, result.stderr);
  const files = readdirSync(out)
    .filter((f) => f !== 'db')
    .sort();
  assert.deepEqual(files, [
    'dpia-draft.json',
    'dpia-draft.md',
    'record-of-processing.json',
    'record-of-processing.md',
    'transparency-absence-predictor.en.md',
    'transparency-absence-predictor.nl.md',
    'transparency-caseload-predictor.en.md',
    'transparency-caseload-predictor.nl.md',
  ]);
  assert.match(readFileSync(join(out, 'dpia-draft.md'), 'utf8'), /No model is registered/);
});

test('the instructions for use of a validated logistic model give its cross-validated AUC and per-age-band results', () => {
  const validated = trainLinearModel({
    ...problem,
    features: uciFeaturesFor('employer'),
    context: 'employer',
    catalogue: 'uci',
    target: uciTarget,
    bands: uciDefaultBands,
    seed: 1,
    isValidated: true,
  });
  const validation = validated.validation!;
  assert.equal(validation.n, problem.cases.length);
  assert.ok(validation.auc > 0.55 && validation.auc < 0.8, String(validation.auc));
  assert.ok(validation.auc95[0] < validation.auc && validation.auc < validation.auc95[1]);
  assert.equal(
    validation.groups.reduce((sum, g) => sum + g.n, 0),
    problem.cases.length,
  );
  const docs = byName(inputsFor(registerJson, [stored(validated, '2026-06-02T00:00:00.000Z')]));
  const instructions = docs.get(`instructions-for-use-${validated.modelVersion}.md`)!;
  assert.ok(instructions.includes(validation.auc.toFixed(3)), 'the AUC is in the instructions');
  assert.ok(!instructions.includes('holds no measured accuracy'));
  assert.match(instructions, /\| ageBand \| 35-44 \| \d+ \| 0\.\d{3}/);
});
