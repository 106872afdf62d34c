import { AppError, type InputIssue } from '../../core/errors.ts';
import type { CsvColumn, CsvTable } from './csvTable.ts';
import { tableStem } from './tableFiles.ts';

/**
 * Matches a header row of text cells (CSV, XLSX, Parquet) to the table's columns. A header cell
 * may hold data (a shifted file, a record where the header should be), and a short id or a name
 * cannot be told from a column name by its look. So a cell is quoted only when it is a column
 * name of the table or a near miss of one (`start_date`, `startDt`); any other is named by its
 * position (`#4`). A header in which no cell is a column name is refused as a whole.
 */
export function resolveHeader<T>(
  names: readonly string[],
  table: CsvTable<T>,
  file: string,
): (CsvColumn | undefined)[] {
  const stem = tableStem(table.fileName);
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const cells = names.map((name) => name.trim());
  const resolved = cells.map((name) => byName.get(name));
  const columnNames = table.columns.map((column) => column.name).join(', ');

  // One header cell holding known names joined by ";" or a tab: another separator than ",".
  // Spreadsheets with a Dutch locale save CSV with ";", so this is the common mistake.
  const separator = cells.length === 1 ? [';', '\t'].find((s) => cells[0]!.includes(s)) : undefined;
  if (separator !== undefined && cells[0]!.split(separator).some((n) => byName.has(n.trim()))) {
    throw new AppError('INVALID_INPUT', `${file} is not separated by commas.`, [
      {
        file,
        row: 1,
        message: `the header is separated by ${separator === ';' ? '";"' : 'tabs'}.`,
        hint: 'Save the file as CSV with "," between the cells (in a spreadsheet: CSV, comma-delimited).',
      },
    ]);
  }

  if (resolved.every((column) => column === undefined)) {
    throw new AppError('INVALID_INPUT', `${file} does not start with a header row.`, [
      {
        file,
        row: 1,
        message: `no cell of the first row is a column name of the ${stem} table: the row is a record, or the columns have other names.`,
        hint: `Put a header row first, with the column names ${columnNames}.`,
      },
    ]);
  }

  const absent = table.columns.filter((column) => !resolved.includes(column));
  const meantAt = cells.map((cell, index) =>
    resolved[index] === undefined && looksLikeName(cell) ? likelyMeant(cell, absent) : undefined,
  );
  const label = (index: number): string =>
    resolved[index] !== undefined || meantAt[index] !== undefined ? cells[index]! : `#${index + 1}`;
  const issues: InputIssue[] = [];

  // Step 1: cells that are no column of the table, with the column each was likely meant as.
  const unknown: { index: number; meant: CsvColumn | undefined }[] = [];
  resolved.forEach((column, index) => {
    if (column !== undefined) return;
    const meant = meantAt[index];
    unknown.push({ index, meant });
    issues.push({
      file,
      row: 1,
      column: label(index),
      message: `is not a column of the ${stem} table (header cell ${index + 1}).`,
      hint:
        meant === undefined
          ? `Rename it to one of ${columnNames}, or remove the column.`
          : `If it holds ${meant.name}, rename it to ${meant.name}; otherwise remove the column.`,
    });
  });

  // Step 2: a column named twice, which would leave it unclear which cell holds the field.
  const firstIndex = new Map<CsvColumn, number>();
  resolved.forEach((column, index) => {
    if (column === undefined) return;
    const first = firstIndex.get(column);
    if (first === undefined) {
      firstIndex.set(column, index);
      return;
    }
    issues.push({
      file,
      row: 1,
      column: column.name,
      message: `appears twice in the header (cells ${first + 1} and ${index + 1}).`,
      hint: 'Keep one column of each name.',
    });
  });

  // Step 3: required columns the header lacks, with what it has instead.
  const headerText = cells.map((_, index) => label(index)).join(', ');
  for (const column of table.columns) {
    if (!column.isRequired || firstIndex.has(column)) continue;
    const renamed = unknown.find((cell) => cell.meant === column);
    issues.push({
      file,
      row: 1,
      column: column.name,
      message: `the required column ${column.name} is missing; the header has ${headerText}.`,
      hint:
        renamed === undefined
          ? `Add a column ${column.name}: no row of the ${stem} table is valid without it.`
          : `Rename the column "${label(renamed.index)}" to ${column.name}.`,
    });
  }

  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `${file} does not have the canonical header.`, issues);
  }
  return resolved;
}

/**
 * Whether a header cell reads as a column name, to be matched to one: it starts with a letter,
 * holds only letters, digits, spaces and `_ . - ( ) /`, is at most 64 characters long and has no
 * run of three digits (ids, dates, postcodes and phone numbers have one; `ICD10` does not).
 */
function looksLikeName(text: string): boolean {
  return /^\p{L}[\p{L}\p{N} _.()/-]{0,63}$/u.test(text) && !/\p{N}{3}/u.test(text);
}

/**
 * The column an unknown header name was likely meant as, among those the header lacks: the same
 * name in another case or with separators (`start_date`, `StartDate`), else the nearest at most
 * two letters apart (`startDt`).
 */
function likelyMeant(text: string, columns: readonly CsvColumn[]): CsvColumn | undefined {
  const cell = normalised(text);
  const same = columns.find((column) => normalised(column.name) === cell);
  if (same !== undefined || cell.length < 5) return same;
  let nearest: CsvColumn | undefined;
  let nearestDistance = 3;
  for (const column of columns) {
    const distance = editDistance(cell, normalised(column.name));
    if (distance < nearestDistance) {
      nearest = column;
      nearestDistance = distance;
    }
  }
  return nearest;
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Levenshtein distance, by one row of the dynamic programme: header names are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
