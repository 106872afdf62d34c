import { sql, type CompiledQuery, type Kysely, type Selectable, type Transaction } from 'kysely';
import { AppError } from '../core/errors.ts';
import { chainEvents, genesisHash } from '../service/eventChain.ts';
import { isRole } from '../service/roles.ts';
import {
  globalScope,
  settingKeys,
  type ChainHead,
  type Contest,
  type ContestOutcome,
  type DecisionOutcome,
  type EventDraft,
  type EventKind,
  type LoggedEvent,
  type Objection,
  type Store,
  type User,
} from '../service/store.ts';
import type { Context } from '../features/contexts.ts';
import type { Database } from './databaseSchema.ts';
import { purgeEvents } from './purgeEvents.ts';
import {
  padToPowerOfTwo,
  powerOfTwoParts,
  queryTemplate,
  templatesBySize,
  type Slot,
} from './queryTemplate.ts';

type EventRow = Selectable<Database['event_log']>;
type ExplanationRow = Database['subject_explanations'];

const eventColumns = [
  'tenant_id',
  'seq',
  'event_id',
  'kind',
  'occurred_at',
  'user_id',
  'role',
  'purpose',
  'model_version',
  'case_pseudonym',
  'band',
  'detail_sha256',
  'decision_outcome',
  'prediction_event_id',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof Database['event_log'])[];

const explanationColumns = [
  'event_id',
  'tenant_id',
  'subject_pseudonym',
  'context',
  'explanation_json',
] as const satisfies readonly (keyof ExplanationRow)[];

/** The row of slots `offset` to `offset + columns.length - 1`, one per column. */
function slotRow<C extends string>(
  columns: readonly C[],
  slot: Slot,
  offset: number,
): Record<C, unknown> {
  const row = {} as Record<C, unknown>;
  columns.forEach((column, i) => {
    row[column] = slot(offset + i);
  });
  return row;
}

/** The service's storage on Kysely: every query on tenant data filters by the tenant id. */
export function kyselyStore(db: Kysely<Database>, dialect: Store['dialect']): Store {
  // The queries of every prediction, compiled once (see queryTemplate.ts).
  const findUserQuery = queryTemplate((slot) =>
    db.selectFrom('users').selectAll().where('id', '=', slot<string>(0)),
  );
  const readSettingsQuery = queryTemplate((slot) =>
    db
      .selectFrom('settings')
      .select(['tenant_id', 'key', 'value'])
      .where('tenant_id', 'in', [slot<string>(0), globalScope]),
  );
  const objectedSubjectsQuery = templatesBySize((size, slot) =>
    db
      .selectFrom('objections')
      .select('subject_pseudonym')
      .where('tenant_id', '=', slot<string>(0))
      .where(
        'subject_pseudonym',
        'in',
        Array.from({ length: size }, (_, i) => slot<string>(i + 1)),
      ),
  );
  const chainHeadQuery = queryTemplate((slot) => {
    // The head row is the chain's lock: on PostgreSQL a second writer waits here, so two
    // processes can never give two entries the same place. SQLite has one writer at a time.
    const query = db.selectFrom('chain_heads').selectAll().where('tenant_id', '=', slot<string>(0));
    return dialect === 'postgres' ? query.forUpdate() : query;
  });
  const insertEventsQuery = templatesBySize((size, slot) =>
    db
      .insertInto('event_log')
      .values(
        Array.from(
          { length: size },
          (_, i) => slotRow(eventColumns, slot, i * eventColumns.length) as Database['event_log'],
        ),
      ),
  );
  const insertExplanationsQuery = templatesBySize((size, slot) =>
    db
      .insertInto('subject_explanations')
      .values(
        Array.from(
          { length: size },
          (_, i) =>
            slotRow(explanationColumns, slot, i * explanationColumns.length) as ExplanationRow,
        ),
      ),
  );
  const updateChainHeadQuery = queryTemplate((slot) =>
    db
      .updateTable('chain_heads')
      .set({ seq: slot<number>(0), hash: slot<string>(1) })
      .where('tenant_id', '=', slot<string>(2)),
  );

  /** Inserts rows in parts of 1, 2, 4, ... rows, so that few insert templates exist. */
  async function insertRows<R>(
    trx: Transaction<Database>,
    templates: (size: number) => (values: readonly unknown[]) => CompiledQuery<unknown>,
    rows: readonly R[],
    values: (row: R) => readonly unknown[],
  ): Promise<void> {
    let offset = 0;
    for (const part of powerOfTwoParts(rows.length)) {
      const partValues = rows.slice(offset, offset + part).flatMap(values);
      await trx.executeQuery(templates(part)(partValues));
      offset += part;
    }
  }

  async function appendInTransaction(
    trx: Transaction<Database>,
    drafts: readonly EventDraft[],
  ): Promise<LoggedEvent[]> {
    const byTenant = new Map<string, EventDraft[]>();
    for (const draft of drafts) {
      const list = byTenant.get(draft.tenantId) ?? [];
      list.push(draft);
      byTenant.set(draft.tenantId, list);
    }
    const written = new Map<string, LoggedEvent>();
    for (const [tenantId, tenantDrafts] of byTenant) {
      const { rows: heads } = await trx.executeQuery(chainHeadQuery([tenantId]));
      const head = heads[0];
      if (head === undefined) {
        throw new AppError('NOT_FOUND', 'The tenant has no event log.', [
          { field: 'tenantId', message: 'is not a tenant of this service.' },
        ]);
      }
      const entries = chainEvents(tenantDrafts, head);
      await insertRows(trx, insertEventsQuery, entries, (entry) => {
        const row = toRow(entry);
        return eventColumns.map((column) => row[column]);
      });
      const explanations = tenantDrafts.flatMap((d) =>
        d.subjectRecord === undefined
          ? []
          : [
              [
                d.eventId,
                d.tenantId,
                d.subjectRecord.subjectPseudonym,
                d.subjectRecord.context,
                d.subjectRecord.explanationJson,
              ],
            ],
      );
      await insertRows(trx, insertExplanationsQuery, explanations, (values) => values);
      const last = entries[entries.length - 1]!;
      await trx.executeQuery(updateChainHeadQuery([last.seq, last.hash, tenantId]));
      for (const entry of entries) written.set(entry.eventId, entry);
    }
    return drafts.map((draft) => written.get(draft.eventId)!);
  }

  return {
    dialect,

    async createTenant(tenant, pseudonymKeyHex) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({ id: tenant.id, name: tenant.name, created_at: tenant.createdAt })
          .execute();
        await trx
          .insertInto('chain_heads')
          .values({
            tenant_id: tenant.id,
            seq: 0,
            hash: genesisHash,
            anchor_seq: 0,
            anchor_hash: genesisHash,
          })
          .execute();
        await trx
          .insertInto('settings')
          .values({
            tenant_id: tenant.id,
            key: settingKeys.pseudonymKey,
            value: pseudonymKeyHex,
            updated_at: tenant.createdAt,
          })
          .execute();
      });
    },

    async findTenant(nameOrId) {
      const row = await db
        .selectFrom('tenants')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', nameOrId), eb('name', '=', nameOrId)]))
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { id: row.id, name: row.name, createdAt: row.created_at };
    },

    async listTenants() {
      const rows = await db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
      return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
    },

    async createUser(user, createdAt) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          tenant_id: user.tenantId,
          role: user.role,
          token_sha256: user.tokenSha256,
          created_at: createdAt,
          revoked_at: null,
        })
        .execute();
    },

    async findUser(userId) {
      const { rows } = await db.executeQuery(findUserQuery([userId]));
      const row = rows[0];
      if (row === undefined || !isRole(row.role)) return undefined;
      const user: User = {
        id: row.id,
        tenantId: row.tenant_id,
        role: row.role,
        tokenSha256: row.token_sha256,
        isRevoked: row.revoked_at !== null,
      };
      return user;
    },

    async readSettings(tenantId) {
      const { rows } = await db.executeQuery(readSettingsQuery([tenantId]));
      const tenant = new Map<string, string>();
      const global = new Map<string, string>();
      for (const row of rows) {
        (row.tenant_id === globalScope ? global : tenant).set(row.key, row.value);
      }
      return { tenant, global };
    },

    async writeSetting(scope, key, value, updatedAt) {
      await db
        .insertInto('settings')
        .values({ tenant_id: scope, key, value, updated_at: updatedAt })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'key']).doUpdateSet({ value, updated_at: updatedAt }),
        )
        .execute();
    },

    appendEvents(drafts) {
      return db.transaction().execute((trx) => appendInTransaction(trx, drafts));
    },

    async findEvent(tenantId, eventId) {
      const row = await db
        .selectFrom('event_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },

    async readEvents(tenantId, afterSeq, limit) {
      const rows = await db
        .selectFrom('event_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    async chainHead(tenantId) {
      const row = await db
        .selectFrom('chain_heads')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const head: ChainHead = {
        seq: Number(row.seq),
        hash: row.hash,
        anchorSeq: Number(row.anchor_seq),
        anchorHash: row.anchor_hash,
      };
      return head;
    },

    async recordDecision(decision, event) {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('decisions')
          .select('id')
          .where('tenant_id', '=', decision.tenantId)
          .where('prediction_event_id', '=', decision.predictionEventId)
          .executeTakeFirst();
        if (existing !== undefined) {
          throw new AppError('CONFLICT', 'A decision on this prediction is already recorded.', [
            {
              field: 'predictionEventId',
              message: 'has a decision; decisions are not overwritten.',
            },
          ]);
        }
        await trx
          .insertInto('decisions')
          .values({
            id: decision.id,
            tenant_id: decision.tenantId,
            prediction_event_id: decision.predictionEventId,
            outcome: decision.outcome,
            reason: decision.reason,
            user_id: decision.userId,
            role: decision.role,
            decided_at: decision.decidedAt,
          })
          .execute();
        const [logged] = await appendInTransaction(trx, [event]);
        return logged!;
      });
    },

    async oversightCounts(tenantId) {
      const month = sql<string>`substr(occurred_at, 1, 7)`;
      const rows = await db
        .selectFrom('event_log')
        .select([month.as('month'), 'kind', 'decision_outcome', sql<string>`count(*)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .groupBy([month, 'kind', 'decision_outcome'])
        .execute();
      const byMonth = new Map<
        string,
        { month: string; predictions: number; followed: number; deviated: number }
      >();
      for (const row of rows) {
        const entry = byMonth.get(row.month) ?? {
          month: row.month,
          predictions: 0,
          followed: 0,
          deviated: 0,
        };
        const n = Number(row.n);
        if (row.kind === 'prediction') entry.predictions += n;
        else if (row.decision_outcome === 'followed') entry.followed += n;
        else if (row.decision_outcome === 'deviated') entry.deviated += n;
        byMonth.set(row.month, entry);
      }
      return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
    },

    purgeEvents(tenantId, occurredBefore) {
      return db.transaction().execute((trx) => purgeEvents(trx, dialect, tenantId, occurredBefore));
    },

    async readSubjectPredictions(tenantId, subjectPseudonym) {
      const rows = await db
        .selectFrom('subject_explanations as s')
        .innerJoin('event_log as e', (join) =>
          join.onRef('e.event_id', '=', 's.event_id').onRef('e.tenant_id', '=', 's.tenant_id'),
        )
        .selectAll('e')
        .select(['s.context', 's.explanation_json'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.subject_pseudonym', '=', subjectPseudonym)
        .orderBy('e.seq')
        .execute();
      return rows.map((row) => ({
        event: fromRow(row),
        context: row.context,
        explanationJson: row.explanation_json,
      }));
    },

    async readDecisions(tenantId, predictionEventIds) {
      if (predictionEventIds.length === 0) return [];
      const rows = await db
        .selectFrom('decisions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('prediction_event_id', 'in', [...predictionEventIds])
        .orderBy('decided_at')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        predictionEventId: row.prediction_event_id,
        outcome: row.outcome as DecisionOutcome,
        reason: row.reason,
        userId: row.user_id,
        role: row.role as User['role'],
        decidedAt: row.decided_at,
      }));
    },

    async recordObjection(objection) {
      await db
        .insertInto('objections')
        .values({
          tenant_id: objection.tenantId,
          subject_pseudonym: objection.subjectPseudonym,
          id: objection.id,
          recorded_at: objection.recordedAt,
          user_id: objection.userId,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'subject_pseudonym']).doNothing())
        .execute();
      const row = await db
        .selectFrom('objections')
        .selectAll()
        .where('tenant_id', '=', objection.tenantId)
        .where('subject_pseudonym', '=', objection.subjectPseudonym)
        .executeTakeFirstOrThrow();
      return fromObjectionRow(row);
    },

    async objectedSubjects(tenantId, subjectPseudonyms) {
      if (subjectPseudonyms.length === 0) return new Set();
      const subjects = padToPowerOfTwo([...new Set(subjectPseudonyms)]);
      const { rows } = await db.executeQuery(
        objectedSubjectsQuery(subjects.length)([tenantId, ...subjects]),
      );
      return new Set(rows.map((row) => row.subject_pseudonym));
    },

    async withdrawObjection(tenantId, subjectPseudonym, withdrawal) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('objections')
          .where('tenant_id', '=', tenantId)
          .where('subject_pseudonym', '=', subjectPseudonym)
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) return undefined;
        await trx
          .insertInto('objection_withdrawals')
          .values({
            objection_id: row.id,
            tenant_id: tenantId,
            subject_pseudonym: subjectPseudonym,
            recorded_at: row.recorded_at,
            recorded_by: row.user_id,
            withdrawn_at: withdrawal.withdrawnAt,
            withdrawn_by: withdrawal.userId,
          })
          .execute();
        return fromObjectionRow(row);
      });
    },

    async listObjectionWithdrawals(tenantId, subjectPseudonym) {
      const rows = await db
        .selectFrom('objection_withdrawals')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('subject_pseudonym', '=', subjectPseudonym)
        .orderBy('withdrawn_at')
        .execute();
      return rows.map((row) => ({
        objectionId: row.objection_id,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
        withdrawnAt: row.withdrawn_at,
        withdrawnBy: row.withdrawn_by,
      }));
    },

    async listObjections(tenantId) {
      const rows = await db
        .selectFrom('objections')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('recorded_at')
        .execute();
      return rows.map(fromObjectionRow);
    },

    async openContest(contest) {
      await db
        .insertInto('contests')
        .values({
          id: contest.id,
          tenant_id: contest.tenantId,
          subject_pseudonym: contest.subjectPseudonym,
          prediction_event_id: contest.predictionEventId,
          context: contest.context,
          reason: contest.reason,
          opened_at: contest.openedAt,
          due_at: contest.dueAt,
          opened_by: contest.openedBy,
          closed_at: null,
          outcome: null,
          review_note: null,
          closed_by: null,
        })
        .execute();
    },

    async listContests(tenantId) {
      const rows = await db
        .selectFrom('contests')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('due_at')
        .execute();
      return rows.map(fromContestRow);
    },

    async closeContest(tenantId, contestId, closure) {
      const updated = await db
        .updateTable('contests')
        .set({
          closed_at: closure.closedAt,
          outcome: closure.outcome,
          review_note: closure.reviewNote,
          closed_by: closure.closedBy,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', contestId)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return undefined;
      const row = await db
        .selectFrom('contests')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', contestId)
        .executeTakeFirstOrThrow();
      return fromContestRow(row);
    },

    async saveModel(model) {
      await db
        .insertInto('models')
        .values({
          model_version: model.modelVersion,
          context: model.context,
          artefact_json: model.artefactJson,
          card_json: model.cardJson,
          created_at: model.createdAt,
        })
        .onConflict((oc) => oc.column('model_version').doNothing())
        .execute();
    },

    async listModels() {
      const rows = await db.selectFrom('models').selectAll().orderBy('created_at').execute();
      return rows.map((row) => ({
        modelVersion: row.model_version,
        context: row.context,
        artefactJson: row.artefact_json,
        cardJson: row.card_json,
        createdAt: row.created_at,
      }));
    },

    close: () => db.destroy(),
  };
}

function fromObjectionRow(row: Selectable<Database['objections']>): Objection {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    subjectPseudonym: row.subject_pseudonym,
    recordedAt: row.recorded_at,
    userId: row.user_id,
  };
}

function fromContestRow(row: Selectable<Database['contests']>): Contest {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    subjectPseudonym: row.subject_pseudonym,
    predictionEventId: row.prediction_event_id,
    context: row.context as Context,
    reason: row.reason,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    outcome: row.outcome as ContestOutcome | null,
    reviewNote: row.review_note,
    closedBy: row.closed_by,
  };
}

function toRow(entry: LoggedEvent): Database['event_log'] {
  return {
    tenant_id: entry.tenantId,
    seq: entry.seq,
    event_id: entry.eventId,
    kind: entry.kind,
    occurred_at: entry.occurredAt,
    user_id: entry.userId,
    role: entry.role,
    purpose: entry.purpose,
    model_version: entry.modelVersion,
    case_pseudonym: entry.casePseudonym,
    band: entry.band,
    detail_sha256: entry.detailSha256,
    decision_outcome: entry.decisionOutcome,
    prediction_event_id: entry.predictionEventId,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/**
 * Reads a row back as it was written. A value outside its closed set is kept as it is read (cast,
 * not fixed up), so that `audit verify` sees the change as a broken hash.
 */
function fromRow(row: EventRow): LoggedEvent {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    eventId: row.event_id,
    kind: row.kind as EventKind,
    occurredAt: row.occurred_at,
    userId: row.user_id,
    role: row.role as User['role'],
    purpose: row.purpose,
    modelVersion: row.model_version,
    casePseudonym: row.case_pseudonym,
    band: row.band,
    detailSha256: row.detail_sha256,
    decisionOutcome: row.decision_outcome as DecisionOutcome | null,
    predictionEventId: row.prediction_event_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
