import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { AppError } from '../core/errors.ts';

/** Fixed HKDF salt: it separates this use of the master key from any other use of it. */
const hkdfSalt = 'absencelab/pseudonym-domain/v1';
const domainKeyBytes = 32;

/** A domain name: lower-case letters, digits, dots, dashes and underscores, up to 64. */
export const domainNamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The secret key of one pseudonymisation domain, derived from the master key with HKDF-SHA-256
 * (RFC 5869) with the domain name as `info`. One master key in the key file then serves any number
 * of domains, while pseudonyms of two domains cannot be linked without the master key: each domain
 * key is an independent pseudo-random key (GDPR art. 25, 32; COMPLIANCE.md promise 6).
 */
export function deriveDomainKey(masterKey: Uint8Array, domain: string): KeyObject {
  if (!domainNamePattern.test(domain)) {
    throw new AppError('INVALID_ARGUMENT', 'Invalid pseudonymisation domain name.', [
      {
        field: '--domain',
        message: 'must be 1-64 characters: lower-case letters, digits, ".", "-" or "_".',
        hint: 'Name the purpose or recipient of the extract, such as research-2026.',
      },
    ]);
  }
  const derived = hkdfSync('sha256', masterKey, hkdfSalt, `domain:${domain}`, domainKeyBytes);
  return createSecretKey(Buffer.from(derived));
}
