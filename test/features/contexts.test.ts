import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { assertLawful, lawfulFeatures } from '../../src/features/catalogue.ts';
import { uciFeatures } from '../../src/features/uciFeatures.ts';

const medical = ['diagnosisCode', 'bmi', 'weightKg', 'heightCm', 'socialDrinker', 'socialSmoker'];

test('lawfulFeatures for the employer leaves out the reason code and every health measurement', () => {
  const names = lawfulFeatures(uciFeatures, 'employer').map((spec) => spec.name);
  for (const name of medical) assert.equal(names.includes(name), false, name);
  assert.ok(names.includes('priorSickReports'));
});

test('lawfulFeatures for the occupational physician includes every feature', () => {
  assert.equal(lawfulFeatures(uciFeatures, 'occupational-physician').length, uciFeatures.length);
});

test('every UCI feature is tagged with at least one context', () => {
  for (const spec of uciFeatures) assert.ok(spec.contexts.length > 0, spec.name);
});

test('assertLawful refuses physician-only features for the employer, naming each', () => {
  assert.throws(
    () => assertLawful(uciFeatures, 'employer'),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'UNLAWFUL_FEATURE' &&
      medical.every((name) => error.message.includes(`"${name}"`)) &&
      error.issues.length === medical.length,
  );
});
