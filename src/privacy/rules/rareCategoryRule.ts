import { suppressedValue, type ColumnRule } from './columnRule.ts';

/** Categories seen fewer than `minCount` times are merged into one label, such as "other". */
export function rareCategoryRule(minCount: number, otherLabel: string): ColumnRule {
  const counts = new Map<string, number>();

  return {
    base: (raw) => raw.trim(),
    observe(base) {
      if (base !== '') counts.set(base, (counts.get(base) ?? 0) + 1);
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
    expected: 'any value',
  };
}
