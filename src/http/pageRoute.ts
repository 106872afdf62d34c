import type { FastifyInstance } from 'fastify';
import type { LinearScorer } from '../absence/scoreLinear.ts';
import { AppError } from '../core/errors.ts';
import { contexts, type Context } from '../features/contexts.ts';
import type { ScoringCase } from '../features/scoringCase.ts';
import { renderCasesPage } from './page.ts';

/**
 * The web page of the bundled public UCI cases. Open without a token: it shows only the public
 * data set shipped with absencelab, never a tenant's records, and logs no event.
 */
export function registerPageRoute(
  app: FastifyInstance,
  scorers: Partial<Record<Context, LinearScorer>>,
  pageCases: readonly ScoringCase[],
): void {
  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const available = contexts.filter((c) => scorers[c] !== undefined);
    const asked = query['context'];
    const context = asked === undefined ? available[0] : available.find((c) => c === asked);
    if (asked !== undefined && context === undefined) {
      // The asked value is not echoed: the page is public and the value came from outside.
      throw new AppError('INVALID_INPUT', 'The page has no such context.', [
        { field: 'context', message: `must be one of: ${available.join(', ')}.` },
      ]);
    }
    const scorer = context === undefined ? undefined : scorers[context];
    if (context === undefined || scorer === undefined) {
      throw new AppError('NOT_FOUND', 'No model is loaded.');
    }
    const lang = query['lang'];
    if (lang !== undefined && lang !== 'nl' && lang !== 'en') {
      throw new AppError('INVALID_INPUT', 'The page has no such language.', [
        { field: 'lang', message: 'must be nl or en.' },
      ]);
    }
    const language = lang ?? 'en';
    const rows = pageCases.map((c) => ({
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
}
