/** The tables as Kysely sees them. Times are ISO 8601 text in UTC, the same on both databases. */
export interface Database {
  tenants: { id: string; name: string; created_at: string };
  users: {
    id: string;
    tenant_id: string;
    role: string;
    token_sha256: string;
    created_at: string;
    revoked_at: string | null;
  };
  settings: { tenant_id: string; key: string; value: string; updated_at: string };
  models: {
    model_version: string;
    context: string;
    artefact_json: string;
    card_json: string;
    created_at: string;
  };
  event_log: {
    tenant_id: string;
    seq: number;
    event_id: string;
    kind: string;
    occurred_at: string;
    user_id: string;
    role: string;
    purpose: string;
    model_version: string;
    case_pseudonym: string;
    band: string | null;
    detail_sha256: string;
    decision_outcome: string | null;
    prediction_event_id: string | null;
    prev_hash: string;
    hash: string;
  };
  chain_heads: {
    tenant_id: string;
    seq: number;
    hash: string;
    anchor_seq: number;
    anchor_hash: string;
  };
  decisions: {
    id: string;
    tenant_id: string;
    prediction_event_id: string;
    outcome: string;
    reason: string;
    user_id: string;
    role: string;
    decided_at: string;
  };
  subject_explanations: {
    event_id: string;
    tenant_id: string;
    subject_pseudonym: string;
    context: string;
    explanation_json: string;
  };
  objections: {
    tenant_id: string;
    subject_pseudonym: string;
    id: string;
    recorded_at: string;
    user_id: string;
  };
  objection_withdrawals: {
    objection_id: string;
    tenant_id: string;
    subject_pseudonym: string;
    recorded_at: string;
    recorded_by: string;
    withdrawn_at: string;
    withdrawn_by: string;
  };
  contests: {
    id: string;
    tenant_id: string;
    subject_pseudonym: string;
    prediction_event_id: string;
    context: string;
    reason: string;
    opened_at: string;
    due_at: string;
    opened_by: string;
    closed_at: string | null;
    outcome: string | null;
    review_note: string | null;
    closed_by: string | null;
  };
}
