import type { InputIssue } from '../../core/errors.ts';
import { classKeySeparator, type BaseClass } from '../kAnonymise.ts';
import type { RuleObservations } from '../rules/columnRule.ts';
import { ownCopy } from '../ownCopy.ts';
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
  /** Earliest and latest date of the relative-weeks columns; ISO dates sort as text. */
  firstDate: string | undefined;
  lastDate: string | undefined;
  /** Rows the utility check may take in pass two: not excluded, with a numeric target. */
  utilityRows: number;
}

export interface RowScanner {
  scan(rows: readonly (readonly string[])[]): ChunkScan;
  /** The quasi-identifier classes of every chunk scanned so far, handed over once at the end. */
  takeClasses(): Map<string, BaseClass>;
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
  let classes = new Map<string, BaseClass>();

  return {
    scan(rows) {
      const issues: ChunkIssue[] = [];
      let rowsExcluded = 0;
      let utilityRows = 0;
      let firstDate: string | undefined;
      let lastDate: string | undefined;

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
          const date = row[ruledIndexes[position]!]!.trim();
          if (firstDate === undefined || date < firstDate) firstDate = date;
          if (lastDate === undefined || date > lastDate) lastDate = date;
        }
        if (targetIndex !== undefined) {
          const target = row[targetIndex]!.trim();
          if (target !== '' && Number.isFinite(Number(target))) utilityRows++;
        }

        if (quasiCount > 0) {
          let key = bases[quasiPositions[0]!]!;
          for (let q = 1; q < quasiCount; q++)
            key += classKeySeparator + bases[quasiPositions[q]!]!;
          let entry = classes.get(key);
          if (entry === undefined) {
            entry = subjectIndex === undefined ? { rows: 0 } : { rows: 0, subjects: new Set() };
            classes.set(key, entry);
          }
          entry.rows++;
          // A long id split from a chunk is a slice of the whole chunk's text; a copy lets the
          // chunk go, so memory grows with the persons, not with the file.
          if (entry.subjects !== undefined && !entry.subjects.has(subject)) {
            entry.subjects.add(ownCopy(subject));
          }
        }
      }

      return {
        rows: rows.length,
        rowsExcluded,
        issues,
        observations: observers.map((observer) => observer?.take()),
        firstDate,
        lastDate,
        utilityRows,
      };
    },
    takeClasses() {
      const taken = classes;
      classes = new Map();
      return taken;
    },
  };
}
