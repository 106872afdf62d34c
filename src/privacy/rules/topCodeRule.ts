import { createRandom } from '../../core/random.ts';
import {
  emptyCode,
  suppressedFormat,
  suppressedValue,
  type ColumnRule,
  type CodeObserver,
  type RuleObserver,
} from './columnRule.ts';
import { createTextCoder } from './createTextCoder.ts';

/** Values kept to estimate a quantile: exact below this many rows, a uniform sample above. */
const reservoirSize = 100_000;

/**
 * Top-coding: values above a cap become the cap, so that a rare extreme (a 700-day absence) no
 * longer points at one person. The cap is fixed, or a quantile of the column found in pass one.
 */
export function topCodeRule(options: { cap?: number; quantile?: number }): ColumnRule {
  const reservoir: number[] = [];
  const random = createRandom(0x70c0de);
  let seen = 0;
  let cap = options.cap ?? Number.POSITIVE_INFINITY;
  let capText = String(cap);
  const base = (raw: string): string | undefined => {
    const text = raw.trim();
    if (text === '') return '';
    const value = Number(text);
    return Number.isFinite(value) ? text : undefined;
  };

  return {
    base,
    ...(options.quantile === undefined
      ? {}
      : {
          createObserver(): RuleObserver {
            let values: number[] = [];
            return {
              observe(base) {
                if (base !== '') values.push(Number(base));
              },
              take() {
                const taken = Float64Array.from(values);
                values = [];
                return { kind: 'numbers', values: taken };
              },
            };
          },
        }),
    learn(observations) {
      if (options.quantile === undefined || observations.kind !== 'numbers') return;
      for (const value of observations.values) {
        seen++;
        if (reservoir.length < reservoirSize) reservoir.push(value);
        else {
          // Algorithm R: every value seen so far has the same chance to be in the sample. The
          // values come in file order, so the seeded sample is the same however many threads read.
          const slot = random.int(seen);
          if (slot < reservoirSize) reservoir[slot] = value;
        }
      }
    },
    finish() {
      if (options.quantile === undefined || reservoir.length === 0) return;
      reservoir.sort((a, b) => a - b);
      const index = Math.min(
        reservoir.length - 1,
        Math.ceil(options.quantile * reservoir.length) - 1,
      );
      cap = reservoir[Math.max(0, index)]!;
      capText = String(cap);
    },
    settlement: () => ({ kind: 'cap', cap }),
    settle(settlement) {
      if (settlement.kind !== 'cap') return;
      cap = settlement.cap;
      capText = String(cap);
    },
    atLevel(base, level) {
      if (level > 0) return suppressedValue;
      if (base === '') return '';
      return Number(base) > cap ? capText : base;
    },
    levelCount: 2,
    describe: (level) =>
      level === 0
        ? `values above ${Number.isFinite(cap) ? String(cap) : 'the cap'} set to the cap` +
          (options.quantile === undefined ? '' : ` (the ${options.quantile} quantile)`)
        : 'replaced by *',
    format: (level) =>
      level === 0
        ? { kind: 'top-coded', cap: Number.isFinite(cap) ? cap : null }
        : suppressedFormat,
    expected: 'a number',
    createCoder() {
      const coder = createTextCoder({ base, isTrimmed: true });
      return {
        ...coder,
        ...(options.quantile === undefined
          ? {}
          : {
              createObserver(): CodeObserver {
                let values: number[] = [];
                return {
                  observeCodes(codes, isCounted, count) {
                    for (let r = 0; r < count; r++) {
                      const code = codes[r]!;
                      if (isCounted[r] !== 0 && code !== emptyCode) {
                        values.push(coder.numberOfCode(code));
                      }
                    }
                  },
                  take() {
                    const taken = Float64Array.from(values);
                    values = [];
                    return { kind: 'numbers', values: taken };
                  },
                };
              },
            }),
      };
    },
  };
}
