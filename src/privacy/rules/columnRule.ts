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
  /** A coder of this rule's base values, for one thread's byte-level reading of a CSV. */
  createCoder(): BaseCoder;
}

/**
 * Base values as integer codes, read straight from the bytes of a CSV cell. Making a string of
 * every cell, and base values and class keys from those, was most of an extract's time and
 * garbage; a code is a number, and strings are made once per distinct value (for class keys and
 * output) instead of once per cell. Codes belong to one coder: they never cross threads.
 */
export interface BaseCoder {
  /**
   * The code of the cell `bytes[start, end)`, untrimmed: the same as `codeOfBase(base(text))`
   * for its text. The bytes must be ASCII without CR (the byte path reads other cells as text).
   */
  codeOfBytes(bytes: Uint8Array, start: number, end: number): number;
  /**
   * `codeOfBytes` of column `column` of every record, `emptyCode` for cells that are not plain
   * (the caller reads those as text). One call per column and chunk: with the loop inside each
   * coder, its call of `codeOfBytes` always meets the same function and is inlined, where one
   * loop calling every column's coder in turn was megamorphic and took half of pass one.
   */
  codeCells(cells: CellRanges, column: number, into: Int32Array): void;
  /** The code of a base value that `base` gave; `emptyCode` for ''. */
  codeOfBase(base: string): number;
  /** The base value of a code; '' for `emptyCode`. */
  baseOfCode(code: number): string;
  /** For rules that learn in pass one: what `createObserver` collects, taken as codes. */
  createObserver?(): CodeObserver;
  /**
   * For coders that keep a dictionary of values: forgets all codes when it holds more than
   * `maxEntries`, and says whether it did. Called only between chunks, for columns whose codes
   * are not kept across chunks (not quasi-identifiers), so that memory stays bounded.
   */
  forgetIfLarger?(maxEntries: number): boolean;
}

export interface CodeObserver {
  /** The codes of the records marked in `isCounted`, in record order; not `unreadableCode`. */
  observeCodes(codes: Int32Array, isCounted: Uint8Array, count: number): void;
  take(): RuleObservations;
}

/** The cells of a chunk's records as byte ranges: cell `c` of record `r` is at `r * width + c`. */
export interface CellRanges {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 0 for a plain cell (ASCII without CR, in a record without quotes). */
  readonly flags: Uint8Array;
  readonly width: number;
  /** Records. */
  readonly count: number;
}

/** The code of an empty cell (base ''), beyond any code a rule gives. */
export const emptyCode = 0x7fff_ffff;
/** `codeOfBytes` of a value that cannot be read (`base` gives undefined). */
export const unreadableCode = 0x7fff_fffe;

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
