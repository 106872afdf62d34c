/**
 * How one column is turned into its output value. Every rule works in two steps: `base` maps a raw
 * value to the finest value the extract may ever hold (an age in years, a PC2 region, a week
 * offset), and `atLevel` coarsens that base value. Level 0 is the policy's rule; each higher level
 * is coarser; the last level, `*`, says nothing. k-anonymity searches over these levels, and because
 * it needs only base values, it never keeps a raw birth date or postcode in memory.
 */
export interface ColumnRule {
  /** The base value; '' for an empty cell; undefined when the raw value cannot be read. */
  base(raw: string): string | undefined;
  /** Pass one sees every base value, for rules that need counts or quantiles. */
  observe?(base: string): void;
  /** Called once between the passes. */
  finish?(): void;
  atLevel(base: string, level: number): string;
  /** Number of levels, the last being `*`. */
  readonly levelCount: number;
  /** A plain description of a level, for the report and the datasheet. */
  describe(level: number): string;
  /** What a readable value looks like, for error hints. */
  readonly expected: string;
}

export const suppressedValue = '*';
