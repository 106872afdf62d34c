import { factorSentence, indicationNotice, type Band } from '../absence/indication.ts';
import { featureWords, findFeature } from '../accountability/featureWords.ts';
import type { Language } from '../features/featureSpec.ts';
import { requireRole, type Caller } from './authenticate.ts';
import { viewOf, type ContestView } from './contests.ts';
import type { Purpose } from './purposeRegister.ts';
import { subjectDeskRoles } from './roles.ts';
import type { DeskDeps } from './serviceDeps.ts';
import type { DecisionOutcome } from './store.ts';
import { subjectExplanationSchema } from './subjectExplanation.ts';
import { subjectOf } from './subjectKey.ts';

export interface AccessFactor {
  feature: string;
  label: Record<Language, string>;
  contribution: number;
  direction: 'raises' | 'lowers';
  sentence: Record<Language, string>;
}

export interface AccessPrediction {
  eventId: string;
  occurredAt: string;
  purpose: { id: string; description: string; legalBasis: string } | { id: string };
  role: string;
  modelVersion: string;
  context: string;
  probability: number;
  band: Band;
  baseValue: number;
  factors: AccessFactor[];
  /** Factors resting on medical information, not kept here: the occupational physician explains them. */
  withheldMedicalFactors: number;
  /** SHA-256 of the full explanation as given, from the event log. */
  explanationSha256: string;
  decisions: { outcome: DecisionOutcome; reason: string; role: string; decidedAt: string }[];
}

/** A contest as the employee sees it: without the service's internal user ids. */
export type SubjectContest = Pick<
  ContestView,
  | 'id'
  | 'predictionEventId'
  | 'reason'
  | 'openedAt'
  | 'dueAt'
  | 'status'
  | 'daysOverdue'
  | 'closedAt'
  | 'outcome'
  | 'reviewNote'
>;

export interface AccessReport {
  kind: 'access-report';
  generatedAt: string;
  /** Fields each purpose under which the employee was scored may read. */
  processing: { purpose: string; fields: string[]; retentionMonths: number }[];
  predictions: AccessPrediction[];
  objection: { recordedAt: string } | null;
  /** Objections the employee made and later withdrew. */
  withdrawnObjections: { recordedAt: string; withdrawnAt: string }[];
  contests: SubjectContest[];
  notice: Record<Language, string>;
  limits: Record<Language, string>;
}

const limits: Record<Language, string> = {
  en: 'The input values of each prediction were never stored: the factors show which data the model weighed and how strongly, not the values it read. Factors that rest on medical information are not kept here; the occupational physician can explain them. Predictions whose event log entry has been purged after its retention period are no longer listed.',
  nl: 'De invoerwaarden van een voorspelling zijn nooit bewaard: de factoren tonen welke gegevens het model woog en hoe zwaar, niet de waarden die het las. Factoren die op medische gegevens berusten, worden hier niet bewaard; de bedrijfsarts kan ze toelichten. Voorspellingen waarvan de vermelding in het logboek na de bewaartermijn is verwijderd, staan hier niet meer.',
};

/**
 * Everything the service holds about one employee (GDPR art. 15): each logged prediction with the
 * factors it was explained by, the decisions professionals recorded on it and their reasons, the
 * employee's objection and contests. Looked up by the keyed pseudonym of the employee id.
 */
export async function accessReport(
  deps: DeskDeps,
  caller: Caller,
  employeeId: string,
): Promise<AccessReport> {
  requireRole(caller, subjectDeskRoles, 'read access reports');
  const subject = await subjectOf(deps.store, caller.tenantId, employeeId);
  const now = deps.now();

  const stored = await deps.store.readSubjectPredictions(caller.tenantId, subject);
  const decisions = await deps.store.readDecisions(
    caller.tenantId,
    stored.map((p) => p.event.eventId),
  );
  const objection = (await deps.store.objectedSubjects(caller.tenantId, [subject])).has(subject)
    ? (await deps.store.listObjections(caller.tenantId)).find((o) => o.subjectPseudonym === subject)
    : undefined;
  const withdrawals = await deps.store.listObjectionWithdrawals(caller.tenantId, subject);
  const contests = (await deps.store.listContests(caller.tenantId)).filter(
    (c) => c.subjectPseudonym === subject,
  );

  const predictions = stored.map(({ event, context, explanationJson }): AccessPrediction => {
    const explanation = subjectExplanationSchema.parse(JSON.parse(explanationJson));
    const purpose = deps.purposes.byId.get(event.purpose);
    return {
      eventId: event.eventId,
      occurredAt: event.occurredAt,
      purpose: purposeSummary(event.purpose, purpose),
      role: event.role,
      modelVersion: event.modelVersion,
      context,
      probability: explanation.probability,
      band: explanation.band,
      baseValue: explanation.baseValue,
      factors: explanation.factors.map((f) => accessFactor(f.feature, f.contribution, f.direction)),
      withheldMedicalFactors: explanation.withheldMedicalFactors,
      explanationSha256: event.detailSha256,
      decisions: decisions
        .filter((d) => d.predictionEventId === event.eventId)
        .map((d) => ({
          outcome: d.outcome,
          reason: d.reason,
          role: d.role,
          decidedAt: d.decidedAt,
        })),
    };
  });

  const purposeIds = [...new Set(stored.map((p) => p.event.purpose))].sort();
  return {
    kind: 'access-report',
    generatedAt: now.toISOString(),
    processing: purposeIds.map((id) => {
      const purpose = deps.purposes.byId.get(id);
      return {
        purpose: id,
        fields: purpose === undefined ? [] : [...purpose.fields],
        retentionMonths: purpose?.retentionMonths ?? 0,
      };
    }),
    predictions,
    objection: objection === undefined ? null : { recordedAt: objection.recordedAt },
    withdrawnObjections: withdrawals.map((w) => ({
      recordedAt: w.recordedAt,
      withdrawnAt: w.withdrawnAt,
    })),
    contests: contests.map((c) => subjectContest(viewOf(c, now))),
    notice: indicationNotice,
    limits,
  };
}

function subjectContest(view: ContestView): SubjectContest {
  return {
    id: view.id,
    predictionEventId: view.predictionEventId,
    reason: view.reason,
    openedAt: view.openedAt,
    dueAt: view.dueAt,
    status: view.status,
    daysOverdue: view.daysOverdue,
    closedAt: view.closedAt,
    outcome: view.outcome,
    reviewNote: view.reviewNote,
  };
}

function purposeSummary(id: string, purpose: Purpose | undefined): AccessPrediction['purpose'] {
  // A purpose removed from the register since keeps its id: the report never invents a text.
  return purpose === undefined
    ? { id }
    : { id, description: purpose.description, legalBasis: purpose.legalBasis };
}

function accessFactor(
  feature: string,
  contribution: number,
  direction: 'raises' | 'lowers',
): AccessFactor {
  const spec = findFeature(feature);
  const label = {
    en: spec === undefined ? feature : featureWords(spec, 'en'),
    nl: spec === undefined ? feature : featureWords(spec, 'nl'),
  };
  return {
    feature,
    label,
    contribution,
    direction,
    sentence: {
      en: factorSentence(capitalise(label.en), contribution, 'en'),
      nl: factorSentence(capitalise(label.nl), contribution, 'nl'),
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
