import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.ts';
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

export interface WithdrawalOutput {
  /** When the withdrawn objection had been recorded. */
  objectionRecordedAt: string;
  withdrawnAt: string;
  effect: string;
}

/**
 * Withdraws an employee's objection at their request: their cases are scored again from now on,
 * and later extracts include them again. The withdrawal is recorded (when the objection was made
 * and withdrawn, by whom) and shown in the access report; earlier extracts stay as they were.
 */
export async function withdrawObjection(
  deps: DeskDeps,
  caller: Caller,
  employeeId: string,
): Promise<WithdrawalOutput> {
  requireRole(caller, subjectDeskRoles, 'withdraw objections');
  const subject = await subjectOf(deps.store, caller.tenantId, employeeId);
  const withdrawnAt = deps.now().toISOString();
  const withdrawn = await deps.store.withdrawObjection(caller.tenantId, subject, {
    withdrawnAt,
    userId: caller.userId,
  });
  if (withdrawn === undefined) {
    throw new AppError('NOT_FOUND', 'No objection is recorded for this employee.', [
      {
        field: 'employeeId',
        message: 'has no objection in this tenant.',
        hint: 'The access report shows whether an objection is recorded.',
      },
    ]);
  }
  return {
    objectionRecordedAt: withdrawn.recordedAt,
    withdrawnAt,
    effect:
      'The employee is scored again from now on and included in research extracts made from now on.',
  };
}
