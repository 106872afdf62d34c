const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * RFC 4648 base32 in lower case, without padding. Chosen over hex for pseudonyms: shorter for the
 * same bits, case-insensitive, and free of characters that spreadsheets or CSV readers reinterpret.
 */
export function encodeBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      output += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += alphabet[(buffer << (5 - bits)) & 31];
  return output;
}

const alphabetCodes = Uint8Array.from(alphabet, (char) => char.charCodeAt(0));

/**
 * `encodeBase32` written as ASCII bytes into `into` from `at`, without a string; returns the
 * number of characters written. For pseudonyms written straight into an extract's bytes.
 */
export function encodeBase32Into(bytes: Uint8Array, into: Uint8Array, at: number): number {
  let position = at;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | bytes[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      into[position++] = alphabetCodes[(buffer >>> (bits - 5)) & 31]!;
      bits -= 5;
    }
  }
  if (bits > 0) into[position++] = alphabetCodes[(buffer << (5 - bits)) & 31]!;
  return position - at;
}
