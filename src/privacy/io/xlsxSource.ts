import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.ts';
import type { RowBatch, TableSource } from './tableSource.ts';

const batchRows = 4096;

/**
 * The first worksheet of an XLSX workbook, streamed with exceljs; row 1 is the header.
 * TODO: other worksheets are ignored without a warning, and exceljs keeps the workbook's shared
 * strings in memory, so a very large XLSX needs memory in proportion to its distinct texts.
 */
export function xlsxSource(path: string): TableSource {
  return {
    format: 'xlsx',
    async open(onBytesRead) {
      const totalBytes = (await stat(path)).size;
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'cache',
        worksheets: 'emit',
      });
      const rows = rowsOfFirstSheet(reader);
      const first = await rows.next();
      if (first.done === true) {
        throw new AppError('INVALID_INPUT', `${basename(path)} has no rows.`, [
          { file: basename(path), message: 'expected a header in row 1 of the first sheet.' },
        ]);
      }
      const header = first.value.cells.map((name) => name.trim());

      async function* batches(): AsyncGenerator<RowBatch> {
        let batch: RowBatch = { rows: [], rowNumbers: [] };
        for await (const row of { [Symbol.asyncIterator]: () => rows }) {
          const cells = row.cells;
          while (cells.length < header.length) cells.push('');
          batch.rows.push(cells);
          batch.rowNumbers.push(row.rowNumber);
          if (batch.rows.length >= batchRows) {
            yield batch;
            batch = { rows: [], rowNumbers: [] };
          }
        }
        if (batch.rows.length > 0) yield batch;
        onBytesRead?.(totalBytes);
      }
      return { header, batches: batches() };
    },
  };
}

async function* rowsOfFirstSheet(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
): AsyncGenerator<{ cells: string[]; rowNumber: number }> {
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values;
      const cells: string[] = [];
      // exceljs numbers cells from 1; index 0 is always empty.
      if (Array.isArray(values)) {
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      }
      yield { cells, rowNumber: row.number };
    }
    return;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
    }
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return cellText(value.text);
  }
  return '';
}
