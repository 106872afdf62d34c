import {
  emptyCode,
  suppressedFormat,
  suppressedValue,
  type ColumnRule,
  type CodeObserver,
  type RuleObserver,
} from './columnRule.ts';
import { createTextCoder } from './createTextCoder.ts';

/** Categories seen fewer than `minCount` times are merged into one label, such as "other". */
export function rareCategoryRule(minCount: number, otherLabel: string): ColumnRule {
  let counts = new Map<string, number>();

  return {
    base: (raw) => raw.trim(),
    createObserver(): RuleObserver {
      let seen = new Map<string, number>();
      return {
        observe(base) {
          if (base !== '') seen.set(base, (seen.get(base) ?? 0) + 1);
        },
        take() {
          const taken = seen;
          seen = new Map();
          return { kind: 'counts', counts: taken };
        },
      };
    },
    learn(observations) {
      if (observations.kind !== 'counts') return;
      for (const [category, count] of observations.counts) {
        counts.set(category, (counts.get(category) ?? 0) + count);
      }
    },
    settlement: () => ({ kind: 'counts', counts }),
    settle(settlement) {
      if (settlement.kind === 'counts') counts = new Map(settlement.counts);
    },
    atLevel(base, level) {
      if (level > 0) return suppressedValue;
      if (base === '') return '';
      return (counts.get(base) ?? 0) < minCount ? otherLabel : base;
    },
    levelCount: 2,
    describe: (level) =>
      level === 0
        ? `categories seen fewer than ${minCount} times merged into "${otherLabel}"`
        : 'replaced by *',
    format: (level) =>
      level === 0 ? { kind: 'category', minCount, otherLabel } : suppressedFormat,
    expected: 'any value',
    createCoder() {
      const coder = createTextCoder({ base: (raw) => raw.trim(), isTrimmed: true });
      return {
        ...coder,
        createObserver(): CodeObserver {
          // Counts by code; the codes met in this chunk in the order met, so that the counts
          // handed over are in the same order as the text observer's.
          const counts: number[] = [];
          const met: number[] = [];
          return {
            observeCodes(codes, isCounted, recordCount) {
              for (let r = 0; r < recordCount; r++) {
                const code = codes[r]!;
                if (isCounted[r] === 0 || code === emptyCode) continue;
                const count = counts[code] ?? 0;
                if (count === 0) met.push(code);
                counts[code] = count + 1;
              }
            },
            take() {
              const taken = new Map<string, number>();
              for (const code of met) {
                taken.set(coder.baseOfCode(code), counts[code]!);
                counts[code] = 0;
              }
              met.length = 0;
              return { kind: 'counts', counts: taken };
            },
          };
        },
      };
    },
  };
}
