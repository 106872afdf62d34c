import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { AppError, type InputIssue } from '../core/errors.ts';
import { contexts } from '../features/contexts.ts';
import { isKnownCaseField, isMedicalField, requiredCaseFields } from './caseFields.ts';
import { roles } from './roles.ts';
import { zodIssueMessage } from '../core/zodIssueMessage.ts';

export const modules = ['absence-predictor', 'caseload-predictor'] as const;
export type Module = (typeof modules)[number];

/** The event log keeps entries at least this long (COMPLIANCE.md, promise 8). */
export const minimumRetentionMonths = 6;

export const purposeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'expected lower-case words joined by dashes'),
  description: z.string().min(10),
  legalBasis: z
    .string()
    .regex(/GDPR art\. \d+/, 'must name a GDPR article, as "GDPR art. 6(1)(c)"'),
  modules: z.array(z.enum(modules)).min(1),
  roles: z.array(z.enum(roles)).min(1),
  contexts: z.array(z.enum(contexts)).min(1),
  fields: z.array(z.string()).min(1),
  retentionMonths: z.number().int().min(minimumRetentionMonths).max(240),
});

export type Purpose = z.infer<typeof purposeSchema>;

const registerSchema = z.strictObject({
  formatVersion: z.literal(1),
  purposes: z.array(z.unknown()).min(1),
});

export interface PurposeRegister {
  purposes: readonly Purpose[];
  byId: ReadonlyMap<string, Purpose>;
}

/**
 * Parses the purpose register (doelbindingsregister). Refuses the whole file on the first bad
 * entry, naming the entry and the field: a service that processes health data must not start
 * with purposes nobody checked.
 */
export function parsePurposeRegister(data: unknown, source: string): PurposeRegister {
  const envelope = registerSchema.safeParse(data);
  if (!envelope.success) {
    throw invalid(source, 'is not a purpose register.', issuesOf(envelope.error, source, ''));
  }
  const purposes: Purpose[] = [];
  const seen = new Set<string>();
  envelope.data.purposes.forEach((entry, index) => {
    const name = entryName(entry, index);
    const parsed = purposeSchema.safeParse(entry);
    if (!parsed.success) {
      throw invalid(
        source,
        `${name} is invalid.`,
        issuesOf(parsed.error, source, `purposes.${index}.`),
      );
    }
    const purpose = parsed.data;
    const problems = ruleProblems(purpose, seen).map((message) => ({
      file: source,
      field: `purposes.${index}`,
      message,
    }));
    if (problems.length > 0) throw invalid(source, `${name} breaks a rule.`, problems);
    seen.add(purpose.id);
    purposes.push(purpose);
  });
  return { purposes, byId: new Map(purposes.map((p) => [p.id, p])) };
}

export async function loadPurposeRegister(path: string): Promise<PurposeRegister> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new AppError(
      'INVALID_CONFIG',
      `Cannot read the purpose register ${basename(path)} as JSON.`,
      [{ file: basename(path), message: 'does not exist, is not readable or is not JSON.' }],
    );
  }
  return parsePurposeRegister(data, basename(path));
}

function ruleProblems(purpose: Purpose, seen: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (seen.has(purpose.id)) problems.push('its id is used by an earlier purpose.');
  for (const field of purpose.fields) {
    if (!isKnownCaseField(field)) problems.push(`field "${field}" is not a field of a case.`);
  }
  if (purpose.modules.includes('absence-predictor')) {
    const missing = requiredCaseFields.filter((field) => !purpose.fields.includes(field));
    if (missing.length > 0) {
      problems.push(
        `it scores cases but does not allow the required fields ${missing.join(', ')}.`,
      );
    }
  }
  // Medical data only for the bedrijfsarts: never for an employer-facing role or model.
  const medical = purpose.fields.filter(isMedicalField);
  if (medical.length > 0) {
    if (purpose.contexts.includes('employer')) {
      problems.push(`it allows medical fields (${medical.join(', ')}) in the employer context.`);
    }
    const employerSide = purpose.roles.filter((r) => r === 'employer' || r === 'case-manager');
    if (employerSide.length > 0) {
      problems.push(`it allows medical fields to the roles ${employerSide.join(', ')}.`);
    }
  }
  return problems;
}

function entryName(entry: unknown, index: number): string {
  const id =
    typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string'
      ? ` "${entry.id}"`
      : '';
  return `Purpose${id} (entry ${index + 1})`;
}

function issuesOf(error: z.ZodError, source: string, prefix: string): InputIssue[] {
  return error.issues.map((issue) => ({
    file: source,
    field: `${prefix}${issue.path.join('.')}`.replace(/\.$/, '') || '(file)',
    message: zodIssueMessage(issue),
  }));
}

function invalid(source: string, what: string, issues: InputIssue[]): AppError {
  return new AppError(
    'INVALID_CONFIG',
    `The purpose register ${source}: ${what} Fix it; the service does not start without a valid register.`,
    issues,
  );
}
