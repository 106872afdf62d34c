import type { Transaction } from 'kysely';
import type { PurgeResult, Store } from '../service/store.ts';
import type { Database } from './databaseSchema.ts';

/**
 * Deletes a tenant's oldest events, those before `occurredBefore`, as one prefix of the chain, and
 * moves the chain's anchor to the last deleted entry: the remaining entries still verify from
 * the anchor's hash. Decisions on deleted predictions, the explanations kept for the data
 * subject's access and closed contests about them go with them; so do records of objections
 * withdrawn before `occurredBefore`. Open contests stay until they are closed.
 */
export async function purgeEvents(
  trx: Transaction<Database>,
  dialect: Store['dialect'],
  tenantId: string,
  occurredBefore: string,
): Promise<PurgeResult> {
  let headQuery = trx.selectFrom('chain_heads').selectAll().where('tenant_id', '=', tenantId);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const withdrawals = await trx
    .deleteFrom('objection_withdrawals')
    .where('tenant_id', '=', tenantId)
    .where('withdrawn_at', '<', occurredBefore)
    .executeTakeFirst();
  const purgedWithdrawals = Number(withdrawals.numDeletedRows);

  // The first entry to keep; everything before it goes, even an entry whose clock ran late.
  const firstKept = await trx
    .selectFrom('event_log')
    .select('seq')
    .where('tenant_id', '=', tenantId)
    .where('occurred_at', '>=', occurredBefore)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const lastPurgedSeq = firstKept === undefined ? Number(head.seq) : Number(firstKept.seq) - 1;
  if (lastPurgedSeq <= Number(head.anchor_seq)) {
    return {
      purgedEvents: 0,
      purgedDecisions: 0,
      purgedContests: 0,
      purgedWithdrawals,
      anchorSeq: Number(head.anchor_seq),
    };
  }
  const anchor = await trx
    .selectFrom('event_log')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .where('seq', '=', lastPurgedSeq)
    .executeTakeFirstOrThrow();

  const purgedEventIds = trx
    .selectFrom('event_log')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .where('seq', '<=', lastPurgedSeq);
  await trx
    .deleteFrom('subject_explanations')
    .where('tenant_id', '=', tenantId)
    .where('event_id', 'in', purgedEventIds)
    .execute();
  const contests = await trx
    .deleteFrom('contests')
    .where('tenant_id', '=', tenantId)
    .where('closed_at', 'is not', null)
    .where('prediction_event_id', 'in', purgedEventIds)
    .executeTakeFirst();
  const decisions = await trx
    .deleteFrom('decisions')
    .where('tenant_id', '=', tenantId)
    .where('prediction_event_id', 'in', purgedEventIds)
    .executeTakeFirst();
  const events = await trx
    .deleteFrom('event_log')
    .where('tenant_id', '=', tenantId)
    .where('seq', '<=', lastPurgedSeq)
    .executeTakeFirst();
  await trx
    .updateTable('chain_heads')
    .set({ anchor_seq: lastPurgedSeq, anchor_hash: anchor.hash })
    .where('tenant_id', '=', tenantId)
    .execute();
  return {
    purgedEvents: Number(events.numDeletedRows),
    purgedDecisions: Number(decisions.numDeletedRows),
    purgedContests: Number(contests.numDeletedRows),
    purgedWithdrawals,
    anchorSeq: lastPurgedSeq,
  };
}
