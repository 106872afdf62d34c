/**
 * How one column is turned into its output value. Every rule works in two steps: `base` maps a raw
 * value to the finest value the extract may ever hold (an age in years, a PC2 region, a week
 * offset), and `atLevel` coarsens that base value. Level 0 is the policy's rule; each higher level
 * is coarser; the last level, `*`, says nothing. k-anonymity searches over these levels, and because
 * it needs only base values, it never keeps a raw birth date or postcode in memory.
 *
 * Rules that learn from pass one (counts, a quantile) do so through observers, one per thread:
 * each chunk's observations are handed to the main copy of the rule in file order, and what the
 * main copy settles on is given to the copies that transform in other threads. The result is the
 * same as one thread reading the whole file.
 */
export interface ColumnRule {
  /** The base value; '' for an empty cell; undefined when the raw value cannot be read. */
  base(raw: string): string | undefined;
  /** For rules that need counts or quantiles: a collector of base values in pass one. */
  createObserver?(): RuleObserver;
  /** Adds what an observer took from one chunk; chunks in file order. */
  learn?(observations: RuleObservations): void;
  /** Called once between the passes, after the last `learn`. */
  finish?(): void;
  /** What pass one settled, for a copy of this rule in another thread. */
  settlement?(): RuleSettlement;
  /** Makes this copy transform as the copy that learnt did. */
  settle?(settlement: RuleSettlement): void;
  atLevel(base: string, level: number): string;
  /** Number of levels, the last being `*`. */
  readonly levelCount: number;
  /** A plain description of a level, for the report and the datasheet. */
  describe(level: number): string;
  /** What the values look like at a level, for a program that reads the extract back. */
  format(level: number): ValueFormat;
  /** What a readable value looks like, for error hints. */
  readonly expected: string;
}

export interface RuleObserver {
  observe(base: string): void;
  /** What was observed since the last call, forgotten here. */
  take(): RuleObservations;
}

/** Observations in a form that crosses threads (structured clone). */
export type RuleObservations =
  | { kind: 'counts'; counts: Map<string, number> }
  /** Numbers in the order they were read: a seeded sample of them must not depend on threads. */
  | { kind: 'numbers'; values: Float64Array };

export type RuleSettlement =
  { kind: 'counts'; counts: Map<string, number> } | { kind: 'cap'; cap: number };

export const suppressedValue = '*';

/**
 * The form of a column's values in the extract, stated in the datasheet so that a reader (such as
 * `train --format extract`) can map them back without parsing the descriptions meant for people.
 */
export type ValueFormat =
  | { kind: 'dropped' }
  | { kind: 'pseudonym' }
  | { kind: 'as-is' }
  /** Every value is `*`. */
  | { kind: 'suppressed' }
  /** `30-39`: whole years of age at the reference date, the band `widthYears` wide. */
  | { kind: 'age-band'; widthYears: number; referenceDate: string }
  /** `-80`, or `-80..-77` when `blockWeeks` > 1: whole weeks from the reference date. */
  | { kind: 'relative-weeks'; blockWeeks: number; referenceDate: string }
  | { kind: 'region'; level: 'pc2' | 'pc1' | 'province' | 'part-of-country' }
  /** The categories, those seen fewer than `minCount` times merged into `otherLabel`. */
  | { kind: 'category'; minCount: number; otherLabel: string }
  /** Numbers; those above `cap` set to it. `cap` is null when no cap was found (no values). */
  | { kind: 'top-coded'; cap: number | null };

export const suppressedFormat: ValueFormat = { kind: 'suppressed' };
