import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.ts';
import { authenticate } from '../service/authenticate.ts';
import type { ServiceDeps } from '../service/serviceDeps.ts';
import { openApiDocument } from './openApiDocument.ts';

/** Health, the API description, the purpose register (public: GDPR art. 13) and model cards. */
export function registerPublicRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const openApi = openApiDocument();

  app.get('/health', async () => ({
    status: 'ok',
    models: Object.values(deps.scorers).map((scorer) => scorer.model.modelVersion),
  }));

  app.get('/openapi.json', async () => openApi);

  app.get('/v1/purposes', async () => ({ purposes: deps.purposes.purposes }));

  app.get('/v1/models', async (request) => {
    await authenticate(deps.store, request.headers.authorization);
    const models = await deps.store.listModels();
    return {
      models: models.map((m) => ({
        modelVersion: m.modelVersion,
        context: m.context,
        card: parseCard(m.cardJson),
      })),
    };
  });
}

function parseCard(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new AppError('INTERNAL', 'A stored model card is not JSON.');
  }
}
