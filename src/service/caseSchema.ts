import { z } from 'zod';
import { employeeSchema } from '../core/canonical/employee.ts';
import { episodeSchema } from '../core/canonical/episode.ts';
import type { FieldMatcher } from './filterCaseFields.ts';

const caseIdSchema = z.string().min(1).max(128);

/** The employee's other episodes; only those reported before this one are read. */
function historyOf<T extends z.ZodType>(episode: T) {
  return z.array(episode).max(1000).default([]);
}

/** One case to score, after the purpose's field filter: strict, so nothing unlisted gets in. */
export const caseSchema = z
  .strictObject({
    caseId: caseIdSchema,
    employee: employeeSchema,
    episode: episodeSchema,
    history: historyOf(episodeSchema),
  })
  .refine((c) => c.episode.employeeId === c.employee.employeeId, {
    message: 'episode.employeeId must equal employee.employeeId',
    path: ['episode', 'employeeId'],
  });

export type CaseInput = z.input<typeof caseSchema>;
export type ParsedCase = z.output<typeof caseSchema>;

/**
 * The case schema cut to what a purpose's field filter can let through: each object keeps the
 * fields the purpose allows and those it reads even when absent (required, or with a default),
 * with all its checks. On a filtered case it gives exactly what `caseSchema` gives, the same
 * data or the same issues: a field it leaves out can only be absent, and absent it was optional.
 * Why: zod visits every field of a schema for every object, so 42 history entries cost 42 walks
 * over all 18 episode fields, where the service's purposes allow 6.
 */
export function caseSchemaFor(matcher: FieldMatcher): z.ZodType<ParsedCase, CaseInput> {
  let schema = cutSchemas.get(matcher);
  if (schema === undefined) {
    const cut = z
      .strictObject({
        caseId: caseIdSchema,
        employee: cutObject(employeeSchema, matcher.children.get('employee')),
        episode: cutObject(episodeSchema, matcher.children.get('episode')),
        // History entries share the paths `history.*`.
        history: historyOf(cutObject(episodeSchema, matcher.children.get('history'))),
      })
      .check(...checksOf(caseSchema));
    // The cut schema's output lacks only optional fields, which a filtered case cannot have.
    schema = cut as unknown as z.ZodType<ParsedCase, CaseInput>;
    cutSchemas.set(matcher, schema);
  }
  return schema;
}

const cutSchemas = new WeakMap<FieldMatcher, z.ZodType<ParsedCase, CaseInput>>();

function cutObject(schema: z.ZodObject, node: FieldMatcher | undefined): z.ZodType {
  if (node?.isAllowed === true) return schema;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (node?.children.has(key) === true || !isLeftOutWhenAbsent(field)) shape[key] = field;
  }
  return z.strictObject(shape).check(...checksOf(schema));
}

/** The refinements of an object schema, to carry over to its cut copy. */
function checksOf(schema: z.ZodObject): z.core.$ZodCheck<Record<string, unknown>>[] {
  return (schema.def.checks ?? []) as z.core.$ZodCheck<Record<string, unknown>>[];
}

/** An optional field without a default: absent, it adds nothing to the output and no issue. */
function isLeftOutWhenAbsent(field: z.ZodType): boolean {
  return field instanceof z.ZodOptional && !(field.unwrap() instanceof z.ZodDefault);
}
