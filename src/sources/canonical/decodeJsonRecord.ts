import type { InputIssue } from '../../core/errors.ts';
import type { CsvTable } from './csvTable.ts';
import type { RowPlace } from './decodeTextRow.ts';
import { tableStem } from './tableFiles.ts';
import { zodIssueMessage } from '../../core/zodIssueMessage.ts';

/**
 * One JSON record to a validated record, or undefined with its problems added to `issues`. A JSON
 * record has the canonical record's own shape (as the prediction API takes it): nested `medical`,
 * `recoveries` as an array of `{date, workingPct}`, typed numbers and booleans; a value of the
 * wrong JSON type is refused, not converted. null is a field left out, except where the field
 * itself may be null (an open end date). Issues name the field by its path; an unknown field by
 * its position only, as its name may be data.
 */
export function decodeJsonRecord<T>(
  value: unknown,
  table: CsvTable<T>,
  where: RowPlace,
  issues: InputIssue[],
): T | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({
      ...where,
      message: 'is not a JSON object.',
      hint: `Write each ${tableStem(table.fileName)} record as an object of named fields.`,
    });
    return undefined;
  }
  const record = withoutNulls(value as Record<string, unknown>, table);
  const parsed = table.schema.safeParse(record);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const parent = valueAt(record, issue.path) as Record<string, unknown>;
      const names = Object.keys(parent);
      for (const key of issue.keys) {
        const position = `#${names.indexOf(key) + 1}`;
        issues.push({
          ...where,
          field: issue.path.length === 0 ? position : `${pathText(issue.path)}.${position}`,
          message: 'unknown field.',
          hint: `Use the field names of the canonical ${tableStem(table.fileName)} record.`,
        });
      }
      continue;
    }
    const isMissing = valueAt(record, issue.path) === undefined;
    issues.push({
      ...where,
      field: pathText(issue.path),
      message: isMissing ? 'required field is missing.' : zodIssueMessage(issue),
    });
  }
  return undefined;
}

/** Drops null fields, at the top and one level down, except fields whose column keeps null. */
function withoutNulls<T>(record: Record<string, unknown>, table: CsvTable<T>): object {
  const keepsNull = new Set(
    table.columns
      .filter((column) => column.emptyIs === 'null' && column.path.length === 1)
      .map((column) => column.path[0]),
  );
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    if (field === null) {
      if (keepsNull.has(key)) out[key] = null;
      continue;
    }
    if (typeof field === 'object' && !Array.isArray(field)) {
      out[key] = Object.fromEntries(
        Object.entries(field as Record<string, unknown>).filter(([, inner]) => inner !== null),
      );
      continue;
    }
    out[key] = field;
  }
  return out;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = record;
  for (const part of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[part];
  }
  return at;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`,
    )
    .join('');
}
