import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import { newPseudonymKeyHex } from './pseudonym.ts';
import type { Role } from './roles.ts';
import type { Store, Tenant } from './store.ts';
import { newToken, newUserId } from './tokens.ts';

/** Tenant names are labels for administrators, such as an organisation's short name. */
const tenantNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Creates a tenant with its own event log and its own pseudonym key. */
export async function createTenant(store: Store, name: string, now: Date): Promise<Tenant> {
  if (!tenantNamePattern.test(name)) {
    throw new AppError('INVALID_ARGUMENT', 'Invalid tenant name.', [
      { field: 'NAME', message: 'must be 1-64 letters, digits, dots, dashes or underscores.' },
    ]);
  }
  if ((await store.findTenant(name)) !== undefined) {
    throw new AppError('CONFLICT', 'A tenant with this name exists.', [
      { field: 'NAME', message: 'is taken.' },
    ]);
  }
  const tenant: Tenant = {
    id: `t_${randomBytes(8).toString('hex')}`,
    name,
    createdAt: now.toISOString(),
  };
  await store.createTenant(tenant, newPseudonymKeyHex());
  return tenant;
}

export async function requireTenant(store: Store, nameOrId: string): Promise<Tenant> {
  const tenant = await store.findTenant(nameOrId);
  if (tenant === undefined) {
    throw new AppError('NOT_FOUND', 'No such tenant.', [
      {
        field: '--tenant',
        message: 'names no tenant.',
        hint: 'Create one with `absencelab admin create-tenant NAME`.',
      },
    ]);
  }
  return tenant;
}

/** Creates a user and returns its token: shown once, only its hash is kept. */
export async function createUser(
  store: Store,
  tenantId: string,
  role: Role,
  now: Date,
): Promise<{ userId: string; token: string }> {
  const userId = newUserId();
  const { token, secretSha256 } = newToken(userId);
  await store.createUser(
    { id: userId, tenantId, role, tokenSha256: secretSha256, isRevoked: false },
    now.toISOString(),
  );
  return { userId, token };
}
