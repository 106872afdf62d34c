import { AppError } from '../core/errors.ts';
import type { Role } from './roles.ts';
import type { Store } from './store.ts';
import { parseToken, secretMatches } from './tokens.ts';

/** Who makes a request: every read and write is limited to `tenantId`. */
export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
}

/**
 * Finds the caller from an `Authorization: Bearer <token>` header. Every failure gives the same
 * answer, so a caller cannot tell an unknown user from a wrong secret.
 */
export async function authenticate(
  store: Store,
  authorization: string | undefined,
): Promise<Caller> {
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  const token = match === null ? undefined : parseToken(match[1]!);
  const user = token === undefined ? undefined : await store.findUser(token.userId);
  if (
    token === undefined ||
    user === undefined ||
    user.isRevoked ||
    !secretMatches(token.secret, user.tokenSha256)
  ) {
    throw new AppError('UNAUTHENTICATED', 'A valid bearer token is required.', [
      {
        field: 'Authorization',
        message: 'is missing, malformed, unknown or revoked.',
        hint: 'Send "Authorization: Bearer <token>"; an administrator creates tokens with `absencelab admin create-user`.',
      },
    ]);
  }
  return { userId: user.id, tenantId: user.tenantId, role: user.role };
}

/** Refuses a caller whose role is not among `allowed`, naming the action. */
export function requireRole(caller: Caller, allowed: readonly Role[], action: string): void {
  if (allowed.includes(caller.role)) return;
  throw new AppError('FORBIDDEN', `The role ${caller.role} may not ${action}.`, [
    { field: 'role', message: `must be one of: ${allowed.join(', ')}.` },
  ]);
}
