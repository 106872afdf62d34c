import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { windowedEntryDays, type EpisodeHistory } from '../../src/caseload/caseSnapshot.ts';
import {
  dailySurvivalAt,
  durationSurvival,
  type DailySurvival,
  type DurationCurves,
  type ObservedEpisode,
} from '../../src/caseload/durationSurvival.ts';
import {
  firstAtOrAfter,
  newCaseCurves,
  seasonalCohortsKnown,
} from '../../src/caseload/newCaseCurves.ts';
import { createRandom } from '../../src/core/random.ts';

/** Twenty reports a day to `asOfDay`: 10 days on average in one half of the year, 30 in the other. */
function seasonalHistory(asOfDay: number): EpisodeHistory {
  const random = createRandom(7);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = 0; day <= asOfDay; day++) {
    const mean = day % 364 < 182 ? 10 : 30;
    for (let k = 0; k < 20; k++) {
      const duration = Math.max(1, Math.ceil(-mean * Math.log(1 - random.next())));
      starts.push(day);
      ends.push(day + duration <= asOfDay ? day + duration : Infinity);
    }
  }
  return {
    startDays: Int32Array.from(starts),
    endDays: Float64Array.from(ends),
    segments: new Int32Array(starts.length),
  };
}

const options = { observedFromDay: 0, horizonWeeks: 4, segmentCount: 1, minAtRisk: 30 };

/** The period curves of the 365 days before `asOfDay`, as caseSnapshot and durationSurvival fit them. */
function periodCurves(
  history: EpisodeHistory,
  asOfDay: number,
  segmentCount: number,
  observedFromDay = 0,
): DurationCurves {
  const observed: ObservedEpisode[] = [];
  for (let i = 0; i < history.startDays.length; i++) {
    const start = history.startDays[i]!;
    const end = history.endDays[i]!;
    if (start > asOfDay || end <= asOfDay - 365) continue;
    const isEnded = end <= asOfDay;
    observed.push({
      durationDays: (isEnded ? end : asOfDay) - start,
      isEnded,
      entryDays: windowedEntryDays(start, observedFromDay, asOfDay - 365),
      segment: history.segments[i]!,
    });
  }
  return durationSurvival(observed, { segmentCount, minAtRisk: 30 });
}

/**
 * Two sectors with their own durations (mean 20 days in sector 0, 60 in sector 1, which has a
 * twentieth of its reports) and, in the first half of each year, as many flu reports again in
 * both, lasting 4 days on average.
 */
function twoSectorHistory(asOfDay: number): EpisodeHistory {
  const random = createRandom(11);
  const starts: number[] = [];
  const ends: number[] = [];
  const segments: number[] = [];
  const add = (day: number, mean: number, segment: number) => {
    const duration = Math.max(1, Math.ceil(-mean * Math.log(1 - random.next())));
    starts.push(day);
    ends.push(day + duration <= asOfDay ? day + duration : Infinity);
    segments.push(segment);
  };
  for (let day = 0; day <= asOfDay; day++) {
    const flu = day % 364 < 182;
    for (const [segment, reports, mean] of [
      [0, 20, 20],
      [1, 1, 60],
    ] as const) {
      for (let k = 0; k < reports; k++) {
        add(day, mean, segment);
        if (flu) add(day, 4, segment);
      }
    }
  }
  return {
    startDays: Int32Array.from(starts),
    endDays: Float64Array.from(ends),
    segments: Int32Array.from(segments),
  };
}

describe('newCaseCurves', () => {
  it('gives new cases the durations of the same weeks a year before', () => {
    // Weeks ahead in the middle of the short half (day 91 of the year), then of the long half.
    for (const [asOfDay, low, high] of [
      [364 * 3 + 84, 0.05, 0.25],
      [364 * 3 + 84 + 182, 0.4, 0.65],
    ] as const) {
      const history = seasonalHistory(asOfDay);
      const period = periodCurves(history, asOfDay, 1);
      const curves = newCaseCurves(history, period, { ...options, asOfDay });
      for (const week of curves) {
        const s20 = dailySurvivalAt(week![0]!, 20);
        assert.ok(s20 > low && s20 < high, `as of ${asOfDay}: S(20) = ${s20}`);
      }
    }
  });

  it('has no curve for a week whose cohort lies before the data begin', () => {
    const asOfDay = 400;
    const history = seasonalHistory(asOfDay);
    const period = periodCurves(history, asOfDay, 1);
    const curves = newCaseCurves(history, period, { ...options, asOfDay });
    // Week 1's cohort starts on day 400 + 1 - 364 - 21 = 16, week 4's on day 37.
    assert.ok(curves.every((c) => c !== null));
    const laterOptions = { ...options, asOfDay, observedFromDay: 30 };
    const later = newCaseCurves(history, period, laterOptions);
    assert.deepEqual(
      later.map((c) => c !== null),
      [false, false, true, true],
    );
    assert.deepEqual(seasonalCohortsKnown(laterOptions), [false, false, true, true]);
  });

  it("keeps a small sector's own durations and takes only the season from all sectors", () => {
    // Weeks ahead in the middle of the flu half: half of sector 1's reports are 4-day flu cases.
    const asOfDay = 364 * 3 + 70;
    const history = twoSectorHistory(asOfDay);
    const period = periodCurves(history, asOfDay, 2);
    const curves = newCaseCurves(history, period, { ...options, asOfDay, segmentCount: 2 });
    // Its 7-week cohort a year before has about 100 cases, fewer than 30 at risk after 4 weeks:
    // a sector's own seasonal curve falls back to the pooled one there, which is sector 0's,
    // and misses the long cases (days open in the 13 weeks: 17-21 instead of 25.4); the period
    // curve misses the season (33.5). Taking only the season from all sectors: 26-27.
    const daysOpen = (curve: DailySurvival) => {
      let days = 0;
      for (let d = 0; d < 91; d++) days += dailySurvivalAt(curve, d);
      return days;
    };
    const truth = (60 * (1 - Math.exp(-91 / 60)) + 4) / 2;
    for (const week of curves) {
      const days = daysOpen(week![1]!);
      assert.ok(Math.abs(days / truth - 1) < 0.1, `${days} days open, truth ${truth}`);
    }
  });

  it('finds the first report on or after a day by bisection', () => {
    const days = Int32Array.of(1, 3, 3, 8);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 8, 9].map((day) => firstAtOrAfter(days, day)),
      [0, 0, 1, 1, 3, 3, 4],
    );
  });
});
