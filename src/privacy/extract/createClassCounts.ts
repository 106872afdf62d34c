import type { PackedSubjects, SubjectIds } from './createSubjectIds.ts';

/**
 * A thread's quasi-identifier classes as they leave it: keys, rows, and per class its distinct
 * subjects as ids into the thread's packed subjects. Typed arrays and a few strings, so that the
 * copy to the main thread is cheap.
 */
export interface TakenClasses {
  keys: string[];
  rows: number[];
  subjects: TakenSubjects | undefined;
}

export interface TakenSubjects {
  /** Class `i`'s subjects are `ids[starts[i]]` to `ids[starts[i + 1] - 1]`. */
  starts: Int32Array;
  ids: Int32Array;
  packed: PackedSubjects;
}

/** Rows per class and the (class, subject) pairs met, for classes numbered from 0. */
export interface ClassCounts {
  /** Counts a row of class `index`, and its subject unless `subject` is -1. */
  add(index: number, subject: number): void;
  /** The classes so far with these keys (by index), handed over; counting starts afresh. */
  take(keys: readonly string[]): TakenClasses;
}

export function createClassCounts(subjectIds: SubjectIds | undefined): ClassCounts {
  let rows: number[] = [];
  let pairs = new Int32Array(1 << 12);
  let pairCount = 0;

  return {
    add(index, subject) {
      while (rows.length <= index) rows.push(0);
      rows[index]!++;
      if (subject < 0) return;
      if (pairCount * 2 + 2 > pairs.length) {
        const larger = new Int32Array(pairs.length * 2);
        larger.set(pairs);
        pairs = larger;
      }
      pairs[pairCount * 2] = index;
      pairs[pairCount * 2 + 1] = subject;
      pairCount++;
    },
    take(keys) {
      const subjects =
        subjectIds === undefined ? undefined : groupPairs(pairs, pairCount, keys.length);
      const taken: TakenClasses = {
        keys: [...keys],
        rows: keys.map((_, i) => rows[i] ?? 0),
        subjects:
          subjects === undefined || subjectIds === undefined
            ? undefined
            : { ...subjects, packed: subjectIds.take() },
      };
      rows = [];
      pairCount = 0;
      return taken;
    },
  };
}

/** The pairs by class, each class's subjects once: a counting sort, then a mark per subject. */
function groupPairs(
  pairs: Int32Array,
  pairCount: number,
  classCount: number,
): { starts: Int32Array; ids: Int32Array } {
  const starts = new Int32Array(classCount + 1);
  let maxId = -1;
  for (let p = 0; p < pairCount; p++) {
    starts[pairs[p * 2]! + 1]!++;
    maxId = Math.max(maxId, pairs[p * 2 + 1]!);
  }
  for (let i = 0; i < classCount; i++) starts[i + 1]! += starts[i]!;
  const grouped = new Int32Array(pairCount);
  const next = starts.slice(0, classCount);
  for (let p = 0; p < pairCount; p++) grouped[next[pairs[p * 2]!]!++] = pairs[p * 2 + 1]!;

  const lastClassOf = new Int32Array(maxId + 1).fill(-1);
  const ids = new Int32Array(pairCount);
  const distinctStarts = new Int32Array(classCount + 1);
  let count = 0;
  for (let i = 0; i < classCount; i++) {
    distinctStarts[i] = count;
    for (let p = starts[i]!; p < starts[i + 1]!; p++) {
      const id = grouped[p]!;
      if (lastClassOf[id] === i) continue;
      lastClassOf[id] = i;
      ids[count++] = id;
    }
  }
  distinctStarts[classCount] = count;
  return { starts: distinctStarts, ids: ids.slice(0, count) };
}
