import type { ColumnPolicy } from '../policySchema.ts';
import { ageBandRule } from './ageBandRule.ts';
import type { ColumnRule } from './columnRule.ts';
import { keepRule } from './keepRule.ts';
import { rareCategoryRule } from './rareCategoryRule.ts';
import { regionRule } from './regionRule.ts';
import { relativeWeeksRule } from './relativeWeeksRule.ts';
import { topCodeRule } from './topCodeRule.ts';

/** The rule of a kept or generalised column; dropped and pseudonymised columns have none. */
export function createColumnRule(
  column: ColumnPolicy,
  referenceDate: string,
): ColumnRule | undefined {
  switch (column.action) {
    case 'keep':
      return keepRule();
    case 'drop':
    case 'pseudonymise':
      return undefined;
    case 'generalise': {
      const rule = column.rule;
      switch (rule.rule) {
        case 'age-band':
          return ageBandRule(rule.widthYears, referenceDate);
        case 'region':
          return regionRule(rule.level);
        case 'relative-weeks':
          return relativeWeeksRule(referenceDate);
        case 'rare-category':
          return rareCategoryRule(rule.minCount, rule.otherLabel);
        case 'top-code':
          return topCodeRule({
            ...(rule.cap === undefined ? {} : { cap: rule.cap }),
            ...(rule.quantile === undefined ? {} : { quantile: rule.quantile }),
          });
      }
    }
  }
}
