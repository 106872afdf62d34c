import type { z } from 'zod';

/**
 * How a cell is written and read back. Canonical records are flat apart from a few nested fields;
 * each column names the path of its field, so `medical.diagnosisCode` becomes the column
 * `diagnosisCode` and partial recoveries one cell `2024-01-03:50|2024-01-20:100`.
 */
export type CellKind = 'text' | 'number' | 'integer' | 'boolean' | 'recoveries';

export interface CsvColumn {
  /** The header name: the field's own name, without the path of its parent. */
  name: string;
  path: readonly [string] | readonly [string, string];
  kind: CellKind;
  /** What an empty cell stands for: a field left out, or an explicit null (an open end date). */
  emptyIs: 'absent' | 'null';
  /** A file without this column cannot hold valid rows at all. */
  isRequired: boolean;
}

/** The names of the text fields of a record, of which one may be its id. */
export type TextFieldOf<T> = {
  [K in keyof T]-?: T[K] extends string ? K : never;
}[keyof T] &
  string;

/** One CSV file of the canonical layout: its columns in header order and the schema of a row. */
export interface CsvTable<T> {
  fileName: string;
  columns: readonly CsvColumn[];
  schema: z.ZodType<T>;
  /**
   * The field (and column) that names a record, when the table has one: a second row with the
   * same value is the record again, which would be counted twice, and is refused.
   */
  idField?: TextFieldOf<T>;
}

export function column(
  name: string,
  kind: CellKind,
  options: { path?: CsvColumn['path']; emptyIs?: CsvColumn['emptyIs']; isRequired?: boolean } = {},
): CsvColumn {
  return {
    name,
    path: options.path ?? [name],
    kind,
    emptyIs: options.emptyIs ?? 'absent',
    isRequired: options.isRequired ?? false,
  };
}
