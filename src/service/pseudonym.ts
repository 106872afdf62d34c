import { createHmac, randomBytes } from 'node:crypto';

/**
 * The keyed pseudonym of a case id (HMAC-SHA-256 with the tenant's own key): the same case links
 * across log entries of one tenant, but without the key nobody can test a guessed case id
 * against the log, as they could against a plain hash. Keys differ per tenant, so pseudonyms do
 * not link across tenants.
 */
export function casePseudonym(caseId: string, keyHex: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(caseId, 'utf8').digest('hex');
}

export function newPseudonymKeyHex(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The keyed pseudonym of an employee, under which the data-subject desk finds their predictions,
 * objection and contests. Domain-separated from case pseudonyms by its prefix, so an employee id
 * that equals some case id still gets another pseudonym. The id is trimmed first, as the extract
 * maker trims its cells, so " E1" in one system and "E1" in another are the same person.
 */
export function subjectPseudonym(employeeId: string, keyHex: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex'))
    .update(`subject\u0000${employeeId.trim()}`, 'utf8')
    .digest('hex');
}
