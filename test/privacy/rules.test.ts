import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBandRule } from '../../src/privacy/rules/ageBandRule.ts';
import { isoDayNumber } from '../../src/privacy/rules/isoDay.ts';
import { rareCategoryRule } from '../../src/privacy/rules/rareCategoryRule.ts';
import { regionRule } from '../../src/privacy/rules/regionRule.ts';
import { relativeWeeksRule } from '../../src/privacy/rules/relativeWeeksRule.ts';
import { topCodeRule } from '../../src/privacy/rules/topCodeRule.ts';

test('ageBandRule bands the age at the reference date and widens it per level', () => {
  const rule = ageBandRule(5, '2026-01-01');
  assert.equal(rule.base('1982-10-17'), '43');
  assert.equal(rule.base('1982-01-01'), '44');
  assert.equal(rule.base('1982'), '44');
  assert.equal(rule.atLevel('43', 0), '40-44');
  assert.equal(rule.atLevel('43', 1), '40-49');
  assert.equal(rule.atLevel('43', 2), '40-59');
  assert.equal(rule.atLevel('43', 3), '*');
  assert.equal(rule.base('1982-02-30'), undefined);
  assert.equal(rule.base(''), '');
});

test('regionRule keeps the PC2 or the province, then coarser', () => {
  const pc2 = regionRule('pc2');
  assert.equal(pc2.base('3123 CS 129'), '31');
  assert.equal(pc2.atLevel('31', 0), '31');
  assert.equal(pc2.atLevel('31', 1), '3x');
  assert.equal(pc2.atLevel('31', 2), '*');
  assert.equal(pc2.base('0123 AB'), undefined);
  const province = regionRule('province');
  assert.equal(province.atLevel(province.base('1017 AB')!, 0), 'Noord-Holland');
  assert.equal(province.atLevel(province.base('9712 CP')!, 0), 'Groningen');
  assert.equal(province.atLevel(province.base('5611 AA')!, 1), 'Zuid-Nederland');
});

test('relativeWeeksRule counts whole weeks from the reference date', () => {
  const rule = relativeWeeksRule('2026-01-01');
  assert.equal(rule.base('2026-01-01'), '0');
  assert.equal(rule.base('2026-01-08'), '1');
  assert.equal(rule.base('2025-12-31'), '-1');
  assert.equal(rule.atLevel('-1', 1), '-4..-1');
  assert.equal(rule.atLevel('5', 2), '0..12');
  assert.equal(rule.base('31-12-2025'), undefined);
});

test('rareCategoryRule merges categories below the count after pass one', () => {
  const rule = rareCategoryRule(3, 'other');
  const observer = rule.createObserver!();
  for (const value of ['a', 'a', 'b']) observer.observe(rule.base(value)!);
  rule.learn!(observer.take());
  for (const value of ['a', 'b', 'c']) observer.observe(rule.base(value)!);
  rule.learn!(observer.take());
  rule.finish?.();
  assert.equal(rule.atLevel('a', 0), 'a');
  assert.equal(rule.atLevel('b', 0), 'other');
  assert.equal(rule.atLevel('c', 0), 'other');
});

test('topCodeRule caps at a fixed value or at a quantile of the column', () => {
  const fixed = topCodeRule({ cap: 100 });
  assert.equal(fixed.atLevel('250', 0), '100');
  assert.equal(fixed.atLevel('99', 0), '99');
  const quantile = topCodeRule({ quantile: 0.9 });
  const observer = quantile.createObserver!();
  for (let i = 1; i <= 100; i++) observer.observe(String(i));
  quantile.learn!(observer.take());
  quantile.finish!();
  assert.equal(quantile.atLevel('100', 0), '90');
  assert.equal(quantile.atLevel('50', 0), '50');
  assert.equal(fixed.base('many'), undefined);
});

test('isoDayNumber agrees with Date on every day from 1900 to 2100 and refuses impossible dates', () => {
  for (let day = -25_567; day < 47_482; day++) {
    const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoDayNumber(text) !== day) assert.fail(text);
  }
  for (const text of [
    '2023-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '24-01-01',
    '2024-1-01',
  ]) {
    assert.equal(isoDayNumber(text), undefined, text);
  }
  assert.equal(isoDayNumber('2024-02-29'), 19_782);
  assert.equal(isoDayNumber('2024-02-29T10:00:00Z'), 19_782);
});

test('a rule copy settled from the one that learnt transforms alike, in another thread too', () => {
  const learnt = rareCategoryRule(2, 'other');
  learnt.learn!({
    kind: 'counts',
    counts: new Map([
      ['a', 2],
      ['b', 1],
    ]),
  });
  const copy = rareCategoryRule(2, 'other');
  copy.settle!(structuredClone(learnt.settlement!()));
  assert.deepEqual([copy.atLevel('a', 0), copy.atLevel('b', 0)], ['a', 'other']);

  const capped = topCodeRule({ quantile: 0.5 });
  capped.learn!({ kind: 'numbers', values: Float64Array.from([1, 2, 3, 4]) });
  capped.finish!();
  const cappedCopy = topCodeRule({ quantile: 0.5 });
  cappedCopy.settle!(structuredClone(capped.settlement!()));
  assert.equal(cappedCopy.atLevel('4', 0), '2');
  assert.equal(cappedCopy.describe(0), capped.describe(0));
});

test('each rule states the format of its values per level, for readers of the extract', () => {
  const reference = '2026-01-01';
  assert.deepEqual(ageBandRule(5, reference).format(1), {
    kind: 'age-band',
    widthYears: 10,
    referenceDate: reference,
  });
  assert.deepEqual(ageBandRule(5, reference).format(3), { kind: 'suppressed' });
  assert.deepEqual(relativeWeeksRule(reference).format(0), {
    kind: 'relative-weeks',
    blockWeeks: 1,
    referenceDate: reference,
  });
  assert.deepEqual(relativeWeeksRule(reference).format(2), {
    kind: 'relative-weeks',
    blockWeeks: 13,
    referenceDate: reference,
  });
  assert.deepEqual(regionRule('pc2').format(1), { kind: 'region', level: 'pc1' });
  assert.deepEqual(regionRule('province').format(0), { kind: 'region', level: 'province' });
  assert.deepEqual(rareCategoryRule(10, 'other').format(0), {
    kind: 'category',
    minCount: 10,
    otherLabel: 'other',
  });
  const quantile = topCodeRule({ quantile: 0.5 });
  assert.deepEqual(quantile.format(0), { kind: 'top-coded', cap: null });
  quantile.learn!({ kind: 'numbers', values: Float64Array.from([1, 2, 3, 4]) });
  quantile.finish!();
  assert.deepEqual(quantile.format(0), { kind: 'top-coded', cap: 2 });
  assert.deepEqual(quantile.format(1), { kind: 'suppressed' });
});
