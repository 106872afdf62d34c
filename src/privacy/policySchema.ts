import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, type InputIssue } from '../core/errors.ts';
import { zodIssueMessage } from '../core/zodIssueMessage.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** The generalisation rules; each is described in its own file under src/privacy/rules. */
export const generaliseRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({
    rule: z.literal('age-band'),
    /** Band width at the reference date; k-anonymity may double it twice. */
    widthYears: z.union([z.literal(5), z.literal(10)]).default(5),
  }),
  z.strictObject({
    rule: z.literal('region'),
    /** pc2: the first two digits of the postcode; province: from an approximate PC2 table. */
    level: z.enum(['pc2', 'province']).default('pc2'),
  }),
  z.strictObject({ rule: z.literal('relative-weeks') }),
  z.strictObject({
    rule: z.literal('rare-category'),
    /** Categories seen fewer times than this become `otherLabel`. */
    minCount: z.int().min(1).max(1_000_000),
    otherLabel: z.string().min(1).max(64).default('other'),
  }),
  z
    .strictObject({
      rule: z.literal('top-code'),
      /** A fixed cap, or the quantile (0.5-1) of the column at which to cap; exactly one. */
      cap: z.number().finite().optional(),
      quantile: z.number().min(0.5).max(1).optional(),
    })
    .refine((rule) => (rule.cap === undefined) !== (rule.quantile === undefined), {
      message: 'give exactly one of cap and quantile',
    }),
]);

export type GeneraliseRule = z.infer<typeof generaliseRuleSchema>;

export const columnPolicySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({ action: z.literal('drop') }),
  z.strictObject({ action: z.literal('pseudonymise') }),
  z.strictObject({ action: z.literal('generalise'), rule: generaliseRuleSchema }),
]);

export type ColumnPolicy = z.infer<typeof columnPolicySchema>;

export const policySchema = z
  .strictObject({
    columns: z
      .record(z.string().min(1).max(256), columnPolicySchema)
      .refine((columns) => Object.keys(columns).length > 0, 'must name at least one column'),
    quasiIdentifiers: z.array(z.string().min(1)).default([]),
    k: z.int().min(2).max(1000).default(5),
    /** The date against which ages and relative weeks are computed. */
    referenceDate: isoDate,
    /** Largest share of rows that may be suppressed before quasi-identifiers are coarsened. */
    maxSuppressionPct: z.number().min(0).max(100).default(5),
    /** When given, a class counts distinct values of this column (persons), not rows. */
    subjectColumn: z.string().min(1).optional(),
    /**
     * For the datasheet: the days the source's records describe (a canonical folder's manifest
     * period). Episodes reported before the first day are there only because they were still open
     * on it; a reader of the extract needs this to learn durations without that bias.
     */
    observedPeriod: z
      .strictObject({ firstDay: isoDate, lastDay: isoDate })
      .refine((period) => period.firstDay <= period.lastDay, {
        message: 'firstDay must not be after lastDay',
      })
      .optional(),
    /** For the datasheet: where the data come from and what they were collected for. */
    origin: z
      .strictObject({
        source: z.string().max(2000).optional(),
        originalPurpose: z.string().max(2000).optional(),
        extractPurpose: z.string().max(2000).optional(),
      })
      .optional(),
    /** An AUC check of the extract's usefulness: a 0/1 target from a numeric column. */
    utility: z
      .strictObject({
        target: z.strictObject({ column: z.string().min(1), above: z.number().finite() }),
        features: z.array(z.string().min(1)).min(1),
      })
      .optional(),
  })
  .superRefine((policy, context) => {
    const released = Object.entries(policy.columns)
      .filter(([, column]) => column.action === 'keep' || column.action === 'generalise')
      .map(([name]) => name);
    if (policy.quasiIdentifiers.length === 0 && released.length > 0) {
      // Without quasi-identifiers every row is one class and "k achieved" would be the row count.
      context.addIssue({
        code: 'custom',
        path: ['quasiIdentifiers'],
        message:
          `is empty while ${released.length} column(s) are kept or generalised ` +
          `(${released.slice(0, 5).join(', ')}${released.length > 5 ? ', ...' : ''}): name the ` +
          'ones that together could single a person out (age, region, team, sector ...), so that ' +
          'k-anonymity is enforced on them',
      });
    }
    const seen = new Set<string>();
    policy.quasiIdentifiers.forEach((name, i) => {
      const column = policy.columns[name];
      if (column === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['quasiIdentifiers', i],
          message: 'names a column that is not in columns',
        });
      } else if (column.action !== 'keep' && column.action !== 'generalise') {
        context.addIssue({
          code: 'custom',
          path: ['quasiIdentifiers', i],
          message: `must be a column that is kept or generalised, not ${column.action}d`,
        });
      }
      if (seen.has(name)) {
        context.addIssue({ code: 'custom', path: ['quasiIdentifiers', i], message: 'repeated' });
      }
      seen.add(name);
    });
    if (policy.subjectColumn !== undefined && policy.columns[policy.subjectColumn] === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['subjectColumn'],
        message: 'names a column that is not in columns',
      });
    }
    if (policy.utility !== undefined) {
      const names = [policy.utility.target.column, ...policy.utility.features];
      names.forEach((name, i) => {
        if (policy.columns[name] === undefined) {
          context.addIssue({
            code: 'custom',
            path: i === 0 ? ['utility', 'target', 'column'] : ['utility', 'features', i - 1],
            message: 'names a column that is not in columns',
          });
        }
      });
    }
  });

export type Policy = z.infer<typeof policySchema>;

export interface ParsedPolicy {
  policy: Policy;
  /** SHA-256 of the policy file's bytes, for the report and the datasheet. */
  sha256: string;
}

/** Parses a policy file's text; every problem is reported with the path of its field. */
export function parsePolicy(text: string, fileName: string): ParsedPolicy {
  const sha256 = createHash('sha256').update(text).digest('hex');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', `Policy ${fileName} is not valid JSON.`, [
      { file: fileName, message: 'could not be parsed as JSON.', hint: 'Check commas and quotes.' },
    ]);
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.map((issue) => ({
      file: fileName,
      field: issue.path.map(String).join('.') || '(root)',
      message: zodIssueMessage(issue),
    }));
    throw new AppError('INVALID_INPUT', `Policy ${fileName} is invalid.`, issues);
  }
  return { policy: parsed.data, sha256 };
}
