import { AppError } from '../core/errors.ts';
import { globalScope, settingKeys, type Store } from './store.ts';

export interface KillSwitchState {
  isTenantStopped: boolean;
  isGloballyStopped: boolean;
}

export function killSwitchState(settings: {
  tenant: ReadonlyMap<string, string>;
  global: ReadonlyMap<string, string>;
}): KillSwitchState {
  return {
    isTenantStopped: settings.tenant.get(settingKeys.killSwitch) === 'on',
    isGloballyStopped: settings.global.get(settingKeys.killSwitch) === 'on',
  };
}

/** Refuses to score while a kill switch is on (AI Act art. 14(4)(e): a stop button). */
export function assertScoringAllowed(state: KillSwitchState): void {
  if (!state.isTenantStopped && !state.isGloballyStopped) return;
  const who = state.isGloballyStopped
    ? 'for every tenant by the operator'
    : 'for your organisation by its administrator';
  throw new AppError(
    'SUSPENDED',
    `Scoring is stopped ${who} (kill switch). No indication was made. Ask an administrator to turn the kill switch off when it is safe.`,
  );
}

/** Turns the kill switch of a tenant, or of every tenant with scope `*`, on or off. */
export async function setKillSwitch(
  store: Store,
  scope: string,
  isOn: boolean,
  now: Date,
): Promise<void> {
  await store.writeSetting(scope, settingKeys.killSwitch, isOn ? 'on' : 'off', now.toISOString());
}

export { globalScope };
