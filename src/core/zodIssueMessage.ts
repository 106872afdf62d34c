import type { z } from 'zod';

/**
 * A schema problem in the words of our other messages: what the value must be, ending with a
 * full stop. zod's own texts ("Too small: expected number to be >=1900") are replaced for the
 * checks it words itself; a message a schema gives (a refinement, a custom error) is kept. Like
 * zod's, these name what is allowed, never the value that was given.
 */
export function zodIssueMessage(issue: z.core.$ZodIssue): string {
  const worded = isZodWording(issue.message) ? describe(issue) : undefined;
  const message = worded ?? issue.message;
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function describe(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive === true, 'at least', 'more than');
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive === true, 'at most', 'less than');
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `must be ${typeNames[issue.expected] ?? `of type ${issue.expected}`}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'is not in the expected format'
        : `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

function bound(
  origin: string,
  limit: number | bigint,
  isInclusive: boolean,
  inclusiveWords: string,
  exclusiveWords: string,
): string {
  const words = isInclusive ? inclusiveWords : exclusiveWords;
  if (origin === 'string') return `must have ${words} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${words} ${limit} items`;
  return `must be ${words} ${limit}`;
}

const typeNames: Partial<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

/** Whether a message is one zod writes itself, rather than one the schema was given. */
function isZodWording(message: string): boolean {
  return /^(Too small|Too big|Invalid (input|option|string|type|format)|Invalid [a-z ]+:)/.test(
    message,
  );
}
