import { randomUUID } from 'node:crypto';
import { requireRole, type Caller } from './authenticate.ts';
import { subjectDeskRoles } from './roles.ts';
import type { DeskDeps } from './serviceDeps.ts';
import { subjectOf } from './subjectKey.ts';

export interface ObjectionOutput {
  objectionId: string;
  recordedAt: string;
  /** False when the employee had objected before: the first objection stands. */
  isNew: boolean;
  effect: string;
}

/**
 * Records an employee's objection (GDPR art. 21): from then on the service scores none of their
 * cases, and `absencelab pseudonymise --objections-of TENANT` leaves them out of every extract.
 * Kept by the employee's pseudonym only.
 */
export async function recordObjection(
  deps: DeskDeps,
  caller: Caller,
  employeeId: string,
): Promise<ObjectionOutput> {
  requireRole(caller, subjectDeskRoles, 'record objections');
  const subject = await subjectOf(deps.store, caller.tenantId, employeeId);
  const id = randomUUID();
  const stored = await deps.store.recordObjection({
    id,
    tenantId: caller.tenantId,
    subjectPseudonym: subject,
    recordedAt: deps.now().toISOString(),
    userId: caller.userId,
  });
  return {
    objectionId: stored.id,
    recordedAt: stored.recordedAt,
    isNew: stored.id === id,
    effect:
      'The employee is no longer scored ("not scored: objection") and is left out of future research extracts.',
  };
}
