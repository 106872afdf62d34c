import { createHmac, type KeyObject } from 'node:crypto';

/**
 * HMAC-SHA-256 (RFC 2104 with FIPS 180-4), the keyed function behind every pseudonym. A keyed MAC
 * and not a plain hash: without the key nobody can recompute a pseudonym from a guessed BSN or
 * employee number, which is what makes the output pseudonymised in the sense of GDPR art. 4(5).
 */
export function hmacSha256(key: Uint8Array | KeyObject, message: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}
