import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dailySurvivalAt,
  drawDurationDays,
  durationSurvival,
  type ObservedEpisode,
} from '../../src/caseload/durationSurvival.ts';
import { windowedEntryDays } from '../../src/caseload/caseSnapshot.ts';

const ended = (durationDays: number, entryDays = 0): ObservedEpisode => ({
  durationDays,
  isEnded: true,
  entryDays,
  segment: 0,
});

describe('durationSurvival', () => {
  it('gives the Kaplan-Meier product with censoring', () => {
    // Durations 2, 3+, 4, 6: S(2) = 3/4, S(4) = 3/4 * (1 - 1/2) = 3/8, S(6) = 0.
    const { pooled } = durationSurvival(
      [ended(2), { ...ended(3), isEnded: false }, ended(4), ended(6)],
      { segmentCount: 1, minAtRisk: 1 },
    );
    assert.equal(dailySurvivalAt(pooled, 1), 1);
    assert.equal(dailySurvivalAt(pooled, 2), 0.75);
    assert.equal(dailySurvivalAt(pooled, 3), 0.75);
    assert.equal(dailySurvivalAt(pooled, 4), 0.375);
    assert.equal(dailySurvivalAt(pooled, 6), 0);
  });

  it('counts an episode open when the data begin only from its entry day (left truncation)', () => {
    // Without delayed entry the 100-day episode would hold S(5) up at 1/3; it entered at day 50,
    // so it is not at risk on day 5 and S(5) = 0 among the two short ones.
    const { pooled } = durationSurvival([ended(5), ended(5), ended(100, 50)], {
      segmentCount: 1,
      minAtRisk: 1,
    });
    assert.equal(dailySurvivalAt(pooled, 5), 0);
    const naive = durationSurvival([ended(5), ended(5), ended(100)], {
      segmentCount: 1,
      minAtRisk: 1,
    });
    assert.ok(Math.abs(dailySurvivalAt(naive.pooled, 5) - 1 / 3) < 1e-12);
  });

  it('uses the pooled hazard on days a segment has too few cases at risk', () => {
    const episodes: ObservedEpisode[] = [
      ...Array.from({ length: 10 }, () => ({ ...ended(3), segment: 0 })),
      ...Array.from({ length: 10 }, () => ({ ...ended(10), segment: 0 })),
      { ...ended(1), segment: 1 },
      { ...ended(10), segment: 1 },
    ];
    const { bySegment, pooled } = durationSurvival(episodes, { segmentCount: 2, minAtRisk: 5 });
    // Segment 1 has 2 at risk: it follows the pooled curve, not its own (S(1) = 1/2).
    assert.equal(dailySurvivalAt(bySegment[1]!, 5), dailySurvivalAt(pooled, 5));
    assert.equal(dailySurvivalAt(bySegment[0]!, 5), 0.5);
  });
});

describe('drawDurationDays', () => {
  const { pooled } = durationSurvival([ended(2), ended(4), ended(6), ended(8)], {
    segmentCount: 1,
    minAtRisk: 1,
  });

  it('inverts the curve conditional on the elapsed days', () => {
    // S = 1, .75 at 2, .5 at 4, .25 at 6, 0 at 8.
    assert.equal(drawDurationDays(pooled, 0, 0.9), 2);
    assert.equal(drawDurationDays(pooled, 0, 0.6), 4);
    // Given 5 days absent: S(6)/S(5) = 0.5, S(8)/S(5) = 0.
    assert.equal(drawDurationDays(pooled, 5, 0.7), 6);
    assert.equal(drawDurationDays(pooled, 5, 0.3), 8);
  });

  it('returns Infinity when the draw lies beyond the longest observed duration', () => {
    const { pooled: censored } = durationSurvival([ended(2), { ...ended(9), isEnded: false }], {
      segmentCount: 1,
      minAtRisk: 1,
    });
    assert.equal(drawDurationDays(censored, 3, 0.2), Number.POSITIVE_INFINITY);
  });
});

describe('windowedEntryDays', () => {
  it('enters an episode when the data begin or the duration window opens, whichever is later', () => {
    // Data from day 100, window from day 300: reported on day 50, 200 and 400.
    assert.equal(windowedEntryDays(50, 100, 300), 250);
    assert.equal(windowedEntryDays(200, 100, 300), 100);
    assert.equal(windowedEntryDays(400, 100, 300), 0);
    assert.equal(windowedEntryDays(50, 100, 20), 50);
  });
});
