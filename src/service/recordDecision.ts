import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import { contexts, type Context } from '../features/contexts.ts';
import { requireRole, type Caller } from './authenticate.ts';
import { authorizePurpose } from './authorizePurpose.ts';
import { newEventId } from './newEventId.ts';
import { decidingRoles } from './roles.ts';
import type { ServiceDeps } from './serviceDeps.ts';
import type { DecisionOutcome, EventDraft } from './store.ts';
import { sha256Hex } from './tokens.ts';

export interface DecisionInput {
  purposeId: string | undefined;
  predictionEventId: string;
  outcome: DecisionOutcome;
  reason: string | undefined;
}

export interface DecisionOutput {
  decisionId: string;
  eventId: string;
  predictionEventId: string;
  outcome: DecisionOutcome;
  decidedAt: string;
  decidedBy: { userId: string; role: string };
}

/**
 * The context of the model that made a prediction: from the loaded models, else the purpose's
 * own when it has one. A purpose of several contexts and an unloaded model leave it unknown: then
 * the strictest, the occupational physician's, is checked.
 */
function contextOfModel(deps: ServiceDeps, modelVersion: string, purposeId: string): Context {
  for (const context of contexts) {
    if (deps.scorers[context]?.model.modelVersion === modelVersion) return context;
  }
  const purposeContexts = deps.purposes.byId.get(purposeId)?.contexts ?? [];
  return purposeContexts.length === 1 ? purposeContexts[0]! : 'occupational-physician';
}

/** Long enough for a professional's reasoning; a reason is not a case file. */
export const maxReasonLength = 2000;

/**
 * Records what a professional did with an indication (GDPR art. 22, AI Act art. 14): followed or
 * deviated, why, by whom and when. The reason stays in the decisions table; the event log keeps
 * only its hash, so the chain can be kept longer without free text.
 */
export async function recordDecision(
  deps: ServiceDeps,
  caller: Caller,
  input: DecisionInput,
): Promise<DecisionOutput> {
  requireRole(caller, decidingRoles, 'record decisions');
  const reason = input.reason?.trim() ?? '';
  if (reason.length === 0) {
    throw new AppError('INVALID_INPUT', 'A decision needs a reason.', [
      {
        field: 'reason',
        message: 'is required and may not be blank.',
        hint: 'Say why the indication was followed or not.',
      },
    ]);
  }
  if (reason.length > maxReasonLength) {
    throw new AppError('INVALID_INPUT', 'The reason is too long.', [
      { field: 'reason', message: `may hold at most ${maxReasonLength} characters.` },
    ]);
  }

  // Looked up within the caller's tenant only: another tenant's event is simply not found.
  const prediction = await deps.store.findEvent(caller.tenantId, input.predictionEventId);
  if (prediction === undefined || prediction.kind !== 'prediction') {
    throw new AppError('NOT_FOUND', 'No prediction with this event id in your organisation.', [
      { field: 'predictionEventId', message: 'is not a logged prediction of your tenant.' },
    ]);
  }
  if (input.purposeId !== prediction.purpose) {
    throw new AppError('FORBIDDEN', 'A decision must name the purpose of its prediction.', [
      {
        field: 'purpose',
        message: 'differs from the purpose under which the prediction was made.',
      },
    ]);
  }
  // The same rules as for the prediction itself: the purpose must admit the caller's role and
  // the model's context, so nobody records a decision on an indication they may not see.
  authorizePurpose(deps.purposes, input.purposeId, {
    caller,
    module: 'absence-predictor',
    context: contextOfModel(deps, prediction.modelVersion, prediction.purpose),
  });

  const now = deps.now();
  const decidedAt = now.toISOString();
  const decisionId = randomUUID();
  const event: EventDraft = {
    tenantId: caller.tenantId,
    eventId: newEventId(now.getTime()),
    kind: 'decision',
    occurredAt: decidedAt,
    userId: caller.userId,
    role: caller.role,
    purpose: prediction.purpose,
    modelVersion: prediction.modelVersion,
    casePseudonym: prediction.casePseudonym,
    band: prediction.band,
    detailSha256: sha256Hex(reason),
    decisionOutcome: input.outcome,
    predictionEventId: prediction.eventId,
  };
  const logged = await deps.store.recordDecision(
    {
      id: decisionId,
      tenantId: caller.tenantId,
      predictionEventId: prediction.eventId,
      outcome: input.outcome,
      reason,
      userId: caller.userId,
      role: caller.role,
      decidedAt,
    },
    event,
  );
  return {
    decisionId,
    eventId: logged.eventId,
    predictionEventId: prediction.eventId,
    outcome: input.outcome,
    decidedAt,
    decidedBy: { userId: caller.userId, role: caller.role },
  };
}
