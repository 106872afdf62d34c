import type { InputIssue } from '../../core/errors.ts';
import type { CsvColumn, CsvTable } from './csvTable.ts';
import { decodeCell } from './decodeCell.ts';
import { zodIssueMessage } from '../../core/zodIssueMessage.ts';

/** Where a row sits, for messages: the file's name and the row number in it. */
export interface RowPlace {
  file: string;
  row: number;
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
      message: isMissing ? 'is empty; this column is required.' : zodIssueMessage(issue),
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
