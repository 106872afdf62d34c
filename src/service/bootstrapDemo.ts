import { createTenant, createUser } from './manageTenants.ts';
import { roles, type Role } from './roles.ts';
import type { Store } from './store.ts';

export interface DemoTokens {
  tenant: string;
  tenantId: string;
  tokens: Record<Role, string>;
}

/**
 * On a database without tenants, creates the tenant `demo` with one user per role, so that a
 * fresh `npm start` can be tried at once. Returns undefined when any tenant exists: a database in
 * use never gets demo users.
 */
export async function bootstrapDemo(store: Store, now: Date): Promise<DemoTokens | undefined> {
  if ((await store.listTenants()).length > 0) return undefined;
  const tenant = await createTenant(store, 'demo', now);
  const tokens: Partial<Record<Role, string>> = {};
  for (const role of roles) tokens[role] = (await createUser(store, tenant.id, role, now)).token;
  return { tenant: tenant.name, tenantId: tenant.id, tokens: tokens as Record<Role, string> };
}
