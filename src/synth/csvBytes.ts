/**
 * CSV cells written straight into UTF-8 bytes, with the rules of `encodeCell`: RFC 4180 quoting
 * only where the text needs it, numbers as String writes them. The synthetic files have tens of
 * millions of cells; building each row as a string, then the block as a string, and then
 * converting it to bytes cost more CPU than drawing the rows, most of it in the garbage collector.
 */
export class CsvBytes {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** A text cell; undefined and null are empty. */
  text(value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    const count = value.length;
    this.reserve(count);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < count; i++) {
      const code = value.charCodeAt(i);
      // Quotes, commas and line breaks need quoting; anything beyond ASCII needs the encoder.
      if (code >= 0x80 || code === 0x22 || code === 0x2c || code === 0x0a || code === 0x0d) {
        this.slowText(value);
        return;
      }
      bytes[at++] = code;
    }
    this.length = at;
  }

  /** Text written as it is, never quoted (the parts of a recoveries cell, say). */
  raw(value: string): void {
    this.reserve(value.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        this.encode(value);
        return;
      }
      bytes[at++] = code;
    }
    this.length = at;
  }

  /** A number cell as String(value) writes it; undefined is empty. */
  number(value: number | undefined): void {
    if (value === undefined) return;
    if (Number.isInteger(value) && value >= 0 && value < 2_147_483_648) {
      this.wholeNumber(value);
      return;
    }
    this.raw(String(value));
  }

  /** String(p) for whole millionths in (0, 1), the truth file's probabilities; others via String. */
  probability(p: number): void {
    const millionths = Math.round(p * 1e6);
    if (millionths / 1e6 !== p || millionths <= 0 || millionths >= 1e6) {
      this.raw(String(p));
      return;
    }
    let digits = millionths;
    let width = 6;
    while (digits % 10 === 0) {
      digits /= 10;
      width--;
    }
    this.reserve(8);
    const bytes = this.bytes;
    bytes[this.length++] = 0x30;
    bytes[this.length++] = 0x2e;
    for (let i = width - 1; i >= 0; i--) {
      bytes[this.length + i] = 0x30 + (digits % 10);
      digits = Math.floor(digits / 10);
    }
    this.length += width;
  }

  boolean(value: boolean | undefined): void {
    if (value !== undefined) this.raw(value ? 'true' : 'false');
  }

  /** One ASCII character: a comma, a newline, a separator. */
  char(code: number): void {
    this.reserve(1);
    this.bytes[this.length++] = code;
  }

  /** The bytes so far, as a view on this writer's own buffer (safe to transfer). */
  finish(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private wholeNumber(value: number): void {
    this.reserve(10);
    const bytes = this.bytes;
    let digitCount = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digitCount++;
    let rest = value;
    for (let i = digitCount - 1; i >= 0; i--) {
      bytes[this.length + i] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length += digitCount;
  }

  private slowText(value: string): void {
    this.encode(/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  }

  private encode(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    this.reserve(3 * text.length);
    this.length += this.encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  private reserve(byteCount: number): void {
    if (this.length + byteCount <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.length + byteCount));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
