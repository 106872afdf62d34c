import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';
import { authenticate, requireRole, type Caller } from '../service/authenticate.ts';
import { killSwitchState, setKillSwitch } from '../service/killSwitch.ts';
import { oversightReport } from '../service/oversightReport.ts';
import { adminRoles } from '../service/roles.ts';
import type { ServiceDeps } from '../service/serviceDeps.ts';
import { parseBody } from './parseBody.ts';
import { killSwitchRequestSchema } from './predictionRequest.ts';

/** Oversight reports and the kill switch: tenant-wide, for the DPO and administrators. */
export function registerAdminRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.get('/v1/reports/oversight', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const query = request.query as Record<string, string | undefined>;
    await assertOwnTenant(deps, caller, query['tenant']);
    return oversightReport(deps.store, caller, query['period'] ?? 'month');
  });

  app.get('/v1/admin/kill-switch', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    requireRole(caller, adminRoles, 'read the kill switch');
    return killSwitchState(await deps.store.readSettings(caller.tenantId));
  });

  app.post('/v1/admin/kill-switch', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    requireRole(caller, adminRoles, 'use the kill switch');
    const body = parseBody(killSwitchRequestSchema, request.body, 'kill switch');
    await assertOwnTenant(deps, caller, body.tenant);
    await setKillSwitch(deps.store, caller.tenantId, body.enabled, deps.now());
    request.log.warn(
      {
        event: 'kill-switch',
        tenantId: caller.tenantId,
        userId: caller.userId,
        isOn: body.enabled,
      },
      body.enabled ? 'scoring stopped for the tenant' : 'scoring resumed for the tenant',
    );
    return killSwitchState(await deps.store.readSettings(caller.tenantId));
  });
}

/** A token is valid for one tenant: naming any other is refused, whether it exists or not. */
async function assertOwnTenant(
  deps: ServiceDeps,
  caller: Caller,
  named: string | undefined,
): Promise<void> {
  if (named === undefined || named === caller.tenantId) return;
  const own = await deps.store.findTenant(caller.tenantId);
  if (own?.name === named) return;
  throw new AppError('FORBIDDEN', 'Your token is valid for your own organisation only.', [
    { field: 'tenant', message: 'names another tenant.' },
  ]);
}
