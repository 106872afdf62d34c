import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AppError, isAppError } from '../core/errors.ts';
import type { LinearScorer } from '../absence/scoreLinear.ts';
import { contexts, type Context } from '../features/contexts.ts';
import type { ScoringCase } from '../features/scoringCase.ts';
import { renderCasesPage } from './page.ts';
import { predictionRequestSchema } from './predictionRequest.ts';

export interface AppOptions {
  scorers: Partial<Record<Context, LinearScorer>>;
  /** Cases shown on the web page: the bundled public data, never customer records. */
  pageCases?: readonly ScoringCase[];
  logger?: FastifyServerOptions['logger'];
}

/**
 * The HTTP service. Request bodies are parsed with zod; input values never reach a log line or
 * an error message: errors name the field, and the logger leaves bodies out and redacts headers.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
  });

  app.setErrorHandler((error, request, reply) => {
    if (isAppError(error)) {
      return reply.status(error.httpStatus).send(errorBody(error));
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own refusals (malformed JSON, wrong content type, too large): no detail echoed.
      return reply.status(status).send({
        error: {
          code: 'INVALID_INPUT',
          message: 'The request body could not be read as JSON of at most 5 MB.',
          issues: [],
        },
      });
    }
    request.log.error(
      { event: 'unexpected-error', errorName: (error as Error).name },
      'unexpected error',
    );
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: 'Something went wrong on our side.', issues: [] },
    });
  });

  app.get('/health', async () => ({
    status: 'ok',
    models: Object.values(options.scorers).map((scorer) => scorer.model.modelVersion),
  }));

  app.post('/v1/absence/predictions', async (request, reply) => {
    const parsed = predictionRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError(
        'INVALID_INPUT',
        'The request does not match the prediction request schema.',
        parsed.error.issues.slice(0, 50).map((issue) => ({
          field: issue.path.join('.') || '(body)',
          message: issue.message,
        })),
      );
    }
    const { context, cases, bands } = parsed.data;
    const scorer = options.scorers[context];
    if (scorer === undefined) {
      throw new AppError('NOT_FOUND', `No model is loaded for the ${context} context.`);
    }
    const predictions = cases.map((c) => scorer.score(c, bands === undefined ? {} : { bands }));
    return reply.send({ modelVersion: scorer.model.modelVersion, context, predictions });
  });

  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const available = contexts.filter((c) => options.scorers[c] !== undefined);
    const context = available.find((c) => c === query['context']) ?? available[0];
    const scorer = context === undefined ? undefined : options.scorers[context];
    if (context === undefined || scorer === undefined) {
      throw new AppError('NOT_FOUND', 'No model is loaded.');
    }
    const language = query['lang'] === 'nl' ? 'nl' : 'en';
    const rows = (options.pageCases ?? []).map((c) => ({
      indication: scorer.score(c),
      employeeId: c.employee.employeeId,
      month: c.episode.startMonth,
    }));
    const html = renderCasesPage({
      rows,
      language,
      context,
      contexts: available,
      modelVersion: scorer.model.modelVersion,
      targetDescription: scorer.model.target.description,
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  return app;
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, issues: error.issues } };
}
