import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EpisodeHistory } from '../../src/caseload/caseSnapshot.ts';
import { dailySurvivalAt } from '../../src/caseload/durationSurvival.ts';
import { firstAtOrAfter, newCaseCurves } from '../../src/caseload/newCaseCurves.ts';
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

describe('newCaseCurves', () => {
  it('gives new cases the durations of the same weeks a year before', () => {
    // Weeks ahead in the middle of the short half (day 91 of the year), then of the long half.
    for (const [asOfDay, low, high] of [
      [364 * 3 + 84, 0.05, 0.25],
      [364 * 3 + 84 + 182, 0.4, 0.65],
    ] as const) {
      const curves = newCaseCurves(seasonalHistory(asOfDay), { ...options, asOfDay });
      for (const week of curves) {
        const s20 = dailySurvivalAt(week![0]!, 20);
        assert.ok(s20 > low && s20 < high, `as of ${asOfDay}: S(20) = ${s20}`);
      }
    }
  });

  it('has no curve for a week whose cohort lies before the data begin', () => {
    const asOfDay = 400;
    const curves = newCaseCurves(seasonalHistory(asOfDay), { ...options, asOfDay });
    // Week 1's cohort starts on day 400 + 1 - 364 - 21 = 16, week 4's on day 37.
    assert.ok(curves.every((c) => c !== null));
    const later = newCaseCurves(seasonalHistory(asOfDay), {
      ...options,
      asOfDay,
      observedFromDay: 30,
    });
    assert.deepEqual(
      later.map((c) => c !== null),
      [false, false, true, true],
    );
  });

  it('finds the first report on or after a day by bisection', () => {
    const days = Int32Array.of(1, 3, 3, 8);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 8, 9].map((day) => firstAtOrAfter(days, day)),
      [0, 0, 1, 1, 3, 3, 4],
    );
  });
});
