import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { bsnCheckDigit, bsnOfEmployee, bsnPairCount, isValidBsn } from '../../src/synth/bsn.ts';
import { createIdentityMaker, identitySchema } from '../../src/synth/identities.ts';

test('isValidBsn accepts numbers passing the 11-check and rejects others', () => {
  assert.equal(isValidBsn('111222333'), true);
  assert.equal(isValidBsn('123456782'), true);
  assert.equal(isValidBsn('123456789'), false);
  assert.equal(isValidBsn('11122233'), false);
  assert.equal(isValidBsn('11122233a'), false);
});

test('bsnCheckDigit gives no digit when the remainder is 10', () => {
  assert.equal(bsnCheckDigit(11122233), 3);
  // 9·1 + 2·6 = 21, remainder 10: no single check digit makes the sum divisible by 11.
  assert.equal(bsnCheckDigit(10000006), undefined);
});

test('bsnCheckDigit agrees with isValidBsn on prefixes with and without leading zeros', () => {
  for (const prefix of [0, 7, 1_234_567, 11_122_233, 90_000_000, 99_999_999]) {
    const check = bsnCheckDigit(prefix);
    if (check !== undefined) {
      assert.equal(isValidBsn(`${String(prefix).padStart(8, '0')}${check}`), true);
    }
  }
});

test('bsnOfEmployee hands out distinct valid BSNs that rise with the employee number', () => {
  const random = createRandom(3);
  const numbers = Array.from({ length: 10_000 }, (_, i) => bsnOfEmployee(i + 1, 417, random));
  assert.equal(new Set(numbers).size, numbers.length);
  for (const bsn of numbers) assert.equal(isValidBsn(bsn), true, bsn);
  for (let i = 1; i < numbers.length; i++) assert.ok(numbers[i]! > numbers[i - 1]!, numbers[i]);
  assert.ok(numbers[0]!.startsWith('9000083'), numbers[0]);
});

test('bsnOfEmployee finds a check digit in every pair of the 9xxxxxxxx range', () => {
  // Two neighbouring prefixes never both lack a check digit; bsnOfEmployee relies on it.
  let pairsWithoutCheck = 0;
  for (let pair = 0; pair < bsnPairCount; pair++) {
    const prefix = 90_000_000 + 2 * pair;
    if (bsnCheckDigit(prefix) === undefined && bsnCheckDigit(prefix + 1) === undefined) {
      pairsWithoutCheck++;
    }
  }
  assert.equal(pairsWithoutCheck, 0);
  assert.equal(isValidBsn(bsnOfEmployee(bsnPairCount, 0, createRandom(1))), true);
});

test('createIdentityMaker makes identities that pass the identity schema and match the birth year', () => {
  const make = createIdentityMaker(createRandom(5), 0);
  for (let i = 0; i < 500; i++) {
    const identity = make(
      {
        employeeId: `E${i}`,
        sex: i % 2 === 0 ? 'female' : 'male',
        birthYear: 1960 + (i % 40),
      },
      i + 1,
    );
    assert.equal(identitySchema.safeParse(identity).success, true);
    assert.equal(Number(identity.dateOfBirth.slice(0, 4)), 1960 + (i % 40));
    assert.match(identity.postcode, /^[1-9]\d{3} [A-Z]{2}$/);
    assert.ok(!/ (SA|SD|SS)$/.test(identity.postcode));
  }
});
