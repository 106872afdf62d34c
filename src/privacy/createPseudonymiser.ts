import type { KeyObject } from 'node:crypto';
import { encodeBase32Into } from './base32.ts';
import {
  addBytes,
  createByteTable,
  findBytes,
  hashOfBytes,
  type ByteTable,
} from './createByteTable.ts';
import { createHmacSha256, type HmacSha256 } from './createHmacSha256.ts';
import { asciiTrimEnd, asciiTrimStart } from './rules/asciiTrim.ts';

/** 160 bits of the MAC: above the 128 bits asked for, and exactly 32 base32 characters. */
const pseudonymBytes = 20;
const pseudonymChars = 32;
/** Entries kept before the cache starts afresh; bounds memory on inputs with many distinct ids. */
const defaultCacheEntries = 1_000_000;

export interface PseudonymiserOptions {
  domainKey: KeyObject;
  /** The key version, written in front of each pseudonym so that a reader knows which key made it. */
  keyVersion: string;
  cacheEntries?: number;
}

export interface Pseudonymiser {
  /** `v1:` + base32 of the truncated HMAC; an empty value stays empty (missing stays missing). */
  pseudonymise(value: string): string;
  /**
   * `pseudonymise` of the ASCII bytes `bytes[start, end)` (untrimmed), as the place of the
   * pseudonym's bytes in `pool()` (`pseudonymLength` of them), or -1 for an empty value. No
   * string is made for a value met before. Same cache and counts as `pseudonymise`.
   */
  pseudonymiseBytes(bytes: Uint8Array, start: number, end: number): number;
  /** Where `pseudonymiseBytes` points; valid until its next call. */
  pool(): Uint8Array;
  readonly pseudonymLength: number;
  /** How many MACs were computed, and how many values came from the cache. */
  counts(): { computed: number; cached: number };
}

interface PseudonymiserState {
  mac: HmacSha256;
  /** The last MAC computed; its first `pseudonymBytes` are the pseudonym. */
  digest: Uint8Array;
  truncated: Uint8Array;
  prefix: Uint8Array;
  cacheEntries: number;
  /** Trimmed values to the place of their pseudonym, written right after them in the pool. */
  cache: ByteTable;
  computed: number;
  cached: number;
  // The previous value's bytes (untrimmed) and its pseudonym's place; -1 when there is none.
  lastBytes: Uint8Array;
  lastLength: number;
  lastPseudonym: number;
}

/**
 * Keyed pseudonyms, stable within one domain and key version. Values are trimmed first so that
 * " 123" and "123" are the same person. Employee ids repeat across episodes, so a cache of recent
 * pseudonyms saves most MACs; it lives only in memory and only for one run. The cache is a byte
 * table holding each value's pseudonym as bytes, which the byte path of an extract copies into
 * its lines without making a string per row.
 */
export function createPseudonymiser(options: PseudonymiserOptions): Pseudonymiser {
  const prefix = Buffer.from(`${options.keyVersion}:`, 'utf8');
  const digest = new Uint8Array(32);
  const state: PseudonymiserState = {
    mac: createHmacSha256(options.domainKey),
    digest,
    truncated: digest.subarray(0, pseudonymBytes),
    prefix,
    cacheEntries: options.cacheEntries ?? defaultCacheEntries,
    cache: createByteTable(),
    computed: 0,
    cached: 0,
    lastBytes: new Uint8Array(64),
    lastLength: -1,
    lastPseudonym: -1,
  };
  const pseudonymLength = prefix.length + pseudonymChars;
  // The string API's previous value, as the byte path's: the rows of a person often follow
  // each other, and comparing with the last value skips the cache for most of them.
  let lastValue = '';
  let lastText = '';

  return {
    pseudonymise(value) {
      if (value === lastValue && value !== '' && state.lastLength < 0) {
        state.cached++;
        return lastText;
      }
      const trimmed = value.trim();
      if (trimmed === '') return '';
      const bytes = Buffer.from(trimmed, 'utf8');
      const at = pseudonymOfTrimmed(state, bytes, 0, bytes.length);
      state.lastLength = -1;
      lastValue = value;
      lastText = Buffer.from(state.cache.pool.buffer, at, pseudonymLength).toString('latin1');
      return lastText;
    },
    pseudonymiseBytes: (bytes, start, end) => pseudonymOfBytes(state, bytes, start, end),
    pool: () => state.cache.pool,
    pseudonymLength,
    counts: () => ({ computed: state.computed, cached: state.cached }),
  };
}

// Plain functions on the state, not closures: V8 compiled the closures' loops to slower code,
// and these run for every row of an extract.

function pseudonymOfBytes(
  state: PseudonymiserState,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  const length = end - start;
  if (length === state.lastLength) {
    const last = state.lastBytes;
    let i = 0;
    while (i < length && last[i] === bytes[start + i]) i++;
    if (i === length) {
      state.cached++;
      return state.lastPseudonym;
    }
  }
  const from = asciiTrimStart(bytes, start, end);
  const to = asciiTrimEnd(bytes, from, end);
  if (from === to) return -1;
  const at = pseudonymOfTrimmed(state, bytes, from, to);
  if (length > state.lastBytes.length) state.lastBytes = new Uint8Array(length * 2);
  const last = state.lastBytes;
  for (let i = 0; i < length; i++) last[i] = bytes[start + i]!;
  state.lastLength = length;
  state.lastPseudonym = at;
  return at;
}

/** The place of the pseudonym of a trimmed, non-empty value in the cache's pool. */
function pseudonymOfTrimmed(
  state: PseudonymiserState,
  bytes: Uint8Array,
  from: number,
  to: number,
): number {
  const hash = hashOfBytes(bytes, from, to);
  const entry = findBytes(state.cache, bytes, from, to, hash);
  if (entry >= 0) {
    state.cached++;
    return state.cache.values[entry]!;
  }
  if (state.cache.count >= state.cacheEntries) {
    state.cache = createByteTable();
    state.lastLength = -1;
  }
  state.mac.macInto(bytes, from, to, state.digest, 0);
  state.computed++;
  const { prefix } = state;
  const added = addBytes(state.cache, { bytes, from, to, hash }, 0, prefix.length + pseudonymChars);
  const pool = state.cache.pool;
  const at = state.cache.starts[added]! + (to - from);
  pool.set(prefix, at);
  encodeBase32Into(state.truncated, pool, at + prefix.length);
  state.cache.values[added] = at;
  return at;
}
