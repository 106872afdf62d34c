import assert from 'node:assert/strict';
import { createHmac, createSecretKey } from 'node:crypto';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { createHmacSha256 } from '../../src/privacy/createHmacSha256.ts';
import { hmacSha256 } from '../../src/privacy/hmacSha256.ts';

// RFC 4231, section 4: HMAC-SHA-256 test cases 1-4, 6 and 7; case 5, a truncated output, below.
const vectors = [
  {
    name: 'case 1',
    key: '0b'.repeat(20),
    data: Buffer.from('Hi There').toString('hex'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'case 2',
    key: Buffer.from('Jefe').toString('hex'),
    data: Buffer.from('what do ya want for nothing?').toString('hex'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'case 3',
    key: 'aa'.repeat(20),
    data: 'dd'.repeat(50),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'case 4',
    key: '0102030405060708090a0b0c0d0e0f10111213141516171819',
    data: 'cd'.repeat(50),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'case 6',
    key: 'aa'.repeat(131),
    data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First').toString('hex'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'case 7',
    key: 'aa'.repeat(131),
    data: Buffer.from(
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
        'The key needs to be hashed before being used by the HMAC algorithm.',
    ).toString('hex'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

for (const vector of vectors) {
  test(`hmacSha256 gives the RFC 4231 ${vector.name} result`, () => {
    const mac = hmacSha256(Buffer.from(vector.key, 'hex'), Buffer.from(vector.data, 'hex'));
    assert.equal(mac.toString('hex'), vector.mac);
  });

  test(`createHmacSha256 gives the RFC 4231 ${vector.name} result`, () => {
    const data = Buffer.from(vector.data, 'hex');
    const into = new Uint8Array(32);
    createHmacSha256(Buffer.from(vector.key, 'hex')).macInto(data, 0, data.length, into, 0);
    assert.equal(Buffer.from(into).toString('hex'), vector.mac);
  });
}

test('createHmacSha256 agrees with createHmac for every message length across block edges', () => {
  // Lengths 55, 56 and 64 are where the padding needs a second block or the message fills one.
  // Seeded bytes, so that a failure is the same on every run.
  const random = createRandom(4231);
  const randomBytes = (length: number): Buffer =>
    Buffer.from(Array.from({ length }, () => Math.floor(random.next() * 256)));
  for (const keyLength of [16, 32, 64, 65, 131]) {
    const key = createSecretKey(randomBytes(keyLength));
    const mac = createHmacSha256(key);
    for (let length = 0; length <= 200; length++) {
      const message = randomBytes(length + 7);
      const into = new Uint8Array(40);
      mac.macInto(message, 3, length + 3, into, 5);
      const expected = createHmac('sha256', key)
        .update(message.subarray(3, length + 3))
        .digest('hex');
      assert.equal(Buffer.from(into.subarray(5, 37)).toString('hex'), expected, `${length}`);
    }
  }
});

test('hmacSha256 gives the RFC 4231 case 5 result truncated to 128 bits, as pseudonyms truncate', () => {
  const mac = hmacSha256(Buffer.alloc(20, 0x0c), Buffer.from('Test With Truncation'));
  assert.equal(mac.subarray(0, 16).toString('hex'), 'a3b6167473100ee06e0c796c2955552b');
});
