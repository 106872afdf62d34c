import {
  suppressedFormat,
  suppressedValue,
  type ColumnRule,
  type RuleObserver,
} from './columnRule.ts';

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
  };
}
