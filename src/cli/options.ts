import { AppError } from '../core/errors.ts';
import { contexts, type Context } from '../features/contexts.ts';
import { bandsSchema, type Bands } from '../absence/linearModel.ts';

export const dataFormats = ['uci', 'canonical', 'extract'] as const;
export type DataFormat = (typeof dataFormats)[number];

export function parseContext(text: string): Context {
  if ((contexts as readonly string[]).includes(text)) return text as Context;
  throw new AppError('INVALID_ARGUMENT', `Unknown context "${text}".`, [
    { field: '--context', message: `must be one of: ${contexts.join(', ')}.` },
  ]);
}

export function parseFormat(text: string): DataFormat {
  if ((dataFormats as readonly string[]).includes(text)) return text as DataFormat;
  throw new AppError('INVALID_ARGUMENT', `Unknown data format "${text}".`, [
    { field: '--format', message: `must be one of: ${dataFormats.join(', ')}.` },
  ]);
}

/** `--bands 0.1,0.25`: where medium and high start. */
export function parseBands(text: string): Bands {
  const parts = text.split(',').map(Number);
  const parsed = bandsSchema.safeParse({ mediumFrom: parts[0], highFrom: parts[1] });
  if (parts.length !== 2 || !parsed.success) {
    throw new AppError('INVALID_ARGUMENT', 'Invalid --bands.', [
      {
        field: '--bands',
        message: 'must be two probabilities, medium then high, such as 0.1,0.25.',
      },
    ]);
  }
  return parsed.data;
}

export function parseInteger(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new AppError('INVALID_ARGUMENT', `Invalid ${name}.`, [
      { field: name, message: 'must be a whole number.' },
    ]);
  }
  return value;
}
