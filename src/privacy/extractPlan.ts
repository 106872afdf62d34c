import { AppError, type InputIssue } from '../core/errors.ts';
import type { ColumnPolicy, Policy } from './policySchema.ts';
import type { ColumnRule, ValueFormat } from './rules/columnRule.ts';
import { createColumnRule } from './rules/createColumnRule.ts';

export interface PlannedColumn {
  name: string;
  /** Position in the input row. */
  index: number;
  policy: ColumnPolicy;
  /** The rule of a kept or generalised column. */
  rule?: ColumnRule;
  /** Position among the quasi-identifiers, when it is one. */
  quasiIdentifierIndex?: number;
}

export interface ExtractPlan {
  columns: PlannedColumn[];
  /** Output columns in input order: all but the dropped ones. */
  output: PlannedColumn[];
  quasiIdentifiers: (PlannedColumn & { rule: ColumnRule })[];
  subjectIndex?: number;
}

/**
 * Matches the input's header with the policy. Every input column must be named by the policy and
 * every policy column must be in the input: an unnamed column is refused rather than passed on or
 * silently dropped, because data minimisation (GDPR art. 5(1)(c), 25) needs a decision per field.
 */
export function planExtract(
  header: readonly string[],
  policy: Policy,
  fileName: string,
): ExtractPlan {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name) => {
    if (seen.has(name)) {
      issues.push({ file: fileName, column: name, message: 'appears twice in the header.' });
    }
    seen.add(name);
    if (policy.columns[name] === undefined) {
      issues.push({
        file: fileName,
        column: name,
        message: 'is not named in the policy.',
        hint: 'Give it an action in "columns": keep, generalise, pseudonymise or drop.',
      });
    }
  });
  for (const name of Object.keys(policy.columns)) {
    if (!seen.has(name)) {
      issues.push({
        file: fileName,
        field: `columns.${name}`,
        message: 'is not a column of the input.',
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', 'The input columns do not match the policy.', issues);
  }

  const columns: PlannedColumn[] = header.map((name, index) => {
    const columnPolicy = policy.columns[name]!;
    const rule = createColumnRule(columnPolicy, policy.referenceDate);
    const quasiIdentifierIndex = policy.quasiIdentifiers.indexOf(name);
    return {
      name,
      index,
      policy: columnPolicy,
      ...(rule === undefined ? {} : { rule }),
      ...(quasiIdentifierIndex < 0 ? {} : { quasiIdentifierIndex }),
    };
  });
  const quasiIdentifiers = policy.quasiIdentifiers.map((name) => {
    const column = columns.find((c) => c.name === name)!;
    return { ...column, rule: column.rule! };
  });
  const subjectIndex =
    policy.subjectColumn === undefined ? undefined : header.indexOf(policy.subjectColumn);
  return {
    columns,
    output: columns.filter((column) => column.policy.action !== 'drop'),
    quasiIdentifiers,
    ...(subjectIndex === undefined ? {} : { subjectIndex }),
  };
}

/** How a column is transformed, in words, at the given level. */
export function describeColumn(column: PlannedColumn, level: number): string {
  switch (column.policy.action) {
    case 'drop':
      return 'dropped';
    case 'pseudonymise':
      return 'keyed pseudonym (HMAC-SHA-256 with the domain key)';
    case 'keep':
      return level === 0 ? 'kept as is' : column.rule!.describe(level);
    case 'generalise':
      return column.rule!.describe(level);
  }
}

/** The form of a column's values at the given level, for the datasheet's readers. */
export function formatOfColumn(column: PlannedColumn, level: number): ValueFormat {
  switch (column.policy.action) {
    case 'drop':
      return { kind: 'dropped' };
    case 'pseudonymise':
      return { kind: 'pseudonym' };
    case 'keep':
    case 'generalise':
      return column.rule!.format(level);
  }
}
