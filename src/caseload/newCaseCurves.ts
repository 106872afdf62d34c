import type { EpisodeHistory } from './caseSnapshot.ts';
import { durationSurvival, type DailySurvival, type ObservedEpisode } from './durationSurvival.ts';

export interface NewCaseCurveOptions {
  /** The day the curves are fitted on: ends after it are unknown (censored). */
  readonly asOfDay: number;
  readonly observedFromDay: number;
  readonly horizonWeeks: number;
  readonly segmentCount: number;
  readonly minAtRisk: number;
}

const daysPerWeek = 7;
// 52 weeks, so a year earlier is the same weekday and week of the year.
const daysPerYear = 364;
/**
 * Reports within 3 weeks either side of the target week a year earlier: about the length of a
 * flu wave, so the curve keeps the season's mix and still rests on 7 weeks of reports.
 */
export const seasonHalfWidthDays = 21;

/**
 * Per week ahead, per segment: the survival of cases reported in the same weeks of the year a
 * year before, followed up to the as-of day (at least 8 months). Why: the seasonal excess of
 * sick reports (flu in winter) is short absences; the long ones, which make most of the open
 * count, arrive at a nearly flat rate (on the synthetic workforce, cases over 4 weeks: 140-180 a
 * month all year while reports run 1,100-1,650). One curve for all seasons lets the open count
 * follow the inflow's seasonal swing, which the actual count does not. A year-old cohort lags a
 * drift in durations by a year; that lag is the same at every origin, so the open-case error
 * term measures and corrects it. Null for a week whose cohort lies before the data begin.
 */
export function newCaseCurves(
  history: EpisodeHistory,
  options: NewCaseCurveOptions,
): (readonly DailySurvival[] | null)[] {
  return Array.from({ length: options.horizonWeeks }, (_, i) => {
    const from = options.asOfDay + daysPerWeek * i + 1 - daysPerYear - seasonHalfWidthDays;
    const to = options.asOfDay + daysPerWeek * (i + 1) - daysPerYear + seasonHalfWidthDays;
    if (from < options.observedFromDay) return null;
    const cohort: ObservedEpisode[] = [];
    for (let k = firstAtOrAfter(history.startDays, from); k < history.startDays.length; k++) {
      const start = history.startDays[k]!;
      if (start > to) break;
      const end = history.endDays[k]!;
      const isEnded = end <= options.asOfDay;
      cohort.push({
        durationDays: (isEnded ? end : options.asOfDay) - start,
        isEnded,
        entryDays: 0,
        segment: history.segments[k]!,
      });
    }
    return durationSurvival(cohort, {
      segmentCount: Math.max(options.segmentCount, 1),
      minAtRisk: options.minAtRisk,
    }).bySegment;
  });
}

/** Index of the first value >= `day` in ascending `days`. */
export function firstAtOrAfter(days: Int32Array, day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (days[middle]! < day) low = middle + 1;
    else high = middle;
  }
  return low;
}
