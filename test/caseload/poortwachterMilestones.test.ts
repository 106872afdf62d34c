import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMilestones,
  measureNames,
  poortwachterMilestones,
  weekStartSickDay,
  type MeasureName,
} from '../../src/caseload/poortwachterMilestones.ts';

const horizonWeeks = 13;

function countsOf(cases: { startDay: number; durationDays: number; priorChainDays?: number }[]) {
  const counts = new Int32Array(measureNames.length * horizonWeeks);
  for (const c of cases) {
    addMilestones(counts, horizonWeeks, c.startDay, c.durationDays, c.priorChainDays ?? 0);
  }
  const at = (measure: MeasureName, week: number) =>
    counts[measureNames.indexOf(measure) * horizonWeeks + week - 1]!;
  return { counts, at };
}

describe('poortwachterMilestones', () => {
  it('puts the steps on the first day of sickness weeks 6, 8, 14, 20, ..., 42, 52 and 91', () => {
    const days = (measure: MeasureName) =>
      poortwachterMilestones.filter((m) => m.measure === measure).map((m) => m.sickDay);
    assert.deepEqual(days('problemAnalysis'), [35]);
    assert.deepEqual(days('planOfAction'), [49]);
    assert.deepEqual(days('evaluation').slice(0, 3), [91, 133, 175]);
    assert.equal(days('evaluation').length, 16);
    assert.deepEqual(days('uwvReport42Weeks'), [287]);
    assert.deepEqual(days('firstYearEvaluation'), [357]);
    assert.deepEqual(days('wiaApplication'), [630]);
    assert.deepEqual(days('passing6Weeks'), [42]);
    assert.equal(weekStartSickDay(1), 0);
  });
});

describe('addMilestones', () => {
  it('counts the steps a hand-made set of cases reaches in each forecast week', () => {
    const { at, counts } = countsOf([
      // Reported on day 1 of the window and absent for 60 days: problem analysis on day 36
      // (week 6), passing 6 weeks on day 43 (week 7), plan of action on day 50 (week 8).
      { startDay: 1, durationDays: 60 },
      // Open on the as-of day for 280 days already: the 42-week report on day 7 (week 1), an
      // evaluation at sick day 301 (week 44 of sickness) on day 21 (week 3) if still absent.
      { startDay: -280, durationDays: 310 },
      // Ends on day 35 exactly: absent on sick days 0..34, so no problem analysis is due.
      { startDay: 1, durationDays: 35 },
      // Open for 600 days: the WIA application at sick day 630 falls on day 30 (week 5).
      { startDay: -600, durationDays: Number.POSITIVE_INFINITY },
    ]);
    assert.equal(at('problemAnalysis', 6), 1);
    assert.equal(at('passing6Weeks', 7), 1);
    assert.equal(at('planOfAction', 8), 1);
    assert.equal(at('uwvReport42Weeks', 1), 1);
    assert.equal(at('evaluation', 3), 1);
    assert.equal(at('wiaApplication', 5), 1);
    // Evaluations of the 600-day case: sick weeks 92 and 98 (sick days 637 and 679) fall on
    // days 37 and 79 (weeks 6 and 12); the 280-day case has none after day 21: it ends on day 30.
    assert.equal(at('evaluation', 6), 1);
    assert.equal(at('evaluation', 12), 1);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      8,
    );
  });

  it('does not count a step again that an earlier episode of the chain already passed', () => {
    // 40 sick days in the linked earlier episode: the problem analysis (sick day 35) is done;
    // the plan of action at sick day 49 falls on episode day 9, i.e. day 10 (week 2).
    const { at } = countsOf([{ startDay: 1, durationDays: 30, priorChainDays: 40 }]);
    assert.equal(at('problemAnalysis', 1) + at('problemAnalysis', 2), 0);
    assert.equal(at('planOfAction', 2), 1);
    assert.equal(at('passing6Weeks', 1), 1);
  });

  it('ignores steps before the first or after the last forecast day', () => {
    const { counts } = countsOf([
      { startDay: -50, durationDays: 60 },
      { startDay: 90, durationDays: 100 },
    ]);
    // The first case passed weeks 6 and 8 before the window; the second's week 6 is day 125.
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      0,
    );
  });
});
