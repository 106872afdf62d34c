import { AppError } from '../core/errors.ts';
import { subjectPseudonym } from './pseudonym.ts';
import { settingKeys, type Store } from './store.ts';

/** Longest employee id the desk accepts; the canonical schema allows no longer ids either. */
const maxEmployeeIdLength = 128;

/**
 * The keyed pseudonym under which the desk keeps an employee's records, from the id the employee
 * gives. The id itself is used only for this HMAC and then forgotten.
 */
export async function subjectOf(
  store: Store,
  tenantId: string,
  employeeId: string,
): Promise<string> {
  if (employeeId.length === 0 || employeeId.length > maxEmployeeIdLength) {
    throw new AppError('INVALID_INPUT', 'The employee id is invalid.', [
      { field: 'employeeId', message: `must hold 1 to ${maxEmployeeIdLength} characters.` },
    ]);
  }
  const key = (await store.readSettings(tenantId)).tenant.get(settingKeys.pseudonymKey);
  if (key === undefined) throw new AppError('INTERNAL', 'The tenant has no pseudonym key.');
  return subjectPseudonym(employeeId, key);
}
