import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { encodeBase32 } from '../../src/privacy/base32.ts';
import { createPseudonymiser } from '../../src/privacy/createPseudonymiser.ts';
import { deriveDomainKey } from '../../src/privacy/deriveDomainKey.ts';

const masterKey = Buffer.alloc(32, 7);
const make = (domain: string, keyVersion = 'v1', key: Buffer = masterKey) =>
  createPseudonymiser({ domainKey: deriveDomainKey(key, domain), keyVersion });

test('encodeBase32 matches the RFC 4648 test vectors in lower case without padding', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['f', 'my'],
    ['fo', 'mzxq'],
    ['foo', 'mzxw6'],
    ['foob', 'mzxw6yq'],
    ['fooba', 'mzxw6ytb'],
    ['foobar', 'mzxw6ytboi'],
  ];
  for (const [input, expected] of cases) assert.equal(encodeBase32(Buffer.from(input)), expected);
});

test('pseudonymise gives the same pseudonym for the same id in one domain, trimmed', () => {
  const first = make('research-a');
  const second = make('research-a');
  assert.equal(first.pseudonymise('E000123'), second.pseudonymise('E000123'));
  assert.equal(first.pseudonymise(' E000123 '), first.pseudonymise('E000123'));
  assert.notEqual(first.pseudonymise('E000123'), first.pseudonymise('E000124'));
});

test('pseudonymise gives unrelated pseudonyms for the same id in two domains', () => {
  const a = make('research-a');
  const b = make('research-b');
  const ids = Array.from({ length: 200 }, (_, i) => `E${String(i).padStart(6, '0')}`);
  const inA = new Set(ids.map((id) => a.pseudonymise(id)));
  const inB = new Set(ids.map((id) => b.pseudonymise(id)));
  for (const pseudonym of inA) assert.equal(inB.has(pseudonym), false);
  // Not even a shared prefix beyond the version label.
  assert.notEqual(a.pseudonymise(ids[0]!).slice(3, 8), b.pseudonymise(ids[0]!).slice(3, 8));
});

test('pseudonymise labels the key version and uses 160 bits in base32', () => {
  const v1 = make('research-a', 'v1');
  const v2 = make('research-a', 'v2', Buffer.alloc(32, 8));
  assert.match(v1.pseudonymise('E1'), /^v1:[a-z2-7]{32}$/);
  assert.match(v2.pseudonymise('E1'), /^v2:[a-z2-7]{32}$/);
  assert.notEqual(v1.pseudonymise('E1').slice(3), v2.pseudonymise('E1').slice(3));
});

test('pseudonymise is never a plain SHA-256 of the id and keeps empty cells empty', () => {
  const pseudonymiser = make('research-a');
  const id = '900009408';
  const pseudonym = pseudonymiser.pseudonymise(id);
  const digest = createHash('sha256').update(id).digest();
  assert.equal(pseudonym.includes(encodeBase32(digest.subarray(0, 20))), false);
  assert.equal(pseudonym.includes(digest.toString('hex').slice(0, 16)), false);
  assert.equal(pseudonymiser.pseudonymise('  '), '');
});

test('pseudonymise counts computed MACs and cache hits', () => {
  const pseudonymiser = make('research-a');
  for (const id of ['a', 'b', 'a', 'a', 'c']) pseudonymiser.pseudonymise(id);
  assert.deepEqual(pseudonymiser.counts(), { computed: 3, cached: 2 });
});

test('deriveDomainKey refuses a domain name with spaces or capitals, naming --domain', () => {
  assert.throws(
    () => deriveDomainKey(masterKey, 'Research 2026'),
    (error: { issues: { field: string }[] }) => error.issues[0]?.field === '--domain',
  );
});
