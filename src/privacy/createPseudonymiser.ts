import type { KeyObject } from 'node:crypto';
import { encodeBase32 } from './base32.ts';
import { hmacSha256 } from './hmacSha256.ts';
import { ownCopy } from './ownCopy.ts';

/** 160 bits of the MAC: above the 128 bits asked for, and exactly 32 base32 characters. */
const pseudonymBytes = 20;
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
  /** How many MACs were computed, and how many values came from the cache. */
  counts(): { computed: number; cached: number };
}

/**
 * Keyed pseudonyms, stable within one domain and key version. Values are trimmed first so that
 * " 123" and "123" are the same person. Employee ids repeat across episodes, so a cache of recent
 * pseudonyms saves most MACs; it lives only in memory and only for one run.
 */
export function createPseudonymiser(options: PseudonymiserOptions): Pseudonymiser {
  const { domainKey, keyVersion } = options;
  const cacheEntries = options.cacheEntries ?? defaultCacheEntries;
  const prefix = `${keyVersion}:`;
  let cache = new Map<string, string>();
  let computed = 0;
  let cached = 0;
  // The rows of one person often follow each other (episodes by employee): comparing with the
  // last value skips hashing into a large map for most of them.
  let lastValue = '';
  let lastPseudonym = '';

  return {
    pseudonymise(value) {
      if (value === lastValue && value !== '') {
        cached++;
        return lastPseudonym;
      }
      const trimmed = value.trim();
      if (trimmed === '') return '';
      lastValue = value;
      const hit = cache.get(trimmed);
      if (hit !== undefined) {
        cached++;
        lastPseudonym = hit;
        return hit;
      }
      const mac = hmacSha256(domainKey, trimmed);
      const pseudonym = prefix + encodeBase32(mac.subarray(0, pseudonymBytes));
      computed++;
      if (cache.size >= cacheEntries) cache = new Map();
      cache.set(ownCopy(trimmed), pseudonym);
      lastPseudonym = pseudonym;
      return pseudonym;
    },
    counts: () => ({ computed, cached }),
  };
}
