import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  identifierKindOf,
  looksLikeBsn,
  looksLikeIban,
  looksLikeName,
  looksLikePhone,
  looksLikePostcode,
} from '../../src/privacy/identifierDetectors.ts';

test('looksLikeBsn accepts numbers passing the 11-check and refuses others', () => {
  assert.equal(looksLikeBsn('111222333'), true);
  assert.equal(looksLikeBsn('900009408'), true);
  assert.equal(looksLikeBsn('123456782'), true);
  assert.equal(looksLikeBsn('123456789'), false);
  assert.equal(looksLikeBsn('000000000'), false);
  assert.equal(looksLikeBsn('12345'), false);
});

test('looksLikeIban checks the mod-97 digits', () => {
  assert.equal(looksLikeIban('NL91ABNA0417164300'), true);
  assert.equal(looksLikeIban('NL91 ABNA 0417 1643 00'), true);
  assert.equal(looksLikeIban('NL92ABNA0417164300'), false);
  assert.equal(looksLikeIban('GB82WEST12345698765432'), true);
});

test('looksLikePhone, looksLikePostcode and looksLikeName spot Dutch forms', () => {
  assert.equal(looksLikePhone('06-12345678'), true);
  assert.equal(looksLikePhone('+31 6 1234 5678'), true);
  assert.equal(looksLikePhone('010-1234567'), true);
  assert.equal(looksLikePhone('12345678'), false);
  assert.equal(looksLikePostcode('1234 AB 12'), true);
  assert.equal(looksLikePostcode('1234AB'), true);
  assert.equal(looksLikePostcode('1234'), false);
  assert.equal(looksLikeName('Jan de Vries'), true);
  assert.equal(looksLikeName('van den Berg'), true);
  assert.equal(looksLikeName('permanent'), false);
});

test('identifierKindOf leaves ordinary values alone', () => {
  for (const value of ['industry', '40', '2024-03-04', 'T00001', 'respiratory', 'E000001']) {
    assert.equal(identifierKindOf(value), undefined, value);
  }
  assert.equal(identifierKindOf('jan.jansen@example.nl'), 'email');
});
