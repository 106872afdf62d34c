import type { ColumnRule } from './rules/columnRule.ts';

/** Joins the values of one class; a unit separator never occurs in the values of an export. */
export const classKeySeparator = '\u001f';

/** Rows (and, when a subject column is given, the distinct subjects) with one base tuple. */
export interface BaseClass {
  rows: number;
  /** Ids of the class's distinct subjects: small integers, the same for the same person. */
  subjects?: ArrayLike<number>;
}

export interface KAnonymityOptions {
  /** One rule per quasi-identifier, in the order of the key's parts. */
  rules: readonly ColumnRule[];
  /** Counts per tuple of base values, from pass one. */
  baseClasses: ReadonlyMap<string, BaseClass>;
  k: number;
  maxSuppressionPct: number;
}

export interface EquivalenceClass {
  rows: number;
  /** Rows, or distinct subjects when counted. */
  size: number;
}

export interface KAnonymityResult {
  /** The generalisation level chosen per quasi-identifier. */
  levels: number[];
  /** Classes at the chosen levels, keyed by their generalised values; suppressed ones included. */
  classes: Map<string, EquivalenceClass>;
  rowsSuppressed: number;
  /** Classes at the policy's own rules (all levels 0), for the risk before k-anonymity. */
  initialClasses: Map<string, EquivalenceClass>;
  /** Levels raised before the suppression budget was met. */
  steps: number;
}

/**
 * k-anonymity by full-domain generalisation and suppression, after Sweeney's Datafly: while more
 * rows than the budget sit in classes smaller than k, raise by one level the quasi-identifier
 * with the most distinct values; then suppress the rows of the classes still below k. A greedy
 * heuristic, not the optimum (Incognito, Mondrian), but predictable and explainable in a datasheet.
 * TODO: no l-diversity or t-closeness: when every row of a class has the same diagnosis, knowing a
 * person's class reveals it (attribute disclosure) even though the class has k persons.
 */
export function kAnonymise(options: KAnonymityOptions): KAnonymityResult {
  const { rules, baseClasses, k } = options;
  const levels = rules.map(() => 0);
  let totalRows = 0;
  for (const base of baseClasses.values()) totalRows += base.rows;
  const budgetRows = (totalRows * options.maxSuppressionPct) / 100;

  let steps = 0;
  let initialClasses: Map<string, EquivalenceClass> | undefined;
  for (;;) {
    const classes = generaliseClasses(rules, baseClasses, levels);
    initialClasses ??= classes;
    const rowsBelowK = rowsInSmallClasses(classes, k);
    const raisable = levels
      .map((level, i) => ({ i, isRaisable: level < rules[i]!.levelCount - 1 }))
      .filter((entry) => entry.isRaisable)
      .map((entry) => entry.i);
    if (rowsBelowK <= budgetRows || raisable.length === 0) {
      return { levels, classes, rowsSuppressed: rowsBelowK, initialClasses, steps };
    }
    const distinct = distinctValueCounts(classes, rules.length);
    const chosen = raisable.reduce((best, i) => (distinct[i]! > distinct[best]! ? i : best));
    levels[chosen]!++;
    steps++;
  }
}

/** The class key of one row's base values at the given levels. */
export function classKeyOf(
  rules: readonly ColumnRule[],
  baseValues: readonly string[],
  levels: readonly number[],
): string {
  let key = '';
  for (let i = 0; i < rules.length; i++) {
    if (i > 0) key += classKeySeparator;
    key += rules[i]!.atLevel(baseValues[i]!, levels[i]!);
  }
  return key;
}

function generaliseClasses(
  rules: readonly ColumnRule[],
  baseClasses: ReadonlyMap<string, BaseClass>,
  levels: readonly number[],
): Map<string, EquivalenceClass> {
  const merged = new Map<string, { rows: number; size: number; bases: BaseClass[] }>();
  let maxSubject = -1;
  for (const [baseKey, base] of baseClasses) {
    const key = classKeyOf(rules, baseKey.split(classKeySeparator), levels);
    let entry = merged.get(key);
    if (entry === undefined) {
      entry = { rows: 0, size: 0, bases: [] };
      merged.set(key, entry);
    }
    entry.rows += base.rows;
    entry.bases.push(base);
    const subjects = base.subjects;
    if (subjects !== undefined) {
      for (let i = 0; i < subjects.length; i++) maxSubject = Math.max(maxSubject, subjects[i]!);
    }
  }
  // Distinct subjects of each class by a mark per subject (the class that counted it last):
  // sets copied and merged for every level cost more than the rest of k-anonymity together.
  const lastClassOf = new Int32Array(maxSubject + 1).fill(-1);
  const classes = new Map<string, EquivalenceClass>();
  let index = 0;
  for (const [key, entry] of merged) {
    let size = 0;
    let isCounted = false;
    for (const base of entry.bases) {
      const subjects = base.subjects;
      if (subjects === undefined) continue;
      isCounted = true;
      for (let i = 0; i < subjects.length; i++) {
        const subject = subjects[i]!;
        if (lastClassOf[subject] === index) continue;
        lastClassOf[subject] = index;
        size++;
      }
    }
    classes.set(key, { rows: entry.rows, size: isCounted ? size : entry.rows });
    index++;
  }
  return classes;
}

function rowsInSmallClasses(classes: ReadonlyMap<string, EquivalenceClass>, k: number): number {
  let rows = 0;
  for (const entry of classes.values()) if (entry.size < k) rows += entry.rows;
  return rows;
}

function distinctValueCounts(
  classes: ReadonlyMap<string, EquivalenceClass>,
  width: number,
): number[] {
  const sets = Array.from({ length: width }, () => new Set<string>());
  for (const key of classes.keys()) {
    key.split(classKeySeparator).forEach((value, i) => sets[i]?.add(value));
  }
  return sets.map((set) => set.size);
}
