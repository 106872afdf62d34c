import type { Random } from '../core/random.ts';

/**
 * elfproef: a citizen service number (BSN) has 9 digits d1..d9 with
 * 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 divisible by 11.
 */
export function isValidBsn(text: string): boolean {
  if (!/^\d{9}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(text[i]);
  sum -= Number(text[8]);
  return sum % 11 === 0;
}

/** The check digit that makes an 8-digit prefix a valid BSN, or undefined when none does (10). */
export function bsnCheckDigit(prefix: number): number | undefined {
  let sum = 0;
  const digits = String(prefix).padStart(8, '0');
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  const check = sum % 11;
  return check === 10 ? undefined : check;
}

/**
 * TODO: nothing guarantees that the 9xxxxxxxx numbers were never issued to a real person; treat
 * identities.csv as test data that must not leave the test environment.
 *
 * Hands out distinct fake BSNs in increasing order from 9xxxxxxxx, a range we use so that they are
 * recognisably synthetic; random gaps keep them from looking like a plain counter.
 */
export function createBsnSequence(random: Random): () => string {
  let prefix = 90_000_000 + random.int(1000);
  return () => {
    for (;;) {
      prefix += 1 + random.int(3);
      if (prefix > 99_999_999) prefix = 90_000_000;
      const check = bsnCheckDigit(prefix);
      if (check !== undefined) return `${prefix}${check}`;
    }
  };
}
