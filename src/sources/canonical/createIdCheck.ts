import type { InputIssue } from '../../core/errors.ts';
import type { CsvTable } from './csvTable.ts';
import { tableStem } from './tableFiles.ts';

/** Whether a valid record may be kept; if not, why is added to `issues`. */
export type IdCheck<T> = (record: T, row: number, issues: InputIssue[]) => boolean;

/**
 * Refuses a record whose id an earlier row of the same file had: a repeated employee would count
 * twice in every headcount and rate, a repeated episode twice in the inflow. It runs on decoded
 * records, so every format gets it. The issue names the row of the repeat and the row of the first
 * occurrence, never the id. The ids seen are kept in memory, one map entry per record.
 */
export function createIdCheck<T>(
  table: CsvTable<T>,
  file: string,
  place: 'column' | 'field',
): IdCheck<T> {
  const idField = table.idField;
  if (idField === undefined) return () => true;
  const stem = tableStem(table.fileName);
  const firstRowOf = new Map<string, number>();

  return (record, row, issues) => {
    const id = record[idField] as string;
    const firstRow = firstRowOf.get(id);
    if (firstRow === undefined) {
      firstRowOf.set(id, row);
      return true;
    }
    issues.push({
      file,
      row,
      [place]: idField,
      message: `repeats the ${idField} of row ${firstRow}.`,
      hint:
        `Give each record of the ${stem} table one row with its own ${idField}: ` +
        'remove the repeated row if it is a copy.',
    });
    return false;
  };
}
