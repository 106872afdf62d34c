import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { measureUtility, type UtilitySample } from '../../src/privacy/measureUtility.ts';

/** Persons with 1-4 episodes; the label follows a per-person age and a per-episode number. */
function sample(
  persons: number,
  extractOf: (age: number, days: number) => string[],
): UtilitySample {
  const random = createRandom(5);
  const result: UtilitySample = { original: [], extract: [], labels: [], subjects: [] };
  for (let p = 0; p < persons; p++) {
    const age = 20 + random.int(45);
    for (let e = 1 + random.int(4); e > 0; e--) {
      const days = random.int(60);
      const risk = (age - 42) / 10 + (days - 30) / 15 + random.normal();
      result.labels.push(risk > 1 ? 1 : 0);
      result.original.push([String(age), String(days)]);
      result.extract.push(extractOf(age, days));
      result.subjects.push(`P${p}`);
    }
  }
  return result;
}

const band = (age: number) => `${Math.floor(age / 10) * 10}-${Math.floor(age / 10) * 10 + 9}`;

test('measureUtility finds an extract that keeps the signal within 0.01 on many persons', () => {
  const result = measureUtility(
    sample(6000, (age, days) => [band(age), String(days)]),
    'long',
    ['age', 'days'],
  );
  assert.equal(result.splitBy, 'person');
  assert.ok(result.testSubjects > 1500 && result.testSubjects < 2100, `${result.testSubjects}`);
  assert.equal(result.verdict, 'within', JSON.stringify(result));
});

test('measureUtility finds an extract that hides a strong feature outside the margin', () => {
  const result = measureUtility(
    sample(6000, (age) => [band(age), '*']),
    'long',
    ['age', 'days'],
  );
  assert.ok(result.aucLoss! > 0.05, JSON.stringify(result));
  assert.ok(result.aucLoss95![0] > 0.01);
  assert.equal(result.verdict, 'outside');
});

test('measureUtility on few persons states the loss but leaves the verdict undecided', () => {
  const result = measureUtility(
    sample(150, (age, days) => [band(age), String(days)]),
    'long',
    ['age', 'days'],
  );
  assert.ok(result.aucLoss95![0] < -0.01 || result.aucLoss95![1] > 0.01, JSON.stringify(result));
  assert.equal(result.verdict, 'undecided');
});

test('measureUtility splits by row when the policy names no subject column', () => {
  const withSubjects = sample(300, (age, days) => [band(age), String(days)]);
  const result = measureUtility(
    { ...withSubjects, subjects: withSubjects.subjects.map(() => '') },
    'long',
    ['age', 'days'],
  );
  assert.equal(result.splitBy, 'row');
  assert.equal(result.testSubjects, result.testRows);
});
