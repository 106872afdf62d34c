import { AppError } from '../core/errors.ts';
import { subjectPseudonym } from './pseudonym.ts';
import { settingKeys, type Store } from './store.ts';

/**
 * A test of whether an employee, by the id in the customer's own records, has objected in this
 * tenant (GDPR art. 21): for tools that read identifiable files, such as the extract maker. The
 * desk keeps only pseudonyms, so each id is pseudonymised with the tenant's key and looked up.
 */
export async function objectionFilter(
  store: Store,
  tenantId: string,
): Promise<{ isObjected: (employeeId: string) => boolean; objections: number }> {
  const key = (await store.readSettings(tenantId)).tenant.get(settingKeys.pseudonymKey);
  if (key === undefined) throw new AppError('INTERNAL', 'The tenant has no pseudonym key.');
  const objected = new Set((await store.listObjections(tenantId)).map((o) => o.subjectPseudonym));
  return {
    isObjected: (employeeId) =>
      objected.size > 0 && objected.has(subjectPseudonym(employeeId, key)),
    objections: objected.size,
  };
}
