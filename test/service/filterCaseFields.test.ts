import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowsPath, fieldMatcher, filterCaseFields } from '../../src/service/filterCaseFields.ts';

test('filterCaseFields keeps allowed paths, applies array paths to every entry and lists drops', () => {
  const matcher = fieldMatcher([
    'caseId',
    'employee.ageYears',
    'employee.attributes.distanceKm',
    'history.durationHours',
  ]);
  const dropped = new Set<string>();
  const kept = filterCaseFields(
    {
      caseId: 'c1',
      employee: { ageYears: 40, name: 'X', attributes: { distanceKm: 3, bmi: 31 } },
      episode: { medical: { diagnosisCode: '13' } },
      history: [{ durationHours: 8, medical: { diagnosisCode: '7' } }, { durationHours: 2 }],
    },
    matcher,
    dropped,
  );
  assert.deepEqual(kept, {
    caseId: 'c1',
    employee: { ageYears: 40, attributes: { distanceKm: 3 } },
    history: [{ durationHours: 8 }, { durationHours: 2 }],
  });
  assert.deepEqual([...dropped].sort(), [
    'employee.attributes.bmi',
    'employee.name',
    'episode.medical.diagnosisCode',
    'history.medical.diagnosisCode',
  ]);
});

test('fieldMatcher allows every field below an allowed parent', () => {
  const matcher = fieldMatcher(['episode.medical']);
  assert.equal(allowsPath(matcher, 'episode.medical.diagnosisCode'), true);
  assert.equal(allowsPath(matcher, 'episode.medicalNotes'), false);
  assert.equal(allowsPath(matcher, 'episode'), false);
});
