import type { Employee } from '../core/canonical/employee.ts';

export const groupingKeys = ['team', 'sector', 'total'] as const;
export type GroupingKey = (typeof groupingKeys)[number];

export const smallGroupPolicies = ['merge', 'suppress'] as const;
/** merge: small groups join one group "other"; suppress: they are left out of the groups. */
export type SmallGroupPolicy = (typeof smallGroupPolicies)[number];

/** The name of the group that small groups are merged into. */
export const mergedGroupName = 'other';
const missingGroupName = 'unassigned';

export interface GroupOptions {
  readonly asOf: string;
  readonly groupBy: GroupingKey;
  /** Fewest employees employed on the as-of day for a group to be shown on its own. */
  readonly minGroupSize: number;
  readonly smallGroups: SmallGroupPolicy;
}

export interface CaseloadGroups {
  /** Groups shown in the forecast, in name order with "other" last. */
  readonly names: readonly string[];
  /** Employees employed on the as-of day, per shown group. */
  readonly employeeCounts: readonly number[];
  /**
   * Index into `names` per employee id; -1 for employees of suppressed groups, whose cases
   * still count in the total.
   */
  readonly groupOf: ReadonlyMap<string, number>;
  readonly mergedGroups: readonly string[];
  readonly suppressedGroups: readonly string[];
  /** Employees employed on the as-of day in the suppressed groups. */
  readonly suppressedEmployeeCount: number;
}

/** Whether the employee was employed at the end of the day `date` (no dates: employed). */
export function isEmployedOn(employee: Employee, date: string): boolean {
  const start = employee.employmentStartDate;
  const end = employee.employmentEndDate;
  return (start === undefined || start <= date) && (end == null || end > date);
}

/**
 * Assigns employees to forecast groups. Forecasts are aggregates about groups; a group of fewer
 * than `minGroupSize` employees would come close to describing a person's absence, so it is
 * merged or suppressed. When the merged group is itself too small it is suppressed too.
 */
export function caseloadGroups(
  employees: readonly Employee[],
  options: GroupOptions,
): CaseloadGroups {
  const rawOf = (employee: Employee): string =>
    options.groupBy === 'total'
      ? 'total'
      : ((options.groupBy === 'team' ? employee.team : employee.sector) ?? missingGroupName);

  // Employees hired after the as-of day are not known yet, nor are their teams.
  const known = employees.filter(
    (e) => e.employmentStartDate === undefined || e.employmentStartDate <= options.asOf,
  );
  const sizes = new Map<string, number>();
  for (const employee of known) {
    const name = rawOf(employee);
    const employed = isEmployedOn(employee, options.asOf) ? 1 : 0;
    sizes.set(name, (sizes.get(name) ?? 0) + employed);
  }

  const large = [...sizes.keys()].filter((name) => sizes.get(name)! >= options.minGroupSize);
  const small = [...sizes.keys()].filter((name) => sizes.get(name)! < options.minGroupSize);
  large.sort();
  small.sort();

  const names = [...large];
  const employeeCounts = large.map((name) => sizes.get(name)!);
  const mergedGroups: string[] = [];
  const suppressedGroups: string[] = [];
  const smallSize = small.reduce((sum, name) => sum + sizes.get(name)!, 0);
  if (small.length > 0) {
    if (options.smallGroups === 'merge' && smallSize >= options.minGroupSize) {
      mergedGroups.push(...small);
      // A real team called "other" keeps its name; the merged group then says what it is.
      names.push(sizes.has(mergedGroupName) ? `${mergedGroupName} (merged)` : mergedGroupName);
      employeeCounts.push(smallSize);
    } else {
      suppressedGroups.push(...small);
    }
  }

  const indexOfLarge = new Map(large.map((name, index) => [name, index]));
  const mergedSet = new Set(mergedGroups);
  const groupOf = new Map<string, number>();
  for (const employee of known) {
    const name = rawOf(employee);
    const index = indexOfLarge.get(name) ?? (mergedSet.has(name) ? large.length : -1);
    groupOf.set(employee.employeeId, index);
  }
  const suppressedEmployeeCount = suppressedGroups.reduce((sum, name) => sum + sizes.get(name)!, 0);
  return {
    names,
    employeeCounts,
    groupOf,
    mergedGroups,
    suppressedGroups,
    suppressedEmployeeCount,
  };
}
