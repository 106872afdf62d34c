import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classKeySeparator, kAnonymise, type BaseClass } from '../../src/privacy/kAnonymise.ts';
import { ageBandRule } from '../../src/privacy/rules/ageBandRule.ts';
import { keepRule } from '../../src/privacy/rules/keepRule.ts';
import { summariseRisk } from '../../src/privacy/riskSummary.ts';

const rules = [ageBandRule(5, '2026-01-01'), keepRule()];

function classesOf(rows: [age: number, team: string][]): Map<string, BaseClass> {
  const map = new Map<string, BaseClass>();
  for (const [age, team] of rows) {
    const key = `${age}${classKeySeparator}${team}`;
    const entry = map.get(key) ?? { rows: 0 };
    entry.rows++;
    map.set(key, entry);
  }
  return map;
}

test('kAnonymise keeps the policy levels when every class already has k rows', () => {
  const rows: [number, string][] = [];
  for (let i = 0; i < 10; i++) rows.push([31, 'A'], [42, 'B']);
  const result = kAnonymise({ rules, baseClasses: classesOf(rows), k: 5, maxSuppressionPct: 0 });
  assert.deepEqual(result.levels, [0, 0]);
  assert.equal(result.rowsSuppressed, 0);
});

test('kAnonymise widens age bands until the suppression budget is met', () => {
  const rows: [number, string][] = [];
  for (let age = 20; age < 60; age++) rows.push([age, 'A'], [age, 'A']);
  const result = kAnonymise({ rules, baseClasses: classesOf(rows), k: 12, maxSuppressionPct: 0 });
  assert.equal(result.levels[0], 1);
  for (const entry of result.classes.values()) assert.ok(entry.size >= 12);
  assert.equal(result.rowsSuppressed, 0);
});

test('kAnonymise suppresses the rows of small classes within the budget and counts them', () => {
  const rows: [number, string][] = [];
  for (let i = 0; i < 98; i++) rows.push([30, 'A']);
  rows.push([70, 'B'], [71, 'C']);
  const result = kAnonymise({ rules, baseClasses: classesOf(rows), k: 5, maxSuppressionPct: 5 });
  assert.deepEqual(result.levels, [0, 0]);
  assert.equal(result.rowsSuppressed, 2);
  const after = summariseRisk(result.classes.values(), 5, (entry) => entry.size >= 5);
  assert.equal(after.records, 98);
  assert.equal(after.smallestClass, 98);
  assert.equal(after.shareAboveOneOverK, 0);
  const before = summariseRisk(result.initialClasses.values(), 5);
  assert.equal(before.maxRisk, 1);
  assert.equal(before.shareAboveOneOverK, 0.02);
});

test('kAnonymise counts distinct subjects when given, not rows', () => {
  const baseClasses = new Map<string, BaseClass>([
    [`30${classKeySeparator}A`, { rows: 10, subjects: [1, 2] }],
    [`31${classKeySeparator}A`, { rows: 10, subjects: [3, 4, 5] }],
  ]);
  const result = kAnonymise({ rules, baseClasses, k: 5, maxSuppressionPct: 0 });
  assert.deepEqual([...result.classes.values()], [{ rows: 20, size: 5 }]);
});
