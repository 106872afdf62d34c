import type { FastifyServerOptions } from 'fastify';

/**
 * Logger settings for the service: request lines carry the method, the path without its query
 * and the status, never a body, a header value or the client's address (personal data of the
 * professional); the authorization header is removed should anything log headers.
 */
export function loggerOptions(
  stream?: { write(line: string): void },
  level = 'info',
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      remove: true,
    },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
        requestId: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
