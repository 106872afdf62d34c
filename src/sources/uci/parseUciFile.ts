import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError, type InputIssue } from '../../core/errors.ts';
import { uciColumns, type UciRow } from './uciColumns.ts';

const maxIssues = 50;

/**
 * Reads a UCI "Absenteeism at work" file and checks every cell: the `;` delimiter, the exact set of
 * columns, numbers within their ranges. Any problem refuses the whole file with every issue found
 * (up to 50), each naming file, row and column; cell values are never repeated in a message.
 */
export async function parseUciFile(path: string): Promise<UciRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const isFolder = (error as NodeJS.ErrnoException).code === 'EISDIR';
    throw new AppError(
      isFolder ? 'INVALID_ARGUMENT' : 'NOT_FOUND',
      `Cannot read the data file ${basename(path)}.`,
      [
        isFolder
          ? {
              file: path,
              message: 'is a folder, not a UCI file.',
              hint: 'For a folder of canonical tables, add --format canonical.',
            }
          : { file: path, message: 'The file does not exist or is not readable.' },
      ],
    );
  }
  return parseUciText(text, basename(path));
}

export function parseUciText(text: string, file: string): UciRow[] {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') {
    throw new AppError('INVALID_INPUT', `The data file ${file} is empty.`, [
      { file, message: 'The file has no header and no rows.', hint: uciHint },
    ]);
  }

  let records: string[][];
  try {
    records = parse(content, { delimiter: ';', relax_column_count: true, skip_empty_lines: true });
  } catch {
    throw new AppError('INVALID_INPUT', `The data file ${file} is not readable as CSV.`, [
      { file, message: 'The text could not be split into rows and cells.', hint: uciHint },
    ]);
  }

  const header = (records[0] ?? []).map((cell) => cell.trim());
  const positions = checkHeader(header, file);
  const rows = records.slice(1);
  if (rows.length === 0) {
    throw new AppError('INVALID_INPUT', `The data file ${file} has a header but no rows.`, [
      { file, message: 'No data rows below the header.', hint: 'Add at least one absence row.' },
    ]);
  }

  const issues: InputIssue[] = [];
  const parsed: UciRow[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (issues.length >= maxIssues) return;
    if (cells.length !== header.length) {
      issues.push({
        file,
        row,
        message: `has ${cells.length} cells where the header has ${header.length}.`,
        hint: 'Every row needs one value per column, separated by ";".',
      });
      return;
    }
    const values: Partial<UciRow> = {};
    for (const [i, column] of uciColumns.entries()) {
      const cell = (cells[positions[i]!] ?? '').trim();
      const value = cell === '' ? Number.NaN : Number(cell);
      const problem = checkValue(value, column);
      if (problem !== undefined) {
        issues.push({ file, row, column: column.header, ...problem });
        continue;
      }
      values[column.key] = value;
    }
    parsed.push(values as UciRow);
  });

  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `The data file ${file} has invalid values.`, issues);
  }
  return parsed;
}

const uciHint =
  'Expected the UCI "Absenteeism at work" layout: a header of 21 named columns, separated by ";".';

function checkHeader(header: readonly string[], file: string): number[] {
  if (header.length === 1) {
    const only = header[0] ?? '';
    const delimiter = only.includes(',') ? '","' : only.includes('\t') ? 'a tab' : undefined;
    throw new AppError('INVALID_INPUT', `The data file ${file} is not separated by ";".`, [
      {
        file,
        row: 1,
        message:
          delimiter === undefined
            ? 'The header has a single column.'
            : `The header appears to be separated by ${delimiter}.`,
        hint: 'Save the file with ";" between the values, as in the original UCI file.',
      },
    ]);
  }

  const expected = new Set<string>(uciColumns.map((column) => column.header));
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!expected.has(name)) {
      issues.push({
        file,
        row: 1,
        column: name,
        message: 'is not a column of the UCI layout.',
        hint: 'Remove it or rename it to one of the documented columns.',
      });
    } else if (seen.has(name)) {
      issues.push({ file, row: 1, column: name, message: 'appears twice in the header.' });
    }
    seen.add(name);
  }
  for (const column of uciColumns) {
    if (!seen.has(column.header)) {
      issues.push({
        file,
        row: 1,
        column: column.header,
        message: 'is missing from the header.',
        hint: 'Add the column; every UCI column is required.',
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError('INVALID_INPUT', `The data file ${file} has the wrong columns.`, issues);
  }
  return uciColumns.map((column) => header.indexOf(column.header));
}

function checkValue(
  value: number,
  column: (typeof uciColumns)[number],
): { message: string; hint: string } | undefined {
  if (!Number.isFinite(value)) {
    return { message: 'is empty or not a number.', hint: 'Use digits with "." as decimal mark.' };
  }
  if ('isInteger' in column && column.isInteger && !Number.isInteger(value)) {
    return { message: 'must be a whole number.', hint: 'Remove the decimals.' };
  }
  if (value < column.min || value > column.max) {
    return {
      message: `is outside the range ${column.min} to ${column.max}.`,
      hint: 'Check the unit and the coding of this column.',
    };
  }
  return undefined;
}
