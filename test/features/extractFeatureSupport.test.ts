import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalFeatures } from '../../src/features/canonicalFeatures.ts';
import {
  extractFeatureNames,
  featuresCarriedBy,
} from '../../src/features/extractFeatureSupport.ts';

test('every canonical feature is decided on for extracts, and no other name is', () => {
  assert.deepEqual(
    [...extractFeatureNames].sort(),
    canonicalFeatures.map((spec) => spec.name).sort(),
  );
});

test('featuresCarriedBy leaves out the weekday always and features of absent or hidden fields', () => {
  const { carried, leftOut } = featuresCarriedBy(
    canonicalFeatures,
    ['employeeId', 'episodeId', 'startDate', 'endDate', 'birthYear', 'expectedDurationDays'],
    ['sector'],
  );
  const carriedNames = carried.map((spec) => spec.name);
  assert.ok(carriedNames.includes('priorEpisodes12Months'));
  assert.ok(carriedNames.includes('ageYears'));
  assert.ok(carriedNames.includes('expectedDurationDays'));
  assert.equal(carriedNames.includes('reportWeekday'), false);
  const reasons = new Map(leftOut.map((f) => [f.name, f.reason]));
  assert.equal(reasons.get('reportWeekday'), 'the extract gives weeks, not days');
  assert.equal(reasons.get('sector'), 'k-anonymity hid sector in every row');
  assert.equal(reasons.get('tenureYears'), 'the extract has no employmentStartDate or tenureYears');
  assert.equal(carried.length + leftOut.length, canonicalFeatures.length);
});

test('featuresCarriedBy leaves out a feature it has no entry for', () => {
  const unknown = { ...canonicalFeatures[0]!, name: 'someNewFeature' };
  const { carried, leftOut } = featuresCarriedBy([unknown], ['startDate']);
  assert.deepEqual(carried, []);
  assert.deepEqual(leftOut, [
    { name: 'someNewFeature', reason: 'not known to carry over to extracts' },
  ]);
});
