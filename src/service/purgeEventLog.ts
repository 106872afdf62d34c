import { addMonthsClamped } from '../core/canonical/dates.ts';
import { AppError } from '../core/errors.ts';
import { minimumRetentionMonths } from './purposeRegister.ts';
import type { PurgeResult, Store } from './store.ts';

/**
 * Deletes event log entries older than `olderThanMonths` for a tenant. Refuses less than six
 * months: the log must show what was done at least that long (COMPLIANCE.md, promise 8).
 */
export async function purgeEventLog(
  store: Store,
  tenantId: string,
  olderThanMonths: number,
  now: Date,
): Promise<PurgeResult & { cutoff: string }> {
  if (!Number.isInteger(olderThanMonths) || olderThanMonths < minimumRetentionMonths) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Event log entries are kept at least ${minimumRetentionMonths} months.`,
      [
        {
          field: '--older-than-months',
          message: `must be a whole number of at least ${minimumRetentionMonths}.`,
        },
      ],
    );
  }
  const cutoff = addMonthsClamped(now, -olderThanMonths);
  const result = await store.purgeEvents(tenantId, cutoff.toISOString());
  return { ...result, cutoff: cutoff.toISOString() };
}
