import { randomUUID } from 'node:crypto';
import { addMonthsClamped } from '../core/canonical/dates.ts';
import { AppError } from '../core/errors.ts';
import { requireRole, type Caller } from './authenticate.ts';
import type { Context } from '../features/contexts.ts';
import { contestReviewRoles, contextsByRole, subjectDeskRoles } from './roles.ts';
import type { DeskDeps } from './serviceDeps.ts';
import type { Contest, ContestOutcome } from './store.ts';
import { subjectOf } from './subjectKey.ts';

export const contestOutcomes = [
  'upheld',
  'indication-set-aside',
  'decision-revised',
] as const satisfies readonly ContestOutcome[];

/** GDPR art. 12(3): the controller answers a data subject's request within one month. */
export const contestDeadlineMonths = 1;

/** Long enough for the employee's account; a reason is not a case file. */
export const maxContestTextLength = 2000;

export type ContestStatus = 'open' | 'overdue' | 'closed';

/** A contest as the desk shows it: without the employee's pseudonym and the tenant. */
export interface ContestView extends Omit<Contest, 'tenantId' | 'subjectPseudonym'> {
  status: ContestStatus;
  /** Whole days past the deadline while open; 0 otherwise. */
  daysOverdue: number;
  /** Present when overdue: who must act now. */
  escalation: string | null;
}

/**
 * Opens a review of one indication at the employee's request (GDPR art. 22(3), AI Act art. 86):
 * a person who did not make the indication looks at it again, within one month.
 */
export async function openContest(
  deps: DeskDeps,
  caller: Caller,
  input: { employeeId: string; predictionEventId: string; reason: string },
): Promise<ContestView> {
  requireRole(caller, subjectDeskRoles, 'open contests');
  const reason = requireText(input.reason, 'reason', 'Say what the employee contests and why.');
  const subject = await subjectOf(deps.store, caller.tenantId, input.employeeId);

  // Only a prediction about this employee can be contested on their behalf.
  const predictions = await deps.store.readSubjectPredictions(caller.tenantId, subject);
  const contested = predictions.find((p) => p.event.eventId === input.predictionEventId);
  if (contested === undefined) {
    throw new AppError('NOT_FOUND', 'No prediction with this event id about this employee.', [
      {
        field: 'predictionEventId',
        message: 'is not a logged prediction of this employee in your organisation.',
        hint: 'Take the event id from the employee’s access report.',
      },
    ]);
  }

  const openedAt = deps.now();
  const contest: Contest = {
    id: randomUUID(),
    tenantId: caller.tenantId,
    subjectPseudonym: subject,
    predictionEventId: input.predictionEventId,
    context: contested.context as Context,
    reason,
    openedAt: openedAt.toISOString(),
    dueAt: addMonthsClamped(openedAt, contestDeadlineMonths).toISOString(),
    openedBy: caller.userId,
    closedAt: null,
    outcome: null,
    reviewNote: null,
    closedBy: null,
  };
  await deps.store.openContest(contest);
  return viewOf(contest, openedAt);
}

/**
 * The tenant's contests the caller may review, overdue ones first, each with its status and
 * escalation. The DPO sees all; a professional only those of contexts their role may see, so a
 * case manager never reads a contest of an occupational-physician indication.
 */
export async function listContests(deps: DeskDeps, caller: Caller): Promise<ContestView[]> {
  requireRole(caller, contestReviewRoles, 'read contests');
  const now = deps.now();
  const visible = (await deps.store.listContests(caller.tenantId)).filter((c) =>
    mayReview(caller, c),
  );
  // A professional does not review a contest of an indication they decided on, so is not shown it.
  const ownDecisions = new Set(
    (
      await deps.store.readDecisions(
        caller.tenantId,
        visible.map((c) => c.predictionEventId),
      )
    )
      .filter((d) => d.userId === caller.userId)
      .map((d) => d.predictionEventId),
  );
  const views = visible
    .filter((c) => !ownDecisions.has(c.predictionEventId))
    .map((c) => viewOf(c, now));
  const rank: Record<ContestStatus, number> = { overdue: 0, open: 1, closed: 2 };
  return views.sort((a, b) => rank[a.status] - rank[b.status] || a.dueAt.localeCompare(b.dueAt));
}

/** Closes a contest with the reviewer's outcome and note; a closed contest stays closed. */
export async function closeContest(
  deps: DeskDeps,
  caller: Caller,
  input: { contestId: string; outcome: ContestOutcome; reviewNote: string },
): Promise<ContestView> {
  requireRole(caller, contestReviewRoles, 'close contests');
  const reviewNote = requireText(
    input.reviewNote,
    'reviewNote',
    'Say what the review found; the employee reads it in the access report.',
  );
  const now = deps.now();
  const contest = (await deps.store.listContests(caller.tenantId)).find(
    (c) => c.id === input.contestId && c.closedAt === null && mayReview(caller, c),
  );
  if (contest === undefined) throw noOpenContest();
  // A review by someone else (GDPR art. 22(3)): not by whoever decided on the indication.
  const decisions = await deps.store.readDecisions(caller.tenantId, [contest.predictionEventId]);
  if (decisions.some((d) => d.userId === caller.userId)) {
    throw new AppError('FORBIDDEN', 'The review of a contest must be by someone else.', [
      {
        field: 'contestId',
        message: 'contests an indication you decided on yourself.',
        hint: 'Ask another professional or the DPO to review it.',
      },
    ]);
  }
  const closed = await deps.store.closeContest(caller.tenantId, input.contestId, {
    closedAt: now.toISOString(),
    outcome: input.outcome,
    reviewNote,
    closedBy: caller.userId,
  });
  if (closed === undefined) throw noOpenContest();
  return viewOf(closed, now);
}

function mayReview(caller: Caller, contest: Contest): boolean {
  return (
    subjectDeskRoles.includes(caller.role) || contextsByRole[caller.role].includes(contest.context)
  );
}

function noOpenContest(): AppError {
  return new AppError('NOT_FOUND', 'No open contest with this id that you may review.', [
    { field: 'contestId', message: 'names no open contest of your tenant within your role.' },
  ]);
}

export function viewOf(contest: Contest, now: Date): ContestView {
  const shown = {
    id: contest.id,
    predictionEventId: contest.predictionEventId,
    context: contest.context,
    reason: contest.reason,
    openedAt: contest.openedAt,
    dueAt: contest.dueAt,
    openedBy: contest.openedBy,
    closedAt: contest.closedAt,
    outcome: contest.outcome,
    reviewNote: contest.reviewNote,
    closedBy: contest.closedBy,
  };
  if (contest.closedAt !== null) {
    return { ...shown, status: 'closed', daysOverdue: 0, escalation: null };
  }
  const lateMs = now.getTime() - Date.parse(contest.dueAt);
  if (lateMs <= 0) return { ...shown, status: 'open', daysOverdue: 0, escalation: null };
  return {
    ...shown,
    status: 'overdue',
    daysOverdue: Math.floor(lateMs / 86_400_000),
    escalation:
      'The one-month deadline (GDPR art. 12(3)) has passed: the DPO and an administrator must see that the review is finished and the employee answered now.',
  };
}

function requireText(text: string, field: string, hint: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    throw new AppError('INVALID_INPUT', `The ${field} is required.`, [
      { field, message: 'is required and may not be blank.', hint },
    ]);
  }
  if (trimmed.length > maxContestTextLength) {
    throw new AppError('INVALID_INPUT', `The ${field} is too long.`, [
      { field, message: `may hold at most ${maxContestTextLength} characters.` },
    ]);
  }
  return trimmed;
}
