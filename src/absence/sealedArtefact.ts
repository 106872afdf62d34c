import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { stableStringify } from './stableStringify.ts';
import { zodIssueMessage } from '../core/zodIssueMessage.ts';

/** A model artefact: its content, sealed by a checksum over it and a version that names it. */
export interface Sealed {
  modelVersion: string;
  checksum: string;
}

/** SHA-256 of the content in a stable key order: the seal of an artefact. */
export function checksumOf(content: unknown): string {
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}

/**
 * Parses an artefact read from disk or the wire: its schema first, then its seal, so that a file
 * edited by hand, or of another kind or version, is refused with where it went wrong.
 * `kind` names it in messages ("tree model"); `seal` gives the version the content should carry.
 */
export function parseSealed<T extends Sealed>(
  schema: z.ZodType<T>,
  data: unknown,
  source: string,
  kind: string,
  seal: (content: Omit<T, keyof Sealed>) => Sealed,
): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_MODEL',
      `${source} is not an absencelab ${kind} of this version.`,
      parsed.error.issues.slice(0, 10).map((issue) => ({
        file: source,
        field: issue.path.join('.') || '(root)',
        message: zodIssueMessage(issue),
        hint: 'Train the model again with `absencelab train`.',
      })),
    );
  }
  const { checksum, modelVersion, ...content } = parsed.data;
  if (checksumOf(content) !== checksum || seal(content).modelVersion !== modelVersion) {
    throw new AppError('INVALID_MODEL', `${source} has been changed since it was written.`, [
      {
        file: source,
        field: 'checksum',
        message: 'does not match the content.',
        hint: 'Use the artefact as `absencelab train` wrote it, or train again.',
      },
    ]);
  }
  return parsed.data;
}
