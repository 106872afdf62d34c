import type { KeyObject } from 'node:crypto';

/**
 * HMAC-SHA-256 under one key (RFC 2104 with FIPS 180-4), for many short messages: the same MACs
 * as `hmacSha256`, written into a caller's buffer. `createHmac` per message cost about 4 µs here,
 * mostly making the Hmac object and the digest's Buffer, not hashing; this hashes the key's inner
 * and outer pads once and then needs two SHA-256 blocks per message of up to 55 bytes, in
 * preallocated arrays. Checked against RFC 4231 and `createHmac` in test/privacy/hmacSha256.test.ts.
 */
export interface HmacSha256 {
  /** The MAC of `bytes[from, to)`, its 32 bytes written into `into` from `at`. */
  macInto(bytes: Uint8Array, from: number, to: number, into: Uint8Array, at: number): void;
}

const blockBytes = 64;

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const roundConstants = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const initialState = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

interface MacState {
  /** The state after the key's inner pad, and after its outer pad. */
  inner: Int32Array;
  outer: Int32Array;
  /** The state being hashed, the message schedule, and one padded block of bytes. */
  state: Int32Array;
  words: Int32Array;
  block: Uint8Array;
}

export function createHmacSha256(key: KeyObject | Uint8Array): HmacSha256 {
  let keyBytes: Uint8Array = 'export' in key ? key.export() : key;
  const mac: MacState = {
    inner: new Int32Array(8),
    outer: new Int32Array(8),
    state: new Int32Array(8),
    words: new Int32Array(64),
    block: new Uint8Array(blockBytes),
  };
  if (keyBytes.length > blockBytes) {
    // RFC 2104: a key longer than a block is hashed first.
    hashBytes(mac, initialState, 0, keyBytes, 0, keyBytes.length);
    keyBytes = new Uint8Array(32);
    writeState(mac.state, keyBytes, 0);
  }
  for (const [pad, into] of [
    [0x36, mac.inner],
    [0x5c, mac.outer],
  ] as const) {
    mac.block.fill(pad);
    for (let i = 0; i < keyBytes.length; i++) mac.block[i] = keyBytes[i]! ^ pad;
    mac.state.set(initialState);
    compress(mac, mac.block, 0);
    into.set(mac.state);
  }
  return {
    macInto(bytes, from, to, into, at) {
      hashBytes(mac, mac.inner, blockBytes, bytes, from, to);
      // The outer message is the inner digest, always one padded block: its words are set
      // straight from the inner state, without going through bytes.
      const { state, words } = mac;
      for (let i = 0; i < 8; i++) words[i] = state[i]!;
      words[8] = 0x80000000 | 0;
      for (let i = 9; i < 15; i++) words[i] = 0;
      words[15] = (blockBytes + 32) * 8;
      state.set(mac.outer);
      compressWords(state, words);
      writeState(state, into, at);
    },
  };
}

// Plain functions on the state, not closures: they run twice per MAC.

/**
 * SHA-256 of `bytes[from, to)` continued from `start`, after `before` bytes already hashed into
 * it, into `mac.state` (without the final byte order: see `writeState`).
 */
function hashBytes(
  mac: MacState,
  start: Int32Array,
  before: number,
  bytes: Uint8Array,
  from: number,
  to: number,
): void {
  const { state, block } = mac;
  state.set(start);
  let position = from;
  while (to - position >= blockBytes) {
    compress(mac, bytes, position);
    position += blockBytes;
  }
  // The rest, a 1 bit, zeros, and the message's length in bits as 64 bits big-endian.
  const rest = to - position;
  for (let i = 0; i < rest; i++) block[i] = bytes[position + i]!;
  block[rest] = 0x80;
  let end = rest + 1;
  if (end > blockBytes - 8) {
    block.fill(0, end);
    compress(mac, block, 0);
    end = 0;
  }
  block.fill(0, end, blockBytes - 8);
  const bits = (before + to - from) * 8;
  writeWord(block, blockBytes - 8, Math.floor(bits / 0x100000000));
  writeWord(block, blockBytes - 4, bits >>> 0);
  compress(mac, block, 0);
}

function writeState(state: Int32Array, into: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) writeWord(into, at + i * 4, state[i]!);
}

function writeWord(into: Uint8Array, at: number, word: number): void {
  into[at] = word >>> 24;
  into[at + 1] = word >>> 16;
  into[at + 2] = word >>> 8;
  into[at + 3] = word;
}

/** One SHA-256 block, `bytes[at, at + 64)`, into `mac.state`. */
function compress(mac: MacState, bytes: Uint8Array, at: number): void {
  const { words } = mac;
  for (let t = 0; t < 16; t++) {
    const i = at + t * 4;
    words[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  compressWords(mac.state, words);
}

/** One SHA-256 block whose 16 words are `words[0, 16)`, into `state` (FIPS 180-4, 6.2.2). */
function compressWords(state: Int32Array, words: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const w15 = words[t - 15]!;
    const w2 = words[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    words[t] = (words[t - 16]! + s0 + words[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const choice = (e & f) ^ (~e & g);
    const t1 = (h + s1 + choice + roundConstants[t]! + words[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}
