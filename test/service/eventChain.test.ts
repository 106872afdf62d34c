import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainEvents, checkEntries, genesisHash } from '../../src/service/eventChain.ts';
import type { EventDraft } from '../../src/service/store.ts';
import { casePseudonym } from '../../src/service/pseudonym.ts';
import { newToken, parseToken, secretMatches, sha256Hex } from '../../src/service/tokens.ts';

const draft = (eventId: string): EventDraft => ({
  tenantId: 't_1',
  eventId,
  kind: 'prediction',
  occurredAt: '2026-06-01T00:00:00.000Z',
  userId: 'u_1',
  role: 'case-manager',
  purpose: 'absence-guidance',
  modelVersion: 'm1',
  casePseudonym: 'p',
  band: 'low',
  detailSha256: 'd',
  decisionOutcome: null,
  predictionEventId: null,
});

test('chainEvents links each entry to the one before and checkEntries finds the first change', () => {
  const entries = chainEvents([draft('a'), draft('b'), draft('c')], { seq: 0, hash: genesisHash });
  assert.deepEqual(
    entries.map((e) => e.seq),
    [1, 2, 3],
  );
  assert.equal(entries[1]?.prevHash, entries[0]?.hash);
  assert.deepEqual(checkEntries(entries, { seq: 0, hash: genesisHash }), {
    ok: true,
    tail: { seq: 3, hash: entries[2]!.hash },
  });
  const changed = entries.map((e) => (e.seq === 2 ? { ...e, band: 'high' } : e));
  assert.deepEqual(checkEntries(changed, { seq: 0, hash: genesisHash }), {
    ok: false,
    broken: { kind: 'hash', seq: 2 },
  });
  const rehashed = chainEvents([draft('a'), { ...draft('b'), band: 'high' }], {
    seq: 0,
    hash: genesisHash,
  });
  const spliced = [rehashed[0]!, rehashed[1]!, entries[2]!];
  assert.deepEqual(checkEntries(spliced, { seq: 0, hash: genesisHash }), {
    ok: false,
    broken: { kind: 'link', seq: 3 },
  });
});

test('casePseudonym is HMAC-SHA-256 (RFC 4231 case 2) and differs per tenant key', () => {
  const jefe = Buffer.from('Jefe').toString('hex');
  assert.equal(
    casePseudonym('what do ya want for nothing?', jefe),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  );
  assert.notEqual(
    casePseudonym('case-1', '00'.repeat(32)),
    casePseudonym('case-1', '01'.repeat(32)),
  );
  assert.notEqual(casePseudonym('case-1', '00'.repeat(32)), sha256Hex('case-1'));
});

test('newToken stores only the hash of a 256-bit secret and secretMatches checks it', () => {
  const { token, secretSha256 } = newToken('u_0123456789abcdef');
  const parsed = parseToken(token);
  assert.equal(parsed?.userId, 'u_0123456789abcdef');
  assert.equal(Buffer.from(parsed!.secret, 'base64url').length, 32);
  assert.equal(token.includes(secretSha256), false);
  assert.equal(secretMatches(parsed!.secret, secretSha256), true);
  const last = parsed!.secret.endsWith('A') ? 'B' : 'A';
  assert.equal(secretMatches(`${parsed!.secret.slice(0, -1)}${last}`, secretSha256), false);
  assert.equal(parseToken('al_u_0123_short'), undefined);
});
