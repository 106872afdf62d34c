import { AppError, type InputIssue } from '../../core/errors.ts';
import type { CsvColumn, CsvTable } from './csvTable.ts';
import { decodeCell } from './decodeCell.ts';
import { tableStem } from './tableFiles.ts';

/** Where a row sits, for messages: the file's name and the row number in it. */
export interface RowPlace {
  file: string;
  row: number;
}

/**
 * Matches a header row of text cells (CSV, XLSX, Parquet) to the table's columns. Unknown names
 * are refused by position only, never by name: a shifted file can carry data in its header.
 */
export function resolveHeader<T>(
  names: readonly string[],
  table: CsvTable<T>,
  file: string,
): (CsvColumn | undefined)[] {
  const issues: InputIssue[] = [];
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  // One header cell holding known names joined by ";" or a tab: another separator than ",".
  // Spreadsheets with a Dutch locale save CSV with ";", so this is the common mistake.
  const separator = names.length === 1 ? [';', '\t'].find((s) => names[0]!.includes(s)) : undefined;
  if (separator !== undefined && names[0]!.split(separator).some((n) => byName.has(n.trim()))) {
    throw new AppError('INVALID_INPUT', `${file} is not separated by commas.`, [
      {
        file,
        row: 1,
        message: `the header is separated by ${separator === ';' ? '";"' : 'tabs'}.`,
        hint: 'Save the file as CSV with "," between the cells (in a spreadsheet: CSV, comma-delimited).',
      },
    ]);
  }
  const resolved = names.map((name) => byName.get(name.trim()));
  resolved.forEach((column, index) => {
    if (column === undefined) {
      issues.push({
        file,
        column: `#${index + 1}`,
        message: 'unknown column.',
        hint: `Use the column names of the ${tableStem(table.fileName)} table.`,
      });
    }
  });
  const seen = new Set<CsvColumn>();
  resolved.forEach((column, index) => {
    if (column === undefined) return;
    if (seen.has(column)) {
      issues.push({
        file,
        column: `#${index + 1}`,
        message: `repeats the column ${column.name}.`,
        hint: 'Keep one column of each name.',
      });
    }
    seen.add(column);
  });
  for (const column of table.columns) {
    if (column.isRequired && !seen.has(column)) {
      issues.push({ file, column: column.name, message: 'required column is missing.' });
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `${file} does not have the canonical header.`, issues);
  }
  return resolved;
}

/**
 * One row of text cells to a validated record, or undefined with its problems added to `issues`.
 * An empty cell is a field left out (or null where the column says so).
 */
export function decodeTextRow<T>(
  cells: readonly string[],
  header: readonly (CsvColumn | undefined)[],
  table: CsvTable<T>,
  where: RowPlace,
  issues: InputIssue[],
): T | undefined {
  if (cells.length !== header.length) {
    issues.push({
      ...where,
      message:
        `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header has ` +
        `${header.length}.`,
    });
    return undefined;
  }

  // Cells to fields: nested paths rebuild their parent object.
  const fields: Record<string, unknown> = {};
  let hasBadCell = false;
  header.forEach((column, index) => {
    if (column === undefined) return;
    const decoded = decodeCell(cells[index]!, column);
    if (!decoded.isValid) {
      issues.push({ ...where, column: column.name, message: decoded.message });
      hasBadCell = true;
      return;
    }
    if (decoded.value === undefined) return;
    const [parent, child] = column.path;
    if (child === undefined) fields[parent] = decoded.value;
    else fields[parent] = { ...(fields[parent] as object | undefined), [child]: decoded.value };
  });
  if (hasBadCell) return undefined;

  const parsed = table.schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const column = columnOfPath(issue.path, table.columns);
    const isMissing =
      column !== undefined && column.isRequired && fieldOf(fields, column) === undefined;
    issues.push({
      ...where,
      ...(column === undefined ? {} : { column: column.name }),
      message: isMissing ? 'is empty; this column is required.' : issue.message,
    });
  }
  return undefined;
}

function fieldOf(fields: Record<string, unknown>, column: CsvColumn): unknown {
  const top = fields[column.path[0]];
  if (column.path.length === 1) return top;
  return (top as Record<string, unknown> | undefined)?.[column.path[1]];
}

function columnOfPath(
  path: readonly PropertyKey[],
  columns: readonly CsvColumn[],
): CsvColumn | undefined {
  return (
    columns.find((column) => column.path.every((part, i) => path[i] === part)) ??
    columns.find((column) => column.path[0] === path[0])
  );
}
