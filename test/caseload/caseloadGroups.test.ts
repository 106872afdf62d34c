import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseloadGroups } from '../../src/caseload/caseloadGroups.ts';
import type { Employee } from '../../src/core/canonical/employee.ts';

/** `count` employees of `team`, employed from 2020 on (or having left before `leftBefore`). */
function members(team: string, count: number, leftBefore?: string): Employee[] {
  return Array.from({ length: count }, (_, i) => ({
    employeeId: `${team}-${i}`,
    team,
    sector: team.startsWith('C') ? 'care' : 'trade',
    employmentStartDate: '2020-01-01',
    ...(leftBefore === undefined ? {} : { employmentEndDate: leftBefore }),
  }));
}

const employees = [
  ...members('A', 12),
  ...members('B', 4),
  ...members('C', 7),
  // Ten people in D, but six left before the as-of day: four remain.
  ...members('D', 6, '2024-01-01'),
  ...members('D', 4).map((e) => ({ ...e, employeeId: `${e.employeeId}-stay` })),
];
const options = { asOf: '2024-06-30', groupBy: 'team', minGroupSize: 10 } as const;

describe('caseloadGroups', () => {
  it('merges groups below the minimum size, counted on the as-of day, into "other"', () => {
    const groups = caseloadGroups(employees, { ...options, smallGroups: 'merge' });
    assert.deepEqual(groups.names, ['A', 'other']);
    assert.deepEqual(groups.employeeCounts, [12, 15]);
    assert.deepEqual(groups.mergedGroups, ['B', 'C', 'D']);
    assert.deepEqual(groups.suppressedGroups, []);
    assert.equal(groups.groupOf.get('B-0'), 1);
    assert.equal(groups.groupOf.get('A-3'), 0);
  });

  it('suppresses small groups when asked, keeping their employees out of every shown group', () => {
    const groups = caseloadGroups(employees, { ...options, smallGroups: 'suppress' });
    assert.deepEqual(groups.names, ['A']);
    assert.deepEqual(groups.suppressedGroups, ['B', 'C', 'D']);
    assert.equal(groups.suppressedEmployeeCount, 15);
    assert.equal(groups.groupOf.get('C-2'), -1);
  });

  it('suppresses the merged group too when it is itself below the minimum', () => {
    const groups = caseloadGroups([...members('A', 12), ...members('B', 4)], {
      ...options,
      smallGroups: 'merge',
    });
    assert.deepEqual(groups.names, ['A']);
    assert.deepEqual(groups.mergedGroups, []);
    assert.deepEqual(groups.suppressedGroups, ['B']);
  });

  it('groups by sector or into one total', () => {
    const bySector = caseloadGroups(employees, {
      ...options,
      groupBy: 'sector',
      smallGroups: 'merge',
    });
    assert.deepEqual(bySector.names, ['trade']);
    assert.deepEqual(bySector.employeeCounts, [20]);
    assert.deepEqual(bySector.suppressedGroups, ['care']);
    const total = caseloadGroups(employees, { ...options, groupBy: 'total', smallGroups: 'merge' });
    assert.deepEqual(total.names, ['total']);
    assert.deepEqual(total.employeeCounts, [27]);
  });
});
