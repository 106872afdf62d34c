import type { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { zodIssueMessage } from '../core/zodIssueMessage.ts';

/** Parses a request body, naming the fields of every problem and never their values. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'INVALID_INPUT',
    `The request does not match the ${what} schema.`,
    parsed.error.issues.slice(0, 50).map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: zodIssueMessage(issue),
    })),
  );
}

/** The purpose of a request: the X-Purpose header, else the body's `purpose` field. */
export function purposeOf(
  headers: Record<string, unknown>,
  bodyPurpose: string | undefined,
): string | undefined {
  const header = headers['x-purpose'];
  return typeof header === 'string' && header !== '' ? header : bodyPurpose;
}
