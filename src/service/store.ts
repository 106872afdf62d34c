import type { Context } from '../features/contexts.ts';
import type { Role } from './roles.ts';

/**
 * What the service keeps, and nothing more: tenants, users with hashed tokens, models, settings,
 * the event log and decisions. No record here holds an input case, a name, a birth date, a
 * diagnosis or a probability tied to a clear identity; cases appear only as keyed pseudonyms.
 */
export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

export interface User {
  id: string;
  tenantId: string;
  role: Role;
  /** SHA-256 of the token's secret part, hex. */
  tokenSha256: string;
  isRevoked: boolean;
}

export type EventKind = 'prediction' | 'decision';
export type DecisionOutcome = 'followed' | 'deviated';

/** An event before the log gives it its place in the chain. */
export interface EventDraft {
  tenantId: string;
  eventId: string;
  kind: EventKind;
  occurredAt: string;
  userId: string;
  role: Role;
  purpose: string;
  modelVersion: string;
  /** HMAC-SHA-256 of the case id with the tenant's key: never the case id itself. */
  casePseudonym: string;
  band: string | null;
  /** SHA-256 of the explanation (prediction) or of the reason (decision). */
  detailSha256: string;
  decisionOutcome: DecisionOutcome | null;
  predictionEventId: string | null;
  /** A prediction's factors for the data subject's access, stored beside the entry, not in it. */
  subjectRecord?: SubjectRecord;
}

/** Kept per prediction for access (GDPR art. 15): factors without the values read. */
export interface SubjectRecord {
  /** HMAC of the employee id with the tenant's key, domain-separated from case pseudonyms. */
  subjectPseudonym: string;
  context: string;
  explanationJson: string;
}

/** A logged prediction of one data subject, with its stored explanation. */
export interface SubjectPrediction {
  event: LoggedEvent;
  context: string;
  explanationJson: string;
}

export interface Objection {
  id: string;
  tenantId: string;
  subjectPseudonym: string;
  recordedAt: string;
  userId: string;
}

export interface ObjectionWithdrawal {
  objectionId: string;
  recordedAt: string;
  recordedBy: string;
  withdrawnAt: string;
  withdrawnBy: string;
}

export type ContestOutcome = 'upheld' | 'indication-set-aside' | 'decision-revised';

export interface Contest {
  id: string;
  tenantId: string;
  subjectPseudonym: string;
  predictionEventId: string;
  /** The context of the contested prediction: who may review it follows from it. */
  context: Context;
  reason: string;
  openedAt: string;
  dueAt: string;
  openedBy: string;
  closedAt: string | null;
  outcome: ContestOutcome | null;
  reviewNote: string | null;
  closedBy: string | null;
}

export interface LoggedEvent extends EventDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
  /** After a purge, the last purged entry: the remaining chain starts from it. */
  anchorSeq: number;
  anchorHash: string;
}

export interface Decision {
  id: string;
  tenantId: string;
  predictionEventId: string;
  outcome: DecisionOutcome;
  reason: string;
  userId: string;
  role: Role;
  decidedAt: string;
}

export interface StoredModel {
  modelVersion: string;
  context: string;
  artefactJson: string;
  cardJson: string;
  createdAt: string;
}

export interface OversightCount {
  month: string;
  predictions: number;
  followed: number;
  deviated: number;
}

export interface PurgeResult {
  purgedEvents: number;
  purgedDecisions: number;
  /** Closed contests about purged predictions. */
  purgedContests: number;
  /** Records of objections withdrawn before the cut-off. */
  purgedWithdrawals: number;
  anchorSeq: number;
}

/** Settings keys; the global scope uses the tenant id `*`. */
export const settingKeys = {
  killSwitch: 'kill-switch',
  pseudonymKey: 'pseudonym-key',
} as const;
export const globalScope = '*';

/** Storage as the service needs it; implemented on SQLite and PostgreSQL in `src/storage`. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  createTenant(tenant: Tenant, pseudonymKeyHex: string): Promise<void>;
  findTenant(nameOrId: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  createUser(user: User, createdAt: string): Promise<void>;
  findUser(userId: string): Promise<User | undefined>;
  /** Settings of a tenant and the global scope, in one read. */
  readSettings(
    tenantId: string,
  ): Promise<{ tenant: Map<string, string>; global: Map<string, string> }>;
  writeSetting(scope: string, key: string, value: string, updatedAt: string): Promise<void>;
  /** Appends events to their tenants' chains in one transaction; all or none are written. */
  appendEvents(drafts: readonly EventDraft[]): Promise<LoggedEvent[]>;
  findEvent(tenantId: string, eventId: string): Promise<LoggedEvent | undefined>;
  readEvents(tenantId: string, afterSeq: number, limit: number): Promise<LoggedEvent[]>;
  chainHead(tenantId: string): Promise<ChainHead | undefined>;
  /** Stores the decision and its event together; refuses a second decision on one prediction. */
  recordDecision(decision: Decision, event: EventDraft): Promise<LoggedEvent>;
  oversightCounts(tenantId: string): Promise<OversightCount[]>;
  /** Deletes the oldest events up to `occurredBefore` and keeps the chain verifiable. */
  purgeEvents(tenantId: string, occurredBefore: string): Promise<PurgeResult>;
  /** A subject's logged predictions that still have their entry in the event log, oldest first. */
  readSubjectPredictions(tenantId: string, subjectPseudonym: string): Promise<SubjectPrediction[]>;
  readDecisions(tenantId: string, predictionEventIds: readonly string[]): Promise<Decision[]>;
  /** Records an objection once; a second one for the same subject keeps the first. */
  recordObjection(objection: Objection): Promise<Objection>;
  /** The subset of `subjectPseudonyms` with an objection. */
  objectedSubjects(tenantId: string, subjectPseudonyms: readonly string[]): Promise<Set<string>>;
  /**
   * Removes a subject's objection and keeps a record of the withdrawal, together; the removed
   * objection, or undefined when there was none.
   */
  withdrawObjection(
    tenantId: string,
    subjectPseudonym: string,
    withdrawal: { withdrawnAt: string; userId: string },
  ): Promise<Objection | undefined>;
  listObjectionWithdrawals(
    tenantId: string,
    subjectPseudonym: string,
  ): Promise<ObjectionWithdrawal[]>;
  listObjections(tenantId: string): Promise<Objection[]>;
  openContest(contest: Contest): Promise<void>;
  listContests(tenantId: string): Promise<Contest[]>;
  /** Closes an open contest; undefined when there is no open contest with this id. */
  closeContest(
    tenantId: string,
    contestId: string,
    closure: { closedAt: string; outcome: ContestOutcome; reviewNote: string; closedBy: string },
  ): Promise<Contest | undefined>;
  saveModel(model: StoredModel): Promise<void>;
  listModels(): Promise<StoredModel[]>;
  close(): Promise<void>;
}
