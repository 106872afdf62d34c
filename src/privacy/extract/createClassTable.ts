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

interface ClassTableState {
  width: number;
  /** Per slot a class + 1; 0 is free. */
  slots: Int32Array;
  keys: Int32Array;
  hashes: Int32Array;
  size: number;
  /** The class found last; -1 before the first. */
  last: number;
}

export function createClassTable(width: number): ClassTable {
  const state: ClassTableState = {
    width,
    slots: new Int32Array(1024),
    keys: new Int32Array(512 * Math.max(1, width)),
    hashes: new Int32Array(512),
    size: 0,
    last: -1,
  };
  return {
    indexOf: (codes) => indexOfCodes(state, codes),
    get size() {
      return state.size;
    },
    codeOf: (index, q) => state.keys[index * width + q]!,
  };
}

// Plain functions on the state, not closures: V8 compiled the closures' loops to slower code,
// and this runs for every row of both passes.

function indexOfCodes(state: ClassTableState, codes: Int32Array): number {
  const { width, slots, keys, hashes, last } = state;
  // A person's rows usually follow each other, in one class: the last class first.
  if (last >= 0) {
    let q = 0;
    while (q < width && keys[last * width + q] === codes[q]) q++;
    if (q === width) return last;
  }
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
    if (q === width) return (state.last = index);
  }
  return (state.last = addCodes(state, codes, hash));
}

function addCodes(state: ClassTableState, codes: Int32Array, hash: number): number {
  if ((state.size + 1) * 2 > state.slots.length) grow(state);
  const index = state.size++;
  state.keys.set(codes.subarray(0, state.width), index * state.width);
  state.hashes[index] = hash;
  place(state, index);
  return index;
}

function place(state: ClassTableState, index: number): void {
  const { slots } = state;
  const mask = slots.length - 1;
  let slot = state.hashes[index]! & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = index + 1;
}

function grow(state: ClassTableState): void {
  state.slots = new Int32Array(state.slots.length * 2);
  const keys = new Int32Array(state.keys.length * 2);
  keys.set(state.keys);
  state.keys = keys;
  const hashes = new Int32Array(state.hashes.length * 2);
  hashes.set(state.hashes);
  state.hashes = hashes;
  for (let index = 0; index < state.size; index++) place(state, index);
}
