import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalFeatures } from '../../src/features/canonicalFeatures.ts';
import { knownEpisodes } from '../../src/features/episodeHistory.ts';
import type { FeatureSpec } from '../../src/features/featureSpec.ts';
import { casesFromRecords } from '../../src/features/scoringCase.ts';
import { readCanonicalDataset } from '../../src/sources/canonical/readCanonicalDataset.ts';
import { smallWorkforce } from '../support/workforce.ts';
import { featuresReadingTheFuture, knownAtReport } from './knownAtReport.ts';

const dataset = await readCanonicalDataset(await smallWorkforce({ employees: 2000, seed: 5 }));
const cases = casesFromRecords(dataset.employees, dataset.episodes);
const withHistory = cases.filter((c) => knownEpisodes(c).length > 0);

test('every canonical feature at a sick report equals its value from the records of that day', () => {
  assert.ok(cases.length > 3000, `cases: ${cases.length}`);
  assert.ok(withHistory.length > 1000, `cases with history: ${withHistory.length}`);
  // The check must see later facts that differ: most cases ended after their report day.
  const endedLater = cases.filter((c) => c.episode.endDate != null).length;
  assert.ok(endedLater > cases.length * 0.9, `ended later: ${endedLater}`);
  assert.deepEqual(featuresReadingTheFuture(canonicalFeatures, cases), []);
});

test('the point-in-time check names a feature that reads what was known only later', () => {
  const leaky = (name: string, value: FeatureSpec['value']): FeatureSpec =>
    ({ ...canonicalFeatures[0]!, name, kind: 'numeric', value }) as FeatureSpec;
  const features = [
    ...canonicalFeatures,
    // The case's own outcome, as a careless feature builder might read it.
    leaky('ownDurationDays', (c) => c.episode.durationDays),
    leaky('isOwnEpisodeEnded', (c) => (c.episode.endDate == null ? 0 : 1)),
    // Every history episode, later reports included.
    leaky('allReports', (c) => c.history.length),
    // An earlier episode's end date used without cutting it at the report.
    leaky('lastEndDay', (c) => c.history.filter((e) => e.endDate != null).length),
  ];
  assert.deepEqual(featuresReadingTheFuture(features, cases), [
    'allReports',
    'isOwnEpisodeEnded',
    'lastEndDay',
    'ownDurationDays',
  ]);
});

test('an earlier episode still open at the report counts its days up to the report only', () => {
  const target = withHistory.find((c) => knownEpisodes(c).some((k) => k.daysBefore > 10))!;
  const earlier = knownEpisodes(target).find((k) => k.daysBefore > 10)!.episode;
  // The earlier episode ends after this report in the records (overlapping reports happen when a
  // new illness is reported during a partial return): at the report it was open.
  const overlapping = {
    ...target,
    history: target.history.map((e) =>
      e.episodeId === earlier.episodeId ? { ...e, endDate: '2099-01-01', durationDays: 9999 } : e,
    ),
  };
  const known = knownAtReport(overlapping);
  for (const spec of canonicalFeatures) {
    assert.equal(spec.value(overlapping), spec.value(known), spec.name);
  }
  const entry = knownEpisodes(overlapping).find((k) => k.episode.episodeId === earlier.episodeId)!;
  assert.equal(entry.daysSinceEnd, undefined);
  assert.equal(entry.daysAbsent, entry.daysBefore);
});
