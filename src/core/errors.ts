/**
 * The one application error. Its code is from a closed set with a typed map to an HTTP status and
 * a CLI exit code. Messages name where the problem is (file, row, column, field) and what to do;
 * they never carry an input value, because input values may be personal data.
 */
export const errorCodes = {
  INVALID_INPUT: { httpStatus: 400, exitCode: 65 },
  INVALID_ARGUMENT: { httpStatus: 400, exitCode: 64 },
  INVALID_MODEL: { httpStatus: 422, exitCode: 65 },
  UNLAWFUL_FEATURE: { httpStatus: 422, exitCode: 65 },
  NOT_FOUND: { httpStatus: 404, exitCode: 66 },
  UNAUTHENTICATED: { httpStatus: 401, exitCode: 77 },
  FORBIDDEN: { httpStatus: 403, exitCode: 77 },
  CONFLICT: { httpStatus: 409, exitCode: 65 },
  SUSPENDED: { httpStatus: 503, exitCode: 75 },
  TAMPERED: { httpStatus: 500, exitCode: 65 },
  INVALID_CONFIG: { httpStatus: 500, exitCode: 78 },
  INTERNAL: { httpStatus: 500, exitCode: 70 },
} as const satisfies Record<string, { httpStatus: number; exitCode: number }>;

export type ErrorCode = keyof typeof errorCodes;

/** Where in an input a problem sits. `row` is the line in the file, the header being row 1. */
export interface IssueLocation {
  file?: string;
  row?: number;
  column?: string;
  field?: string;
}

export interface InputIssue extends IssueLocation {
  message: string;
  hint?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly InputIssue[];

  constructor(code: ErrorCode, message: string, issues: readonly InputIssue[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  get httpStatus(): number {
    return errorCodes[this.code].httpStatus;
  }

  get exitCode(): number {
    return errorCodes[this.code].exitCode;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Renders one issue as a line: `file, row 3, column "Age": not a number. Use digits only.` */
export function formatIssue(issue: InputIssue): string {
  const where = [
    issue.file,
    issue.row === undefined ? undefined : `row ${issue.row}`,
    issue.column === undefined ? undefined : `column "${issue.column}"`,
    issue.field === undefined ? undefined : `field "${issue.field}"`,
  ].filter((part): part is string => part !== undefined);
  const head = where.length > 0 ? `${where.join(', ')}: ` : '';
  return `${head}${issue.message}${issue.hint === undefined ? '' : ` ${issue.hint}`}`;
}

export function formatError(error: AppError): string {
  const lines = [error.message, ...error.issues.slice(0, 20).map((i) => `  - ${formatIssue(i)}`)];
  if (error.issues.length > 20) lines.push(`  ... and ${error.issues.length - 20} more`);
  return lines.join('\n');
}
