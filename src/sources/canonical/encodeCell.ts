import type { CsvColumn } from './csvTable.ts';

/** Reads a column's field from a record; records are plain objects at this boundary. */
export function fieldOf(record: unknown, column: CsvColumn): unknown {
  const top = (record as Record<string, unknown>)[column.path[0]];
  if (column.path.length === 1) return top;
  return top === undefined || top === null
    ? undefined
    : (top as Record<string, unknown>)[column.path[1]];
}

const needsQuoting = /[",\r\n]/;

/** The cell text of a field value; RFC 4180 quoting only where the text needs it. */
export function encodeCell(value: unknown, column: CsvColumn): string {
  if (value === undefined || value === null) return '';
  switch (column.kind) {
    case 'number':
    case 'integer':
      return String(value);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'recoveries':
      return (value as readonly { date: string; workingPct: number }[])
        .map((recovery) => `${recovery.date}:${recovery.workingPct}`)
        .join('|');
    case 'text': {
      const text = String(value);
      return needsQuoting.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    }
  }
}

type CellEncoder = (record: unknown) => string;

/**
 * The text of whole rows of one table, newline included: the same cells as `encodeCell`, with the
 * choice of field path and cell kind made once per column rather than once per cell (the
 * synthetic-workforce generator writes tens of millions of cells).
 */
export function createRowEncoder(columns: readonly CsvColumn[]): (record: unknown) => string {
  const cells = columns.map(cellEncoderOf);
  const count = cells.length;
  return (record) => {
    let line = count === 0 ? '' : cells[0]!(record);
    for (let i = 1; i < count; i++) line += ',' + cells[i]!(record);
    return line + '\n';
  };
}

function cellEncoderOf(column: CsvColumn): CellEncoder {
  const encodeValue = valueEncoderOf(column);
  const [key, nestedKey] = column.path;
  if (nestedKey === undefined) {
    return (record) => encodeValue((record as Record<string, unknown>)[key]);
  }
  return (record) => {
    const top = (record as Record<string, unknown>)[key];
    return top === undefined || top === null
      ? ''
      : encodeValue((top as Record<string, unknown>)[nestedKey]);
  };
}

function valueEncoderOf(column: CsvColumn): (value: unknown) => string {
  switch (column.kind) {
    case 'number':
    case 'integer':
      return (value) => (value === undefined || value === null ? '' : String(value));
    case 'boolean':
      return (value) =>
        value === undefined || value === null ? '' : value === true ? 'true' : 'false';
    case 'recoveries':
    case 'text':
      return (value) => (value === undefined || value === null ? '' : encodeCell(value, column));
  }
}
