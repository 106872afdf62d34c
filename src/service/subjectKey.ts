import { employeeSchema } from '../core/canonical/employee.ts';
import { AppError } from '../core/errors.ts';
import { subjectPseudonym } from './pseudonym.ts';
import { settingKeys, type Store } from './store.ts';

/**
 * The keyed pseudonym under which the desk keeps an employee's records, from the id the employee
 * gives. The id itself is used only for this HMAC and then forgotten.
 */
export async function subjectOf(
  store: Store,
  tenantId: string,
  employeeId: string,
): Promise<string> {
  // The same rule as every canonical record's id, so any id the service scored can be looked up.
  if (!employeeSchema.shape.employeeId.safeParse(employeeId.trim()).success) {
    throw new AppError('INVALID_INPUT', 'The employee id is invalid.', [
      { field: 'employeeId', message: 'is not an employee id as the canonical records have it.' },
    ]);
  }
  const key = (await store.readSettings(tenantId)).tenant.get(settingKeys.pseudonymKey);
  if (key === undefined) throw new AppError('INTERNAL', 'The tenant has no pseudonym key.');
  return subjectPseudonym(employeeId, key);
}
