import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Episode } from '../../src/core/canonical/episode.ts';
import { casesFromRecords } from '../../src/features/scoringCase.ts';
import { uciFeatures } from '../../src/features/uciFeatures.ts';
import { readUciDataset } from '../../src/sources/uci/readUciDataset.ts';
import { uciFile } from '../support/paths.ts';

const dataset = await readUciDataset(uciFile);

function featureTable(episodes: readonly Episode[]) {
  const cases = casesFromRecords(dataset.employees, episodes);
  return new Map(cases.map((c) => [c.caseId, uciFeatures.map((spec) => spec.value(c))]));
}

test('features of a record stay the same when later records are added', () => {
  const half = Math.floor(dataset.episodes.length / 2);
  const early = featureTable(dataset.episodes.slice(0, half));
  const all = featureTable(dataset.episodes);
  assert.ok(early.size > 300);
  for (const [caseId, values] of early) assert.deepEqual(all.get(caseId), values, caseId);
});

test('features ignore history reported after the case, even when it is passed in', () => {
  const withFuture = casesFromRecords(dataset.employees, dataset.episodes);
  const target = withFuture.find((c) => c.caseId === 'uci-0100');
  assert.ok(target !== undefined);
  const laterLongAbsences: Episode[] = Array.from({ length: 5 }, (_, i) => ({
    ...target.episode,
    episodeId: `future-${i}`,
    startMonth: '2010-06',
    sequence: 10_000 + i,
    durationHours: 120,
  }));
  const inflated = { ...target, history: [...target.history, ...laterLongAbsences] };
  assert.deepEqual(
    uciFeatures.map((spec) => spec.value(inflated)),
    uciFeatures.map((spec) => spec.value(target)),
  );
});

test('history features count only earlier sick reports of the same employee', () => {
  const cases = casesFromRecords(dataset.employees, dataset.episodes);
  const employee = cases.filter((c) => c.employee.employeeId === 'uci-11');
  const counts = employee.map((c) => uciFeatures[0]!.value(c));
  assert.deepEqual(
    counts,
    employee.map((_, i) => i),
    'the n-th report of uci-11 has n - 1 earlier ones',
  );
  const first = employee[0]!;
  const byName = new Map(uciFeatures.map((spec) => [spec.name, spec.value(first)]));
  assert.equal(byName.get('priorAbsenceHours'), 0);
  assert.equal(byName.get('monthsSinceLastSickReport'), undefined);
});

test('two reports of one month without a sequence are not each other’s history', () => {
  const [a, b] = dataset.episodes.filter((e) => e.employeeId === 'uci-11');
  assert.ok(a !== undefined && b !== undefined);
  const first = { ...a, startMonth: '2009-01' };
  const second = { ...b, startMonth: '2009-01' };
  delete first.sequence;
  delete second.sequence;
  const [caseOfSecond] = casesFromRecords(dataset.employees, [first, second]).slice(1);
  assert.equal(uciFeatures[0]!.value(caseOfSecond!), 0);
});
