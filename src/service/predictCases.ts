import type { Indication } from '../absence/indication.ts';
import { activationState, assertActivated } from '../accountability/activation.ts';
import type { Bands } from '../absence/linearModel.ts';
import { AppError, type InputIssue } from '../core/errors.ts';
import type { Context } from '../features/contexts.ts';
import type { Language } from '../features/featureSpec.ts';
import type { Caller } from './authenticate.ts';
import { authorizePurpose } from './authorizePurpose.ts';
import { isMedicalField } from './caseFields.ts';
import { caseSchemaFor } from './caseSchema.ts';
import { explanationJson, sha256OfText } from './explanationSha256.ts';
import { fieldMatcher, filterCaseFields, type FieldMatcher } from './filterCaseFields.ts';
import type { Purpose } from './purposeRegister.ts';
import { assertScoringAllowed, killSwitchState } from './killSwitch.ts';
import { newEventId } from './newEventId.ts';
import { casePseudonym, subjectPseudonym } from './pseudonym.ts';
import type { ServiceDeps } from './serviceDeps.ts';
import { settingKeys, type EventDraft } from './store.ts';
import { subjectExplanationOf } from './subjectExplanation.ts';
import { zodIssueMessage } from '../core/zodIssueMessage.ts';

export interface PredictionInput {
  purposeId: string | undefined;
  context: Context;
  /** Cases as received: unknown shape until the purpose's filter and the schema have run. */
  cases: readonly unknown[];
  bands?: Bands | undefined;
}

export interface PredictionOutput {
  modelVersion: string;
  context: Context;
  purpose: string;
  /** Fields received but not used: not allowed for the purpose, or unknown. */
  droppedFields: string[];
  predictions: Prediction[];
  /** Cases left unscored, with why: an employee who objected is never scored (GDPR art. 21). */
  notScored: NotScored[];
}

/** An indication as answered, with its event log entry; the case id first. */
export type Prediction = Indication & { eventId: string };

export interface NotScored {
  caseId: string;
  status: 'not scored: objection';
  reason: 'objection';
  notice: Record<Language, string>;
}

const objectionNotice: Record<Language, string> = {
  en: 'Not scored: the employee objected to scoring (GDPR art. 21). No indication was made.',
  nl: 'Niet gescoord: de werknemer heeft bezwaar gemaakt tegen scoren (AVG art. 21). Er is geen indicatie gemaakt.',
};

const matchers = new WeakMap<Purpose, Map<Context, FieldMatcher>>();

/** The purpose's allow-list as a tree, built once per purpose and context. */
function matcherFor(purpose: Purpose, context: Context): FieldMatcher {
  const byContext = matchers.get(purpose) ?? new Map<Context, FieldMatcher>();
  matchers.set(purpose, byContext);
  let matcher = byContext.get(context);
  if (matcher === undefined) {
    // Medical fields never enter the employer context, whatever a purpose lists.
    matcher = fieldMatcher(
      purpose.fields.filter((f) => context !== 'employer' || !isMedicalField(f)),
    );
    byContext.set(context, matcher);
  }
  return matcher;
}

/** At most this many dropped paths are listed; a caller sending more learns the count. */
const maxListedDroppedFields = 200;

/**
 * Scores cases for a caller under a purpose: checks the purpose and the kill switch, drops what
 * the purpose does not allow, scores in memory, and logs one entry per prediction (pseudonym,
 * band, explanation hash) before answering. Nothing of the cases is stored.
 */
export async function predictCases(
  deps: ServiceDeps,
  caller: Caller,
  input: PredictionInput,
): Promise<PredictionOutput> {
  const purpose = authorizePurpose(deps.purposes, input.purposeId, {
    caller,
    module: 'absence-predictor',
    context: input.context,
  });
  const settings = await deps.store.readSettings(caller.tenantId);
  assertScoringAllowed(killSwitchState(settings));
  assertActivated(activationState(settings));
  const pseudonymKey = settings.tenant.get(settingKeys.pseudonymKey);
  if (pseudonymKey === undefined)
    throw new AppError('INTERNAL', 'The tenant has no pseudonym key.');
  const scorer = deps.scorers[input.context];
  if (scorer === undefined) {
    throw new AppError('NOT_FOUND', `No model is loaded for the ${input.context} context.`);
  }

  // Minimise first, then validate: a field the purpose does not allow is never parsed.
  const matcher = matcherFor(purpose, input.context);
  const schema = caseSchemaFor(matcher);
  const dropped = new Set<string>();
  const issues: InputIssue[] = [];
  const cases = input.cases.map((raw, index) => {
    const parsed = schema.safeParse(filterCaseFields(raw, matcher, dropped));
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 20)) {
        issues.push({
          field: ['cases', index, ...issue.path].join('.'),
          message: zodIssueMessage(issue),
        });
      }
      return undefined;
    }
    return parsed.data;
  });
  if (issues.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'The request does not match the case schema.',
      issues.slice(0, 50),
    );
  }

  // An objection is looked up by the employee's pseudonym: the desk never stores the id itself.
  const parsed = cases.map((scoringCase) => ({
    scoringCase: scoringCase!,
    subject: subjectPseudonym(scoringCase!.employee.employeeId, pseudonymKey),
  }));
  const objected = await deps.store.objectedSubjects(
    caller.tenantId,
    parsed.map((p) => p.subject),
  );

  const now = deps.now();
  const occurredAt = now.toISOString();
  const notScored: NotScored[] = [];
  const scored = parsed.flatMap(({ scoringCase, subject }) => {
    if (objected.has(subject)) {
      notScored.push({
        caseId: scoringCase.caseId,
        status: 'not scored: objection',
        reason: 'objection',
        notice: objectionNotice,
      });
      return [];
    }
    const indication = scorer.score(
      scoringCase,
      input.bands === undefined ? {} : { bands: input.bands },
    );
    const explanation = explanationJson(indication);
    const draft: EventDraft = {
      tenantId: caller.tenantId,
      eventId: newEventId(now.getTime()),
      kind: 'prediction',
      occurredAt,
      userId: caller.userId,
      role: caller.role,
      purpose: purpose.id,
      modelVersion: scorer.model.modelVersion,
      casePseudonym: casePseudonym(scoringCase.caseId, pseudonymKey),
      band: indication.band,
      detailSha256: sha256OfText(explanation),
      decisionOutcome: null,
      predictionEventId: null,
      subjectRecord: {
        subjectPseudonym: subject,
        context: input.context,
        explanationJson: JSON.stringify(subjectExplanationOf(indication)),
      },
    };
    return [{ indication, draft, explanation }];
  });
  await deps.eventLog.append(scored.map((s) => s.draft));

  return {
    modelVersion: scorer.model.modelVersion,
    context: input.context,
    purpose: purpose.id,
    droppedFields: [...dropped].sort().slice(0, maxListedDroppedFields),
    predictions: scored.map(({ indication, draft, explanation }) => {
      const prediction: Prediction = Object.assign({ caseId: indication.caseId }, indication, {
        eventId: draft.eventId,
      });
      // The prediction's text holds the explanation's text as hashed, written once.
      predictionTexts.set(
        prediction,
        `{"caseId":${JSON.stringify(prediction.caseId)},${explanation.slice(1, -1)},"eventId":${JSON.stringify(prediction.eventId)}}`,
      );
      return prediction;
    }),
    notScored,
  };
}

const predictionTexts = new WeakMap<Prediction, string>();

/**
 * The output as JSON: the text `JSON.stringify(output)` gives, with each prediction's text as
 * `predictCases` wrote it. Serialising every explanation a second time for the answer cost as
 * much as hashing it.
 */
export function predictionOutputJson(output: PredictionOutput): string {
  const predictions = output.predictions.map(
    (prediction) => predictionTexts.get(prediction) ?? JSON.stringify(prediction),
  );
  return (
    `{"modelVersion":${JSON.stringify(output.modelVersion)},` +
    `"context":${JSON.stringify(output.context)},` +
    `"purpose":${JSON.stringify(output.purpose)},` +
    `"droppedFields":${JSON.stringify(output.droppedFields)},` +
    `"predictions":[${predictions.join(',')}],` +
    `"notScored":${JSON.stringify(output.notScored)}}`
  );
}
