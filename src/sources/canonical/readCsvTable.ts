import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { AppError, type InputIssue } from '../../core/errors.ts';
import type { CsvColumn, CsvTable } from './csvTable.ts';
import { decodeCell } from './decodeCell.ts';

export interface ReadCsvTableOptions {
  /** Stop after this many bad rows: past a point more of them tell nothing new. */
  maxIssues?: number;
}

/**
 * Streams the rows of one canonical CSV file as validated records. Valid rows are yielded as they
 * are read; bad rows are collected and, at the end, thrown as one INVALID_INPUT error whose issues
 * name file, row and column. Cell text never appears in a message: it may be personal data.
 */
export async function* readCsvTable<T>(
  path: string,
  table: CsvTable<T>,
  options: ReadCsvTableOptions = {},
): AsyncGenerator<T> {
  const file = basename(path);
  const maxIssues = options.maxIssues ?? 100;
  const issues: InputIssue[] = [];
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
  );

  let header: (CsvColumn | undefined)[] | undefined;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (header === undefined) {
        header = resolveHeader(cells, table, file);
        continue;
      }
      row++;
      const record = decodeRow(cells, header, table, { file, row }, issues);
      if (record !== undefined) yield record;
      if (issues.length >= maxIssues) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // csv-parse stops at text that is not CSV (an unclosed quote); its message quotes the text.
    issues.push({
      file,
      row: row + 1,
      message: 'the file is not valid CSV from here on (for example an unclosed quote).',
      hint: 'Quote cells that hold commas, quotes or line breaks, and double inner quotes.',
    });
  } finally {
    parser.destroy();
  }

  if (header === undefined) {
    throw new AppError('INVALID_INPUT', `${file} is empty; it needs a header row.`, [
      { file, message: 'no header row.' },
    ]);
  }
  if (issues.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${file} has ${issues.length >= maxIssues ? 'at least ' : ''}${issues.length} invalid cells; fix them and read it again.`,
      issues,
    );
  }
}

function resolveHeader<T>(
  cells: string[],
  table: CsvTable<T>,
  file: string,
): (CsvColumn | undefined)[] {
  const issues: InputIssue[] = [];
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const resolved = cells.map((name) => byName.get(name.trim()));
  resolved.forEach((column, index) => {
    if (column === undefined) {
      issues.push({
        file,
        column: `#${index + 1}`,
        message: 'unknown column.',
        hint: `Use the column names of the ${table.fileName} layout.`,
      });
    }
  });
  for (const column of table.columns) {
    if (column.isRequired && !resolved.includes(column)) {
      issues.push({ file, column: column.name, message: 'required column is missing.' });
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `${file} does not have the canonical header.`, issues);
  }
  return resolved;
}

function decodeRow<T>(
  cells: string[],
  header: readonly (CsvColumn | undefined)[],
  table: CsvTable<T>,
  where: { file: string; row: number },
  issues: InputIssue[],
): T | undefined {
  if (cells.length !== header.length) {
    issues.push({
      ...where,
      message: `the row has ${cells.length} cells where the header has ${header.length}.`,
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
    issues.push({
      ...where,
      ...(column === undefined ? {} : { column: column.name }),
      message: issue.message,
    });
  }
  return undefined;
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
