/**
 * A hash table from byte strings to integers, for dictionaries that a large CSV is looked up in
 * cell by cell (a column's distinct values, the pseudonym cache): a repeated value costs a hash of
 * a few bytes and no string. Keys live in one byte pool; open addressing with linear probing.
 * The functions are plain functions on the table's state, not closures: V8 compiles such hot
 * loops better (a closure's loop ran at half the speed).
 */
export interface ByteTable {
  /** Per slot an entry + 1; 0 is free. Twice as many slots as entries at most. */
  slots: Int32Array;
  hashes: Int32Array;
  starts: Int32Array;
  lengths: Int32Array;
  values: Int32Array;
  pool: Uint8Array;
  poolLength: number;
  count: number;
}

const initialSlots = 1024;

export function createByteTable(): ByteTable {
  return {
    slots: new Int32Array(initialSlots),
    hashes: new Int32Array(initialSlots / 2),
    starts: new Int32Array(initialSlots / 2),
    lengths: new Int32Array(initialSlots / 2),
    values: new Int32Array(initialSlots / 2),
    pool: new Uint8Array(1 << 14),
    poolLength: 0,
    count: 0,
  };
}

/** FNV-1a: quick on the few bytes of a cell, and spread well enough for a linear probe. */
export function hashOfBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash & 0x7fff_ffff;
}

/** The entry holding `bytes[from, to)` (whose hash is `hash`), or -1. */
export function findBytes(
  table: ByteTable,
  bytes: Uint8Array,
  from: number,
  to: number,
  hash: number,
): number {
  const { slots, hashes, starts, lengths, pool } = table;
  const length = to - from;
  const mask = slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot]! - 1;
    if (entry < 0) return -1;
    if (hashes[entry] !== hash || lengths[entry] !== length) continue;
    const at = starts[entry]! - from;
    let i = from;
    while (i < to && pool[at + i] === bytes[i]) i++;
    if (i === to) return entry;
  }
}

/**
 * Adds `bytes[from, to)` with a value and `extraBytes` more room in the pool right after the key
 * (for a value of bytes, such as a pseudonym); returns the entry.
 */
export function addBytes(
  table: ByteTable,
  key: { bytes: Uint8Array; from: number; to: number; hash: number },
  value: number,
  extraBytes = 0,
): number {
  if ((table.count + 1) * 2 > table.slots.length) growSlots(table);
  const length = key.to - key.from;
  if (table.poolLength + length + extraBytes > table.pool.length) {
    const needed = table.poolLength + length + extraBytes;
    const larger = new Uint8Array(Math.max(table.pool.length * 2, needed * 2));
    larger.set(table.pool.subarray(0, table.poolLength));
    table.pool = larger;
  }
  const entry = table.count++;
  const start = table.poolLength;
  const { pool } = table;
  for (let i = 0; i < length; i++) pool[start + i] = key.bytes[key.from + i]!;
  table.poolLength += length + extraBytes;
  table.hashes[entry] = key.hash;
  table.starts[entry] = start;
  table.lengths[entry] = length;
  table.values[entry] = value;
  placeEntry(table, entry);
  return entry;
}

function placeEntry(table: ByteTable, entry: number): void {
  const { slots } = table;
  const mask = slots.length - 1;
  let slot = table.hashes[entry]! & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  slots[slot] = entry + 1;
}

function growSlots(table: ByteTable): void {
  const size = table.slots.length;
  table.slots = new Int32Array(size * 2);
  table.hashes = resized(table.hashes, size);
  table.starts = resized(table.starts, size);
  table.lengths = resized(table.lengths, size);
  table.values = resized(table.values, size);
  for (let entry = 0; entry < table.count; entry++) placeEntry(table, entry);
}

function resized(array: Int32Array, size: number): Int32Array {
  const larger = new Int32Array(size);
  larger.set(array);
  return larger;
}
