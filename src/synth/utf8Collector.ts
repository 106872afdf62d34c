/** Gathers text as UTF-8 bytes in one growing buffer. */
export interface Utf8Collector {
  append(text: string): void;
  /** Everything appended, as a view on the collector's own buffer (safe to transfer). */
  finish(): Uint8Array;
}

/**
 * Text is turned into bytes every few kilobytes. A block's rows kept as one long string would be
 * a tree of small pieces that lives long enough to be promoted and copied by the garbage
 * collector; that cost a third of the generator's time.
 */
const pendingLimitChars = 16_384;
const initialBytes = 1 << 16;

export function createUtf8Collector(): Utf8Collector {
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(initialBytes);
  let length = 0;
  let pending = '';

  const settle = (): void => {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const needed = length + 3 * pending.length;
    if (needed > bytes.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * bytes.length));
      grown.set(bytes.subarray(0, length));
      bytes = grown;
    }
    length += encoder.encodeInto(pending, bytes.subarray(length)).written;
    pending = '';
  };

  return {
    append(text) {
      pending += text;
      if (pending.length >= pendingLimitChars) settle();
    },
    finish() {
      settle();
      return bytes.subarray(0, length);
    },
  };
}
