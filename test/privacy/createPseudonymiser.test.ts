import assert from 'node:assert/strict';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { test } from 'node:test';
import { encodeBase32 } from '../../src/privacy/base32.ts';
import { createPseudonymiser } from '../../src/privacy/createPseudonymiser.ts';
import { deriveDomainKey } from '../../src/privacy/deriveDomainKey.ts';

const masterKey = Buffer.alloc(32, 7);
/** Computed independently with Python's hmac and hashlib (RFC 5869 HKDF by hand). */
const PINNED = 'v1:mlboj3jxlkn2l22bgwphzhzwdteiomjk';
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

test('pseudonymise is HMAC-SHA-256 under the HKDF domain key, 160 bits in base32, a known answer', () => {
  // Recomputed here from node:crypto's primitives, and pinned, so that a change of the
  // construction (salt, info, truncation, encoding) cannot pass unnoticed: old extracts would
  // no longer link to new ones.
  const domainKey = Buffer.from(
    hkdfSync('sha256', masterKey, 'absencelab/pseudonym-domain/v1', 'domain:research-a', 32),
  );
  const mac = createHmac('sha256', domainKey).update('E000123').digest();
  const expected = `v1:${encodeBase32(mac.subarray(0, 20))}`;
  assert.equal(make('research-a').pseudonymise('E000123'), expected);
  assert.equal(expected, PINNED);
});

test('pseudonymise in two domains agrees on a character position no more often than chance', () => {
  const a = make('research-a');
  const b = make('research-b');
  let same = 0;
  let compared = 0;
  for (let i = 0; i < 2000; i++) {
    const id = `E${String(i).padStart(6, '0')}`;
    const [x, y] = [a.pseudonymise(id), b.pseudonymise(id)];
    for (let p = 3; p < x.length; p++) {
      compared++;
      if (x[p] === y[p]) same++;
    }
  }
  // 64,000 positions: chance is 1/32 (2,000 expected), with a standard deviation of about 44.
  assert.ok(Math.abs(same - compared / 32) < 250, `${same} of ${compared}`);
});
