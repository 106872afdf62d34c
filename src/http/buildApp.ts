import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AppError, isAppError } from '../core/errors.ts';
import type { ScoringCase } from '../features/scoringCase.ts';
import type { ServiceDeps } from '../service/serviceDeps.ts';
import { registerAdminRoutes } from './adminRoutes.ts';
import { registerPageRoute } from './pageRoute.ts';
import { registerPredictionRoutes } from './predictionRoutes.ts';
import { registerPublicRoutes } from './publicRoutes.ts';
import { registerSubjectRoutes } from './subjectRoutes.ts';

export interface AppOptions {
  deps: ServiceDeps;
  /** Cases shown on the web page: the bundled public data, never customer records. */
  pageCases?: readonly ScoringCase[];
  logger?: FastifyServerOptions['logger'];
}

/**
 * The HTTP service. Every `/v1` route but the purpose register needs a bearer token; request
 * bodies are parsed with zod, and input values never reach a log line or an error message:
 * errors name the field, and the logger leaves bodies out and removes the authorization header.
 */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // One line per request instead of fastify's two: at a thousand requests a second, log lines
    // are a measurable share of the work.
    logController: new LogController({ disableRequestLogging: true }),
  });

  registerJsonParser(app);

  // A callback hook: an async one costs a promise per request for no waiting.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        event: 'request',
        method: request.method,
        path: request.url.split('?')[0],
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    if (isAppError(error)) {
      if (error.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer');
      if (error.httpStatus >= 500 && error.code !== 'SUSPENDED') {
        request.log.error({ event: 'app-error', code: error.code }, 'application error');
      }
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

  // Unknown routes answer in the service's own error shape, without echoing the path.
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(
      errorBody(
        new AppError('NOT_FOUND', 'No such route.', [
          {
            message: 'the method and path name no route of this service.',
            hint: 'The routes are listed in /openapi.json.',
          },
        ]),
      ),
    ),
  );

  registerPublicRoutes(app, options.deps);
  registerPredictionRoutes(app, options.deps);
  registerAdminRoutes(app, options.deps);
  registerSubjectRoutes(app, options.deps);
  registerPageRoute(app, options.deps.scorers, options.pageCases ?? []);
  return app;
}

/**
 * JSON bodies through `JSON.parse` when their text cannot hold a key `__proto__` or
 * `constructor`, through fastify's guarded parser (which refuses those keys) otherwise. The
 * guard's two regular expressions over every body cost a quarter of parsing an 11 kB case; a
 * key can only be spelt out or written with `\u` escapes, so a body with neither the two words
 * nor a `\u` has nothing to guard against.
 */
function registerJsonParser(app: FastifyInstance): void {
  const guardedParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length > 0 && !mayHoldGuardedKey(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Malformed: the guarded parser answers with fastify's own error for it.
        guardedParser(request, text, done);
        return;
      }
      done(null, parsed);
      return;
    }
    guardedParser(request, text, done);
  });
}

function mayHoldGuardedKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, issues: error.issues } };
}
