import { suppressedFormat, suppressedValue, type ColumnRule } from './columnRule.ts';
import { createTextCoder } from './createTextCoder.ts';

/** A kept value; as a quasi-identifier it can only be kept or hidden as `*`. */
export function keepRule(): ColumnRule {
  return {
    base: (raw) => raw,
    atLevel: (base, level) => (level === 0 ? base : suppressedValue),
    levelCount: 2,
    describe: (level) => (level === 0 ? 'kept as is' : 'replaced by *'),
    format: (level) => (level === 0 ? { kind: 'as-is' } : suppressedFormat),
    expected: 'any value',
    createCoder: () => createTextCoder({ base: (raw) => raw, isTrimmed: false }),
  };
}
