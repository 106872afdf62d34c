import type { FastifyInstance } from 'fastify';
import { authenticate } from '../service/authenticate.ts';
import { predictCases, predictionOutputJson } from '../service/predictCases.ts';
import { recordDecision } from '../service/recordDecision.ts';
import type { ServiceDeps } from '../service/serviceDeps.ts';
import { parseBody, purposeOf } from './parseBody.ts';
import { decisionRequestSchema, predictionRequestSchema } from './predictionRequest.ts';

/** Scoring and the professional's decision on a score. */
export function registerPredictionRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.post('/v1/absence/predictions', async (request, reply) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(predictionRequestSchema, request.body, 'prediction request');
    const output = await predictCases(deps, caller, {
      purposeId: purposeOf(request.headers, body.purpose),
      context: body.context,
      cases: body.cases,
      bands: body.bands,
    });
    request.log.info(
      {
        event: 'predictions',
        tenantId: caller.tenantId,
        userId: caller.userId,
        role: caller.role,
        purpose: output.purpose,
        modelVersion: output.modelVersion,
        caseCount: output.predictions.length,
        droppedFieldCount: output.droppedFields.length,
      },
      'predictions made',
    );
    return reply.type('application/json; charset=utf-8').send(predictionOutputJson(output));
  });

  app.post('/v1/decisions', async (request, reply) => {
    const caller = await authenticate(deps.store, request.headers.authorization);
    const body = parseBody(decisionRequestSchema, request.body, 'decision');
    const output = await recordDecision(deps, caller, {
      purposeId: purposeOf(request.headers, body.purpose),
      predictionEventId: body.predictionEventId,
      outcome: body.outcome,
      reason: body.reason,
    });
    request.log.info(
      {
        event: 'decision',
        tenantId: caller.tenantId,
        userId: caller.userId,
        outcome: output.outcome,
      },
      'decision recorded',
    );
    return reply.status(201).send(output);
  });
}
