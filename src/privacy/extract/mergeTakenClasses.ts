import type { TakenClasses } from './createClassCounts.ts';
import { createSubjectIds } from './createSubjectIds.ts';
import type { BaseClass } from '../kAnonymise.ts';

/**
 * The classes of all threads as one map, in key order, each class's subjects as ids common to
 * all threads (a person whose rows several threads read is one id). The threads' classes depend
 * on which chunks each read; sorting makes k-anonymity's input, and so the report, independent
 * of that. This runs between the passes, when no thread has other work: typed arrays throughout.
 */
export function mergeTakenClasses(taken: readonly TakenClasses[]): Map<string, BaseClass> {
  // Each thread's classes to merged ones, numbered in the order met.
  const indexOfKey = new Map<string, number>();
  const keys: string[] = [];
  const rows: number[] = [];
  const mergedOf = taken.map((classes) =>
    Int32Array.from(classes.keys, (key, i) => {
      let index = indexOfKey.get(key);
      if (index === undefined) {
        index = keys.length;
        indexOfKey.set(key, index);
        keys.push(key);
        rows.push(0);
      }
      rows[index]! += classes.rows[i]!;
      return index;
    }),
  );
  const order = keys.map((_, index) => index).sort((a, b) => compare(keys[a]!, keys[b]!));
  const hasSubjects = taken.some((classes) => classes.subjects !== undefined);
  if (!hasSubjects) {
    return new Map(order.map((index) => [keys[index]!, { rows: rows[index]! }]));
  }

  // Ids common to the threads; when only one thread met subjects, its own ids already are.
  const threadsWithSubjects = taken.filter(
    (classes) => classes.subjects !== undefined && classes.subjects.packed.ends.length > 0,
  ).length;
  const common = createSubjectIds();
  const toCommon = taken.map((classes) => {
    if (classes.subjects === undefined || threadsWithSubjects <= 1) return undefined;
    const { bytes, ends } = classes.subjects.packed;
    const mapped = new Int32Array(ends.length);
    for (let id = 0; id < ends.length; id++) {
      mapped[id] = common.idOfBytes(bytes, id === 0 ? 0 : ends[id - 1]!, ends[id]!);
    }
    return mapped;
  });

  // Each merged class's subjects, gathered from the threads' classes.
  const starts = new Int32Array(keys.length + 1);
  taken.forEach((classes, t) => {
    const subjects = classes.subjects;
    if (subjects === undefined) return;
    mergedOf[t]!.forEach((index, i) => {
      starts[index + 1]! += subjects.starts[i + 1]! - subjects.starts[i]!;
    });
  });
  for (let index = 0; index < keys.length; index++) starts[index + 1]! += starts[index]!;
  const ids = new Int32Array(starts[keys.length]!);
  const next = starts.slice(0, keys.length);
  let maxId = -1;
  taken.forEach((classes, t) => {
    const subjects = classes.subjects;
    if (subjects === undefined) return;
    const mapped = toCommon[t];
    mergedOf[t]!.forEach((index, i) => {
      for (let p = subjects.starts[i]!; p < subjects.starts[i + 1]!; p++) {
        const id = mapped === undefined ? subjects.ids[p]! : mapped[subjects.ids[p]!]!;
        ids[next[index]!++] = id;
        if (id > maxId) maxId = id;
      }
    });
  });

  // Threads may each have met a person of a class: each subject once per class.
  const lastClassOf = new Int32Array(maxId + 1).fill(-1);
  return new Map(
    order.map((index) => {
      let count = starts[index]!;
      for (let p = starts[index]!; p < starts[index + 1]!; p++) {
        const id = ids[p]!;
        if (lastClassOf[id] === index) continue;
        lastClassOf[id] = index;
        ids[count++] = id;
      }
      return [keys[index]!, { rows: rows[index]!, subjects: ids.subarray(starts[index]!, count) }];
    }),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
