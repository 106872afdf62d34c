import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { isoDateSchema } from '../../core/canonical/dates.ts';
import { AppError, type InputIssue } from '../../core/errors.ts';
import { zodIssueMessage } from '../../core/zodIssueMessage.ts';

/** The value formats of src/privacy/rules/columnRule.ts, as a reader checks them. */
const valueFormatSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('dropped') }),
  z.looseObject({ kind: z.literal('pseudonym') }),
  z.looseObject({ kind: z.literal('as-is') }),
  z.looseObject({ kind: z.literal('suppressed') }),
  z.looseObject({
    kind: z.literal('age-band'),
    widthYears: z.int().min(1).max(130),
    referenceDate: isoDateSchema,
  }),
  z.looseObject({
    kind: z.literal('relative-weeks'),
    blockWeeks: z.int().min(1),
    referenceDate: isoDateSchema,
  }),
  z.looseObject({ kind: z.literal('region'), level: z.string() }),
  z.looseObject({ kind: z.literal('category'), otherLabel: z.string() }),
  z.looseObject({ kind: z.literal('top-coded'), cap: z.number().nullable() }),
]);

export type ExtractValueFormat = z.infer<typeof valueFormatSchema>;

/** The part of `<extract>.datasheet.json` (src/privacy/buildDatasheet.ts) a reader relies on. */
const datasheetSchema = z.looseObject({
  datasheetVersion: z.literal(1),
  composition: z.looseObject({
    period: z.looseObject({ referenceDate: isoDateSchema }).nullable(),
    observedPeriod: z
      .looseObject({ firstDay: isoDateSchema, lastDay: isoDateSchema })
      .nullable()
      .optional(),
  }),
  fields: z.array(
    z.looseObject({
      name: z.string().min(1).max(256),
      action: z.string(),
      format: valueFormatSchema,
    }),
  ),
});

export type ExtractDatasheet = z.infer<typeof datasheetSchema>;

/** Where the datasheet of an extract is: beside it, as `absencelab pseudonymise` writes it. */
export function datasheetPathOf(extractPath: string): string {
  return `${extractPath}.datasheet.json`;
}

/**
 * Reads and checks the datasheet of an extract. Without the value format of every field (written
 * since the extract reader exists) nothing can be mapped back, so such a datasheet is refused.
 */
export async function readExtractDatasheet(extractPath: string): Promise<ExtractDatasheet> {
  const path = datasheetPathOf(extractPath);
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `The extract has no datasheet ${file}.`, [
      {
        file,
        message: 'no such file beside the extract.',
        hint: 'Keep the datasheet that `absencelab pseudonymise` wrote next to the extract.',
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', `The datasheet ${file} is not valid JSON.`, [
      { file, message: 'could not be parsed as JSON.' },
    ]);
  }
  const parsed = datasheetSchema.safeParse(json);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.slice(0, 20).map((issue) => ({
      file,
      field: issue.path.map(String).join('.') || '(root)',
      message: zodIssueMessage(issue),
      hint: 'Re-make the extract with this version of `absencelab pseudonymise`.',
    }));
    throw new AppError('INVALID_INPUT', `The datasheet ${file} cannot be read.`, issues);
  }
  return parsed.data;
}
