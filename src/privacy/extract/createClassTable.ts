/**
 * The classes of a thread's rows, keyed by the codes of their quasi-identifiers: an
 * open-addressing table on tuples of integers, so that finding a row's class makes no key string.
 * Strings are made once per class when the classes are handed over.
 */
export interface ClassTable {
  /** The index of the class with these codes (the first `width`), added when new. */
  indexOf(codes: Int32Array): number;
  /** Classes so far; indexes run from 0. */
  readonly size: number;
  /** Code `q` of class `index`. */
  codeOf(index: number, q: number): number;
}

export function createClassTable(width: number): ClassTable {
  let slots = new Int32Array(1024);
  let keys = new Int32Array(512 * width);
  let hashes = new Int32Array(512);
  let size = 0;

  const place = (index: number, hash: number): void => {
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = index + 1;
  };

  const grow = (): void => {
    slots = new Int32Array(slots.length * 2);
    const larger = new Int32Array(keys.length * 2);
    larger.set(keys);
    keys = larger;
    const largerHashes = new Int32Array(hashes.length * 2);
    largerHashes.set(hashes);
    hashes = largerHashes;
    for (let index = 0; index < size; index++) place(index, hashes[index]!);
  };

  return {
    indexOf(codes) {
      let hash = 0x811c9dc5;
      for (let q = 0; q < width; q++) hash = Math.imul(hash ^ codes[q]!, 0x01000193);
      hash = (hash ^ (hash >>> 15)) & 0x7fff_ffff;
      const mask = slots.length - 1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const index = slots[slot]! - 1;
        if (index < 0) break;
        if (hashes[index] !== hash) continue;
        let q = 0;
        while (q < width && keys[index * width + q] === codes[q]) q++;
        if (q === width) return index;
      }
      if ((size + 1) * 2 > slots.length) grow();
      keys.set(codes.subarray(0, width), size * width);
      hashes[size] = hash;
      place(size, hash);
      return size++;
    },
    get size() {
      return size;
    },
    codeOf: (index, q) => keys[index * width + q]!,
  };
}
