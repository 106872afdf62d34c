import { addBytes, createByteTable, findBytes, hashOfBytes } from '../createByteTable.ts';

/**
 * Numbers for the subjects (persons) a thread meets, by the UTF-8 bytes of their trimmed ids:
 * classes count distinct persons by these numbers, not by a string per person, which made a
 * string, a set entry and garbage for every person of the file. The subjects go to the main
 * thread once, as one block of bytes.
 */
export interface SubjectIds {
  /** The id of the subject written by the trimmed bytes `bytes[from, to)`. */
  idOfBytes(bytes: Uint8Array, from: number, to: number): number;
  idOfText(text: string): number;
  /** Every subject so far, by id: their bytes one after the other, and where each ends. */
  take(): PackedSubjects;
}

export interface PackedSubjects {
  bytes: Uint8Array;
  ends: Int32Array;
}

export function createSubjectIds(): SubjectIds {
  let table = createByteTable();

  const idOfBytes = (bytes: Uint8Array, from: number, to: number): number => {
    const hash = hashOfBytes(bytes, from, to);
    const entry = findBytes(table, bytes, from, to, hash);
    // Entries are numbered in the order added, and their bytes follow each other in the pool.
    return entry >= 0 ? entry : addBytes(table, { bytes, from, to, hash }, 0);
  };

  return {
    idOfBytes,
    idOfText(text) {
      const bytes = Buffer.from(text, 'utf8');
      return idOfBytes(bytes, 0, bytes.length);
    },
    take() {
      const ends = new Int32Array(table.count);
      for (let id = 0; id < table.count; id++) ends[id] = table.starts[id]! + table.lengths[id]!;
      const taken = { bytes: table.pool.slice(0, table.poolLength), ends };
      table = createByteTable();
      return taken;
    },
  };
}

/** The subject `id` of packed subjects, as bytes of `packed.bytes`. */
export function subjectRange(packed: PackedSubjects, id: number): [start: number, end: number] {
  return [id === 0 ? 0 : packed.ends[id - 1]!, packed.ends[id]!];
}
