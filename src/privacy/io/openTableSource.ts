import { extname, basename } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { csvSource } from './csvSource.ts';
import type { TableFormat, TableSource } from './tableSource.ts';

export function tableFormatOf(
  path: string,
  field: string,
  formats: readonly TableFormat[],
): TableFormat {
  const extension = extname(path).toLowerCase().slice(1);
  const format = extension === 'parq' ? 'parquet' : extension;
  if ((formats as readonly string[]).includes(format)) return format as TableFormat;
  throw new AppError('INVALID_ARGUMENT', `Unsupported file type of ${basename(path)}.`, [
    { field, message: `must end in ${formats.map((f) => `.${f}`).join(', ')}.` },
  ]);
}

/**
 * A reader for a CSV, XLSX or Parquet file, chosen by its extension. DuckDB and exceljs are loaded
 * only when their format is read: together they took about a second of a CSV run's start.
 */
export function openTableSource(path: string): TableSource {
  const format = tableFormatOf(path, '--in', ['csv', 'xlsx', 'parquet']);
  switch (format) {
    case 'csv':
      return csvSource(path);
    case 'xlsx':
      return {
        format,
        open: async (onBytesRead) =>
          (await import('./xlsxSource.ts')).xlsxSource(path).open(onBytesRead),
      };
    case 'parquet':
      return {
        format,
        open: async (onBytesRead) =>
          (await import('./parquetSource.ts')).parquetSource(path).open(onBytesRead),
      };
  }
}
