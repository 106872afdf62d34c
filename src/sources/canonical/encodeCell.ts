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
