import type { Kysely, Migration } from 'kysely';

/**
 * The schema, as ordered migrations that run the same on SQLite and PostgreSQL (only portable
 * types: text and integer). Never edit a released migration; add the next one.
 */
export const migrations: Record<string, Migration> = {
  '2026-12-01-001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('settings_pk', ['tenant_id', 'key'])
        .execute();
      await db.schema
        .createTable('models')
        .addColumn('model_version', 'text', (c) => c.primaryKey())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('artefact_json', 'text', (c) => c.notNull())
        .addColumn('card_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('event_log')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('case_pseudonym', 'text', (c) => c.notNull())
        .addColumn('band', 'text')
        .addColumn('detail_sha256', 'text', (c) => c.notNull())
        .addColumn('decision_outcome', 'text')
        .addColumn('prediction_event_id', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_log_pk', ['tenant_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('event_log_time')
        .on('event_log')
        .columns(['tenant_id', 'occurred_at'])
        .execute();
      await db.schema
        .createTable('chain_heads')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('anchor_seq', 'integer', (c) => c.notNull())
        .addColumn('anchor_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('prediction_event_id', 'text', (c) => c.notNull().unique())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('decisions_time')
        .on('decisions')
        .columns(['tenant_id', 'decided_at'])
        .execute();
    },
  },
  '2026-12-03-001-data-subject-desk': {
    async up(db: Kysely<unknown>) {
      // The factors of each prediction without the values read (GDPR art. 15 access), keyed by
      // the employee's pseudonym; deleted with their event log entry.
      await db.schema
        .createTable('subject_explanations')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('subject_pseudonym', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('explanation_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('subject_explanations_subject')
        .on('subject_explanations')
        .columns(['tenant_id', 'subject_pseudonym'])
        .execute();
      await db.schema
        .createTable('objections')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('subject_pseudonym', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('objections_pk', ['tenant_id', 'subject_pseudonym'])
        .execute();
      await db.schema
        .createTable('contests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('subject_pseudonym', 'text', (c) => c.notNull())
        .addColumn('prediction_event_id', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('review_note', 'text')
        .addColumn('closed_by', 'text')
        .execute();
      await db.schema
        .createIndex('contests_due')
        .on('contests')
        .columns(['tenant_id', 'due_at'])
        .execute();
    },
  },
  '2026-12-04-001-objection-withdrawals': {
    async up(db: Kysely<unknown>) {
      // A withdrawn objection leaves its record here (GDPR art. 5(2), accountability): when it
      // was made and withdrawn, and by whom; the objection itself is gone, so scoring resumes.
      await db.schema
        .createTable('objection_withdrawals')
        .addColumn('objection_id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('subject_pseudonym', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('objection_withdrawals_subject')
        .on('objection_withdrawals')
        .columns(['tenant_id', 'subject_pseudonym'])
        .execute();
    },
  },
};
