import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { bsnCheckDigit, createBsnSequence, isValidBsn } from '../../src/synth/bsn.ts';
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

test('createBsnSequence hands out distinct valid BSNs', () => {
  const next = createBsnSequence(createRandom(3));
  const numbers = Array.from({ length: 10_000 }, next);
  assert.equal(new Set(numbers).size, numbers.length);
  for (const bsn of numbers) assert.equal(isValidBsn(bsn), true, bsn);
});

test('createIdentityMaker makes identities that pass the identity schema and match the birth year', () => {
  const make = createIdentityMaker(createRandom(5));
  for (let i = 0; i < 500; i++) {
    const identity = make({
      employeeId: `E${i}`,
      sex: i % 2 === 0 ? 'female' : 'male',
      birthYear: 1960 + (i % 40),
    });
    assert.equal(identitySchema.safeParse(identity).success, true);
    assert.equal(Number(identity.dateOfBirth.slice(0, 4)), 1960 + (i % 40));
    assert.match(identity.postcode, /^[1-9]\d{3} [A-Z]{2}$/);
    assert.ok(!/ (SA|SD|SS)$/.test(identity.postcode));
  }
});
