import { commonFirstNames, commonLastNames } from './dutchNames.ts';

/** The kinds of direct identifier a column to be kept is checked for. */
export const identifierKinds = [
  'bsn',
  'iban',
  'email',
  'phone',
  'postcode',
  'name',
] as const satisfies readonly string[];
export type IdentifierKind = (typeof identifierKinds)[number];

/** Burgerservicenummer: 9 digits (8 with the leading zero dropped) passing the 11-check. */
export function looksLikeBsn(value: string): boolean {
  if (!/^\d{8,9}$/.test(value)) return false;
  const digits = value.padStart(9, '0');
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** An IBAN (ISO 13616): country, check digits, account; spaces allowed; mod-97 equals 1. */
export function looksLikeIban(value: string): boolean {
  const compact = value.replaceAll(' ', '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function looksLikeEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value);
}

/** A Dutch phone number: 0 or +31 or 0031 and nine more digits, with spaces or dashes between. */
export function looksLikePhone(value: string): boolean {
  const compact = value.replace(/[\s\-().]/g, '');
  return /^(?:0|\+31|0031)[1-9]\d{8}$/.test(compact);
}

/**
 * A full Dutch postcode (1234 AB), with or without a house number. A six-character postcode covers
 * a street side of about twenty addresses: with a house number it is an address, and alone it is
 * close to one, so both are refused for keeping; generalise to a region instead.
 */
export function looksLikePostcode(value: string): boolean {
  return /^[1-9]\d{3}\s?[A-Za-z]{2}(?:[\s,-]*\d+\s?[A-Za-z]?(?:[\s-]*\w+)?)?$/.test(value);
}

/** A first name, a surname, or "first last" with either part on the built-in lists. */
export function looksLikeName(value: string): boolean {
  const lower = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (commonFirstNames.has(lower) || commonLastNames.has(lower)) return true;
  const space = lower.indexOf(' ');
  if (space < 0) return false;
  const first = lower.slice(0, space);
  const rest = lower.slice(space + 1);
  return commonFirstNames.has(first) && /^[a-z' -]+$/.test(rest) ? true : commonLastNames.has(rest);
}

const detectors: Record<IdentifierKind, (value: string) => boolean> = {
  bsn: looksLikeBsn,
  iban: looksLikeIban,
  email: looksLikeEmail,
  phone: looksLikePhone,
  postcode: looksLikePostcode,
  name: looksLikeName,
};

/** The first kind of direct identifier the value looks like, or undefined. */
export function identifierKindOf(value: string): IdentifierKind | undefined {
  const trimmed = value.trim();
  for (const kind of identifierKinds) if (detectors[kind](trimmed)) return kind;
  return undefined;
}
