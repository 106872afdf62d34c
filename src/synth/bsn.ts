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
  let rest = prefix;
  // Digits from the last (weight 2) to the first (weight 9), without text.
  for (let weight = 2; weight <= 9; weight++) {
    sum += weight * (rest % 10);
    rest = Math.floor(rest / 10);
  }
  const check = sum % 11;
  return check === 10 ? undefined : check;
}

const firstBsnPrefix = 90_000_000;
/** The 8-digit prefixes 90000000-99999999 taken two at a time. */
export const bsnPairCount = 5_000_000;

/**
 * TODO: nothing guarantees that the 9xxxxxxxx numbers were never issued to a real person; treat
 * identities.csv as test data that must not leave the test environment.
 *
 * TODO: past 5,000,000 employees the pairs wrap around and BSNs repeat.
 *
 * The fake BSN of an employee, from a range we use so that they are recognisably synthetic:
 * employee n gets one of the two prefixes of pair (firstPair + n - 1), chosen by a draw, so the
 * numbers increase with the employee number in random steps of 1 to 3 without looking like a plain
 * counter. Of the two prefixes of a pair at least one has a check digit (checked over the whole
 * range in the tests). A function of the employee number rather than a sequence, so that any
 * thread can make the BSNs of any team.
 */
export function bsnOfEmployee(employeeNumber: number, firstPair: number, random: Random): string {
  const pairStart = firstBsnPrefix + 2 * ((firstPair + employeeNumber - 1) % bsnPairCount);
  const drawn = pairStart + (random.next() < 0.5 ? 0 : 1);
  const drawnCheck = bsnCheckDigit(drawn);
  if (drawnCheck !== undefined) return `${drawn}${drawnCheck}`;
  const other = drawn === pairStart ? pairStart + 1 : pairStart;
  return `${other}${bsnCheckDigit(other)!}`;
}
