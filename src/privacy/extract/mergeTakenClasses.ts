import { createSubjectIds } from './createSubjectIds.ts';
import type { TakenClasses } from './createClassCounts.ts';
import type { BaseClass } from '../kAnonymise.ts';

/**
 * The classes of all threads as one map, in key order, each class's subjects as ids common to
 * all threads (a person whose rows several threads read is one id). The threads' classes depend
 * on which chunks each read; sorting makes k-anonymity's input, and so the report, independent
 * of that.
 */
export function mergeTakenClasses(taken: readonly TakenClasses[]): Map<string, BaseClass> {
  const hasSubjects = taken.some((classes) => classes.subjects !== undefined);
  const common = createSubjectIds();
  const merged = new Map<string, { rows: number; ids: number[] }>();

  for (const classes of taken) {
    const { subjects } = classes;
    // The thread's subject ids to common ones.
    let toCommon = new Int32Array(0);
    if (subjects !== undefined) {
      const { bytes, ends } = subjects.packed;
      toCommon = new Int32Array(ends.length);
      for (let id = 0; id < ends.length; id++) {
        toCommon[id] = common.idOfBytes(bytes, id === 0 ? 0 : ends[id - 1]!, ends[id]!);
      }
    }
    classes.keys.forEach((key, i) => {
      let entry = merged.get(key);
      if (entry === undefined) {
        entry = { rows: 0, ids: [] };
        merged.set(key, entry);
      }
      entry.rows += classes.rows[i]!;
      if (subjects === undefined) return;
      for (let p = subjects.starts[i]!; p < subjects.starts[i + 1]!; p++) {
        entry.ids.push(toCommon[subjects.ids[p]!]!);
      }
    });
  }

  const sorted = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!hasSubjects) return new Map(sorted.map(([key, entry]) => [key, { rows: entry.rows }]));
  // Threads may each have met a person of a class: each subject once per class.
  const lastClassOf = new Int32Array(common.take().ends.length).fill(-1);
  return new Map(
    sorted.map(([key, entry], i) => {
      const ids = entry.ids.filter((id) => {
        if (lastClassOf[id] === i) return false;
        lastClassOf[id] = i;
        return true;
      });
      return [key, { rows: entry.rows, subjects: Int32Array.from(ids) }];
    }),
  );
}
