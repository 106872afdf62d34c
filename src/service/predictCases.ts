import { randomUUID } from 'node:crypto';
import type { Indication } from '../absence/indication.ts';
import type { Bands } from '../absence/linearModel.ts';
import { AppError, type InputIssue } from '../core/errors.ts';
import type { Context } from '../features/contexts.ts';
import type { Caller } from './authenticate.ts';
import { authorizePurpose } from './authorizePurpose.ts';
import { isMedicalField } from './caseFields.ts';
import { caseSchema } from './caseSchema.ts';
import { explanationSha256 } from './explanationSha256.ts';
import { fieldMatcher, filterCaseFields, type FieldMatcher } from './filterCaseFields.ts';
import type { Purpose } from './purposeRegister.ts';
import { assertScoringAllowed, killSwitchState } from './killSwitch.ts';
import { casePseudonym } from './pseudonym.ts';
import type { ServiceDeps } from './serviceDeps.ts';
import { settingKeys, type EventDraft } from './store.ts';

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
  predictions: (Indication & { eventId: string })[];
}

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
  const pseudonymKey = settings.tenant.get(settingKeys.pseudonymKey);
  if (pseudonymKey === undefined)
    throw new AppError('INTERNAL', 'The tenant has no pseudonym key.');
  const scorer = deps.scorers[input.context];
  if (scorer === undefined) {
    throw new AppError('NOT_FOUND', `No model is loaded for the ${input.context} context.`);
  }

  // Minimise first, then validate: a field the purpose does not allow is never parsed.
  const matcher = matcherFor(purpose, input.context);
  const dropped = new Set<string>();
  const issues: InputIssue[] = [];
  const cases = input.cases.map((raw, index) => {
    const parsed = caseSchema.safeParse(filterCaseFields(raw, matcher, dropped));
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 20)) {
        issues.push({ field: ['cases', index, ...issue.path].join('.'), message: issue.message });
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

  const occurredAt = deps.now().toISOString();
  const scored = cases.map((scoringCase) => {
    const indication = scorer.score(
      scoringCase!,
      input.bands === undefined ? {} : { bands: input.bands },
    );
    const draft: EventDraft = {
      tenantId: caller.tenantId,
      eventId: randomUUID(),
      kind: 'prediction',
      occurredAt,
      userId: caller.userId,
      role: caller.role,
      purpose: purpose.id,
      modelVersion: scorer.model.modelVersion,
      casePseudonym: casePseudonym(scoringCase!.caseId, pseudonymKey),
      band: indication.band,
      detailSha256: explanationSha256(indication),
      decisionOutcome: null,
      predictionEventId: null,
    };
    return { indication, draft };
  });
  await deps.eventLog.append(scored.map((s) => s.draft));

  return {
    modelVersion: scorer.model.modelVersion,
    context: input.context,
    purpose: purpose.id,
    droppedFields: [...dropped].sort().slice(0, maxListedDroppedFields),
    predictions: scored.map(({ indication, draft }) => ({ ...indication, eventId: draft.eventId })),
  };
}
