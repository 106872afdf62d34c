/**
 * `String.prototype.trim` on ASCII bytes: tab, line feed, vertical tab, form feed, carriage
 * return and space are the ASCII characters it removes. Non-ASCII whitespace (a no-break space)
 * never reaches the byte path, which reads cells with non-ASCII bytes as text.
 */
export function asciiTrimStart(bytes: Uint8Array, start: number, end: number): number {
  let from = start;
  while (from < end && isAsciiSpace(bytes[from]!)) from++;
  return from;
}

/** The end of `bytes[start, end)` without trailing ASCII whitespace. */
export function asciiTrimEnd(bytes: Uint8Array, start: number, end: number): number {
  let to = end;
  while (to > start && isAsciiSpace(bytes[to - 1]!)) to--;
  return to;
}

function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}
