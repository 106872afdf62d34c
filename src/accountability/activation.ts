import { AppError, type InputIssue } from '../core/errors.ts';
import type { Store } from '../service/store.ts';

/** Settings keys of a tenant's activation record. */
export const activationKeys = {
  dpiaCompletedOn: 'activation-dpia-completed-on',
  worksCouncilInformedOn: 'activation-works-council-informed-on',
  note: 'activation-note',
} as const;

export interface ActivationState {
  /** The day the DPIA (GDPR art. 35) was completed and signed, YYYY-MM-DD. */
  dpiaCompletedOn: string | null;
  /** The day the works council (ondernemingsraad, WOR art. 27) was informed, YYYY-MM-DD. */
  worksCouncilInformedOn: string | null;
  note: string | null;
  isActive: boolean;
}

export function activationState(settings: {
  tenant: ReadonlyMap<string, string>;
}): ActivationState {
  const dpiaCompletedOn = settings.tenant.get(activationKeys.dpiaCompletedOn) ?? null;
  const worksCouncilInformedOn = settings.tenant.get(activationKeys.worksCouncilInformedOn) ?? null;
  return {
    dpiaCompletedOn,
    worksCouncilInformedOn,
    note: settings.tenant.get(activationKeys.note) ?? null,
    isActive: dpiaCompletedOn !== null && worksCouncilInformedOn !== null,
  };
}

const howToActivate =
  'An administrator records both dates with `absencelab subject activate --tenant NAME --dpia-completed YYYY-MM-DD --works-council-informed YYYY-MM-DD` or POST /v1/admin/activation.';

/**
 * Refuses to score for a tenant that has not recorded its DPIA and the information of its works
 * council: scoring employees is high-risk processing (GDPR art. 35, AI Act art. 26(7)), and the
 * works council has a right of consent on such systems (WOR art. 27(1)(k) and (l)).
 */
export function assertActivated(state: ActivationState): void {
  if (state.isActive) return;
  const missing: InputIssue[] = [];
  if (state.dpiaCompletedOn === null) {
    missing.push({
      field: 'dpiaCompletedOn',
      message: 'the date the DPIA was completed is not recorded.',
    });
  }
  if (state.worksCouncilInformedOn === null) {
    missing.push({
      field: 'worksCouncilInformedOn',
      message: 'the date the works council was informed is not recorded.',
    });
  }
  const names = missing.map((m) =>
    m.field === 'dpiaCompletedOn'
      ? 'the DPIA completion date'
      : 'the date the works council was informed',
  );
  throw new AppError(
    'FORBIDDEN',
    `Scoring is not activated for your organisation: missing ${names.join(' and ')}. No indication was made. ${howToActivate}`,
    missing,
  );
}

export interface ActivationInput {
  dpiaCompletedOn: string;
  worksCouncilInformedOn: string;
  note?: string | undefined;
}

/** Records the activation; both dates must be real days, not after today. */
export async function recordActivation(
  store: Store,
  tenantId: string,
  input: ActivationInput,
  now: Date,
): Promise<ActivationState> {
  const today = now.toISOString().slice(0, 10);
  const issues: InputIssue[] = [];
  for (const [field, value] of [
    ['dpiaCompletedOn', input.dpiaCompletedOn],
    ['worksCouncilInformedOn', input.worksCouncilInformedOn],
  ] as const) {
    if (!isDay(value)) issues.push({ field, message: 'must be a date as YYYY-MM-DD.' });
    else if (value > today) issues.push({ field, message: 'may not be in the future.' });
  }
  if (input.note !== undefined && input.note.length > 200) {
    issues.push({ field: 'note', message: 'may hold at most 200 characters.' });
  }
  if (issues.length > 0)
    throw new AppError('INVALID_INPUT', 'The activation record is invalid.', issues);

  const at = now.toISOString();
  await store.writeSetting(tenantId, activationKeys.dpiaCompletedOn, input.dpiaCompletedOn, at);
  await store.writeSetting(
    tenantId,
    activationKeys.worksCouncilInformedOn,
    input.worksCouncilInformedOn,
    at,
  );
  if (input.note !== undefined)
    await store.writeSetting(tenantId, activationKeys.note, input.note, at);
  return activationState(await store.readSettings(tenantId));
}

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
