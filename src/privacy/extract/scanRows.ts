import type { InputIssue } from '../../core/errors.ts';
import { classKeySeparator } from '../kAnonymise.ts';
import type { RuleObservations } from '../rules/columnRule.ts';
import { isoDayNumber } from '../rules/isoDay.ts';
import { createClassCounts, type TakenClasses } from './createClassCounts.ts';
import { createSubjectIds } from './createSubjectIds.ts';
import type { ExtractLayout } from './layOutExtract.ts';

/** Enough to show what is wrong; a file with more stops being read. */
export const maxIssues = 20;

/** An issue of one row of a chunk: `index` is its place in the chunk, the file row comes later. */
export type ChunkIssue = Omit<InputIssue, 'file' | 'row'> & { index: number };

/** Pass one over one chunk: counts and observations in a form that crosses threads. */
export interface ChunkScan {
  rows: number;
  rowsExcluded: number;
  issues: ChunkIssue[];
  /** Per ruled column, what its rule's observer saw in this chunk. */
  observations: (RuleObservations | undefined)[];
  /** Earliest and latest date of the relative-weeks columns, as day numbers. */
  firstDay: number | undefined;
  lastDay: number | undefined;
  /** Rows the utility check may take in pass two: not excluded, with a numeric target. */
  utilityRows: number;
}

export interface RowScanner {
  scan(rows: readonly (readonly string[])[]): ChunkScan;
  /** The quasi-identifier classes of every chunk scanned so far, handed over once at the end. */
  takeClasses(): TakenClasses;
}

/**
 * Pass one on chunks of rows: checks every value, lets the rules observe, and counts the rows
 * (and the distinct subjects) of each class of base values. Classes accumulate over all chunks
 * of a thread; everything order-dependent is returned per chunk, so that the main thread can
 * combine chunks in file order.
 */
export function createRowScanner(
  layout: ExtractLayout,
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): RowScanner {
  const { rules, ruledIndexes, quasiPositions, datePositions, ruled } = layout;
  const { subjectIndex } = layout.plan;
  const headerWidth = layout.job.header.length;
  const observers = rules.map((rule) => rule.createObserver?.());
  const bases = new Array<string>(rules.length);
  const quasiCount = quasiPositions.length;
  const targetIndex = layout.utility?.targetIndex;
  // Classes by key, numbered in the order met; subjects by number, not by string.
  let classes = new Map<string, number>();
  const subjectIds = subjectIndex === undefined ? undefined : createSubjectIds();
  const counts = createClassCounts(subjectIds);

  return {
    scan(rows) {
      const issues: ChunkIssue[] = [];
      let rowsExcluded = 0;
      let utilityRows = 0;
      let firstDay: number | undefined;
      let lastDay: number | undefined;

      for (let r = 0; r < rows.length && issues.length < maxIssues; r++) {
        const row = rows[r]!;
        if (row.length !== headerWidth) {
          issues.push({
            index: r,
            message: `has ${row.length} cells where the header has ${headerWidth}.`,
          });
          continue;
        }
        const subject = subjectIndex === undefined ? '' : row[subjectIndex]!.trim();
        if (isExcludedSubject?.(subject) === true) {
          rowsExcluded++;
          continue;
        }

        for (let j = 0; j < rules.length; j++) {
          const rule = rules[j]!;
          const base = rule.base(row[ruledIndexes[j]!]!);
          if (base === undefined) {
            issues.push({
              index: r,
              column: ruled[j]!.name,
              message: 'cannot be read.',
              hint: `Expected ${rule.expected}.`,
            });
            bases[j] = '';
          } else {
            bases[j] = base;
            observers[j]?.observe(base);
          }
        }
        for (const position of datePositions) {
          if (bases[position] === '') continue;
          const day = isoDayNumber(row[ruledIndexes[position]!]!.trim())!;
          if (firstDay === undefined || day < firstDay) firstDay = day;
          if (lastDay === undefined || day > lastDay) lastDay = day;
        }
        if (targetIndex !== undefined) {
          const target = row[targetIndex]!.trim();
          if (target !== '' && Number.isFinite(Number(target))) utilityRows++;
        }

        if (quasiCount > 0) {
          let key = bases[quasiPositions[0]!]!;
          for (let q = 1; q < quasiCount; q++)
            key += classKeySeparator + bases[quasiPositions[q]!]!;
          let index = classes.get(key);
          if (index === undefined) {
            index = classes.size;
            classes.set(key, index);
          }
          counts.add(index, subjectIds === undefined ? -1 : subjectIds.idOfText(subject));
        }
      }

      return {
        rows: rows.length,
        rowsExcluded,
        issues,
        observations: observers.map((observer) => observer?.take()),
        firstDay,
        lastDay,
        utilityRows,
      };
    },
    takeClasses() {
      const taken = counts.take([...classes.keys()]);
      classes = new Map();
      return taken;
    },
  };
}
