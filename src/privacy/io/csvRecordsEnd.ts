const quoteByte = 0x22;
const commaByte = 0x2c;
const newlineByte = 0x0a;

/**
 * Where the last complete CSV record in `bytes[0, length)` ends (just after its line break), read
 * as `createCsvParser` reads: a field that starts with a quote runs to the closing quote, `""`
 * being a quote inside, so a line break inside it does not end the record. `bytes` must start at
 * a record. 0 when no record is complete. Quotes are rare in exports, so the lines between them
 * are skipped with `indexOf` (memchr) rather than byte by byte.
 */
export function csvRecordsEnd(bytes: Buffer, length: number): number {
  let position = 0;
  for (;;) {
    const quote = bytes.indexOf(quoteByte, position);
    if (quote < 0 || quote >= length) {
      // (A negative offset would make lastIndexOf search from the buffer's end.)
      if (length <= position) return position;
      const newline = bytes.lastIndexOf(newlineByte, length - 1);
      return newline >= position ? newline + 1 : position;
    }
    // Every line break before the quote's line ends a record.
    const lineBreak = bytes.lastIndexOf(newlineByte, quote);
    if (lineBreak >= position) position = lineBreak + 1;
    const next = csvRecordEnd(bytes, position, length);
    if (next < 0) return position;
    position = next;
  }
}

/** The end of the one record that starts at `start`; -1 when it runs past `length`. */
export function csvRecordEnd(bytes: Buffer, start: number, length: number): number {
  let position = start;
  for (;;) {
    if (position < length && bytes[position] === quoteByte) {
      position++;
      for (;;) {
        const quote = bytes.indexOf(quoteByte, position);
        // A closing quote as the last byte may still be the first half of a doubled one.
        if (quote < 0 || quote + 1 >= length) return -1;
        if (bytes[quote + 1] === quoteByte) {
          position = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
    }
    while (position < length) {
      const byte = bytes[position];
      if (byte === commaByte || byte === newlineByte) break;
      position++;
    }
    if (position >= length) return -1;
    if (bytes[position] === newlineByte) return position + 1;
    position++;
  }
}
