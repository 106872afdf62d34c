import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const tokenPattern = /^al_(u_[0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function newUserId(): string {
  return `u_${randomBytes(8).toString('hex')}`;
}

/**
 * A bearer token `al_<userId>_<secret>`: the user id finds the user without a secret-dependent
 * lookup; the secret is 32 random bytes. SHA-256 without salt or stretching is enough here
 * because 256 random bits cannot be guessed or looked up in a table; slow password hashes exist
 * for low-entropy secrets chosen by people, which these are not.
 */
export function newToken(userId: string): { token: string; secretSha256: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `al_${userId}_${secret}`, secretSha256: sha256Hex(secret) };
}

export function parseToken(token: string): { userId: string; secret: string } | undefined {
  const match = tokenPattern.exec(token);
  if (match === null) return undefined;
  return { userId: match[1]!, secret: match[2]! };
}

/** Compares in constant time, so response times tell nothing about how much of a guess matched. */
export function secretMatches(secret: string, storedSha256: string): boolean {
  const actual = hash('sha256', secret, 'buffer');
  const expected = Buffer.from(storedSha256, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
