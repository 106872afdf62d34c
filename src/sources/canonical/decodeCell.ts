import type { CsvColumn } from './csvTable.ts';

/** A decoded cell, or why it could not be decoded; the message never repeats the cell's text. */
export type DecodedCell = { isValid: true; value: unknown } | { isValid: false; message: string };

const numberPattern = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const recoveryPattern = /^(\d{4}-\d{2}-\d{2}):(-?\d+(\.\d+)?)$/;

export function decodeCell(text: string, column: CsvColumn): DecodedCell {
  if (text === '') return { isValid: true, value: column.emptyIs === 'null' ? null : undefined };
  switch (column.kind) {
    case 'text':
      return { isValid: true, value: text };
    case 'number':
    case 'integer': {
      if (!numberPattern.test(text)) {
        return { isValid: false, message: 'not a number; write digits with a dot for decimals.' };
      }
      return { isValid: true, value: Number(text) };
    }
    case 'boolean':
      if (text === 'true') return { isValid: true, value: true };
      if (text === 'false') return { isValid: true, value: false };
      return { isValid: false, message: 'not a boolean; write true or false.' };
    case 'recoveries': {
      const recoveries = [];
      for (const part of text.split('|')) {
        const match = recoveryPattern.exec(part);
        if (match === null) {
          return {
            isValid: false,
            message: 'not a list of recoveries; write YYYY-MM-DD:percentage pairs separated by |.',
          };
        }
        recoveries.push({ date: match[1]!, workingPct: Number(match[2]) });
      }
      return { isValid: true, value: recoveries };
    }
  }
}
