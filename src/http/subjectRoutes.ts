import type { FastifyInstance } from 'fastify';
import { activationState, recordActivation } from '../accountability/activation.ts';
import { accessReport } from '../service/accessReport.ts';
import { authenticate, requireRole } from '../service/authenticate.ts';
import { closeContest, listContests, openContest } from '../service/contests.ts';
import { recordObjection, withdrawObjection } from '../service/recordObjection.ts';
import { adminRoles, oversightRoles } from '../service/roles.ts';
import type { ServiceDeps } from '../service/serviceDeps.ts';
import { parseBody } from './parseBody.ts';
import {
  activationRequestSchema,
  contestClosureSchema,
  contestRequestSchema,
  subjectRequestSchema,
} from './subjectRequest.ts';

/**
 * The tenant's activation record, and the data-subject desk: access reports, objections and
 * contests. Employee ids arrive in request bodies only, never in a path or a query string, so
 * that they never reach a request log; they are turned into keyed pseudonyms at once.
 */
export function registerSubjectRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.get('/v1/admin/activation', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    requireRole(caller, oversightRoles, 'read the activation record');
    return activationState(await deps.store.readSettings(caller.tenantId));
  });

  app.post('/v1/admin/activation', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    requireRole(caller, adminRoles, 'record the activation');
    const body = parseBody(activationRequestSchema, request.body, 'activation');
    const state = await recordActivation(deps.store, caller.tenantId, body, deps.now());
    request.log.warn(
      { event: 'activation', tenantId: caller.tenantId, userId: caller.userId },
      'activation recorded',
    );
    return state;
  });

  app.post('/v1/subjects/access-report', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(subjectRequestSchema, request.body, 'access request');
    const report = await accessReport(deps, caller, body.employeeId);
    request.log.info(
      { event: 'access-report', tenantId: caller.tenantId, userId: caller.userId },
      'access report made',
    );
    return report;
  });

  app.post('/v1/subjects/objections', async (request, reply) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(subjectRequestSchema, request.body, 'objection');
    const objection = await recordObjection(deps, caller, body.employeeId);
    request.log.warn(
      { event: 'objection', tenantId: caller.tenantId, userId: caller.userId },
      'objection recorded',
    );
    return reply.status(objection.isNew ? 201 : 200).send(objection);
  });

  app.post('/v1/subjects/objections/withdrawal', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(subjectRequestSchema, request.body, 'withdrawal');
    const withdrawal = await withdrawObjection(deps, caller, body.employeeId);
    request.log.warn(
      { event: 'objection-withdrawn', tenantId: caller.tenantId, userId: caller.userId },
      'objection withdrawn',
    );
    return withdrawal;
  });

  app.post('/v1/subjects/contests', async (request, reply) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(contestRequestSchema, request.body, 'contest');
    const contest = await openContest(deps, caller, body);
    request.log.warn(
      { event: 'contest-opened', tenantId: caller.tenantId, userId: caller.userId },
      'contest opened',
    );
    return reply.status(201).send(contest);
  });

  app.get('/v1/subjects/contests', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const contests = await listContests(deps, caller);
    const overdue = contests.filter((c) => c.status === 'overdue').length;
    if (overdue > 0) {
      // Escalation: every listing while a contest is overdue leaves a warning in the log.
      request.log.warn(
        { event: 'contests-overdue', tenantId: caller.tenantId, overdue },
        'contests past their deadline',
      );
    }
    return { overdue, contests };
  });

  app.post('/v1/subjects/contests/:contestId/close', async (request) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(contestClosureSchema, request.body, 'contest closure');
    const { contestId } = request.params as { contestId: string };
    const contest = await closeContest(deps, caller, { contestId, ...body });
    request.log.info(
      { event: 'contest-closed', tenantId: caller.tenantId, userId: caller.userId },
      'contest closed',
    );
    return contest;
  });
}
