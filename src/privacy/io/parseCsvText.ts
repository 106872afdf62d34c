/**
 * An incremental CSV parser (RFC 4180: comma, double quotes, doubled quotes inside, line breaks
 * inside quotes, CRLF or LF). Written here because csv-parse read a million rows in 4.5 s on this
 * machine and the extract reads its input twice; lines without a quote take a fast path through
 * `split`, which is most lines of an export.
 */
export interface CsvParser {
  /** Parses all complete records in the text so far; keeps an unfinished one for the next call. */
  push(text: string, into: string[][]): void;
  /** Parses what is left at the end of the input. */
  end(into: string[][]): void;
  /** True when the input ended inside a quoted field. */
  isUnterminated(): boolean;
}

export function createCsvParser(
  options: {
    /** False for text that does not start a file, such as a chunk from the middle of one. */
    isFileStart?: boolean;
  } = {},
): CsvParser {
  let pending = '';
  let isFirstChunk = options.isFileStart ?? true;
  let isUnterminated = false;

  const parse = (text: string, into: string[][], isFinal: boolean): string => {
    let position = 0;
    const length = text.length;
    // Where the next quote is, searched again only once passed: a search per line would make a
    // chunk without quotes quadratic.
    let quote = -2;
    while (position < length) {
      let newline = text.indexOf('\n', position);
      if (newline < 0) {
        if (!isFinal) return text.slice(position);
        newline = length;
      }
      if (quote !== -1 && quote < position) quote = text.indexOf('"', position);
      if (quote < 0 || quote > newline) {
        let end = newline;
        if (end > position && text.charCodeAt(end - 1) === 13) end--;
        if (end > position) into.push(text.slice(position, end).split(','));
        position = newline + 1;
        continue;
      }
      const record = parseQuotedRecord(text, position, isFinal);
      if (record === undefined) {
        if (isFinal) {
          isUnterminated = true;
          return '';
        }
        return text.slice(position);
      }
      into.push(record.fields);
      position = record.next;
    }
    return '';
  };

  return {
    push(text, into) {
      let chunk = text;
      if (isFirstChunk) {
        isFirstChunk = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      pending = parse(pending + chunk, into, false);
    },
    end(into) {
      pending = parse(pending, into, true);
    },
    isUnterminated: () => isUnterminated,
  };
}

/** One record that has a quote somewhere; undefined when the text ends before the record does. */
function parseQuotedRecord(
  text: string,
  start: number,
  isFinal: boolean,
): { fields: string[]; next: number } | undefined {
  const fields: string[] = [];
  let field = '';
  let position = start;
  const length = text.length;
  for (;;) {
    if (position < length && text[position] === '"') {
      // A quoted field: up to the closing quote; "" is a quote inside.
      position++;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote < 0) return undefined;
        field += text.slice(position, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          position = quote + 2;
          continue;
        }
        if (quote + 1 >= length && !isFinal) return undefined;
        position = quote + 1;
        break;
      }
    }
    // The unquoted rest of the field, up to a comma or the end of the line.
    while (position < length) {
      const char = text.charCodeAt(position);
      if (char === 44 || char === 10) break;
      if (char !== 13 || text.charCodeAt(position + 1) !== 10) field += text[position];
      position++;
    }
    fields.push(field);
    field = '';
    if (position >= length) {
      return isFinal ? { fields, next: length } : undefined;
    }
    if (text.charCodeAt(position) === 10) return { fields, next: position + 1 };
    position++;
  }
}
