import { recordActivation, type ActivationState } from '../accountability/activation.ts';
import { createTenant, createUser } from './manageTenants.ts';
import { roles, type Role } from './roles.ts';
import type { Store } from './store.ts';

export interface DemoTokens {
  tenant: string;
  tenantId: string;
  tokens: Record<Role, string>;
  /** Demo dates: the demo tenant scores bundled public data, for which no DPIA was done. */
  activation: ActivationState;
}

/**
 * On a database without tenants, creates the tenant `demo` with one user per role, so that a
 * fresh `npm start` can be tried at once. Returns undefined when any tenant exists: a database in
 * use never gets demo users. The demo tenant records its activation with today's date as demo
 * dates, and says so in its note: a real tenant records the dates of its own DPIA and works
 * council.
 */
export async function bootstrapDemo(store: Store, now: Date): Promise<DemoTokens | undefined> {
  if ((await store.listTenants()).length > 0) return undefined;
  const tenant = await createTenant(store, 'demo', now);
  const tokens: Partial<Record<Role, string>> = {};
  for (const role of roles) tokens[role] = (await createUser(store, tenant.id, role, now)).token;
  const day = now.toISOString().slice(0, 10);
  const activation = await recordActivation(
    store,
    tenant.id,
    {
      dpiaCompletedOn: day,
      worksCouncilInformedOn: day,
      note: 'demo dates: the demo tenant scores bundled public data; no DPIA was done',
    },
    now,
  );
  return {
    tenant: tenant.name,
    tenantId: tenant.id,
    tokens: tokens as Record<Role, string>,
    activation,
  };
}
