import type { EpisodeHistory } from './caseSnapshot.ts';
import {
  durationSurvival,
  type DailySurvival,
  type DurationCurves,
  type ObservedEpisode,
} from './durationSurvival.ts';

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
 * Per week ahead, per segment: the period curves (`periodCurves`, the duration window as on the
 * as-of day) with the season of the same weeks a year before laid on them. Why the season: the
 * seasonal excess of sick reports (flu in winter) is short absences; the long ones, which make
 * most of the open count, arrive at a nearly flat rate (on the synthetic workforce, cases over 4
 * weeks: 140-180 a month all year while reports run 1,100-1,650). One curve for all seasons lets
 * the open count follow the inflow's seasonal swing, which the actual count does not.
 *
 * Why only the season's shape, taken from all segments together (seasonalAdjustment): a
 * segment's own cohort of 7 weeks holds a seventh of the reports its period curve rests on, so
 * for a small workforce its curve is mostly noise; on 5,000 employees the per-sector cohorts
 * made the week-13 error half as large again (absolute error 19 against 13) and the 80 %
 * interval held 0.70 of the counts (synth seed 2; 0.80 with the season from all sectors). Flu
 * reaches every sector, so the pooled cohort can carry the season, and each segment keeps the
 * level it shows over a whole year.
 *
 * A year-old cohort lags a drift in durations by a year; that lag is the same at every origin,
 * so the open-case error term measures and corrects it. Null for a week whose cohort lies before
 * the data begin.
 */
export function newCaseCurves(
  history: EpisodeHistory,
  periodCurves: DurationCurves,
  options: NewCaseCurveOptions,
): (readonly DailySurvival[] | null)[] {
  return Array.from({ length: options.horizonWeeks }, (_, i) => {
    const { from, to } = cohortDays(options.asOfDay, i);
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
        segment: 0,
      });
    }
    const seasonal = durationSurvival(cohort, { segmentCount: 1, minAtRisk: options.minAtRisk });
    return seasonalAdjustment(periodCurves, seasonal, options.minAtRisk);
  });
}

/** Per week ahead, whether its cohort lies inside the data (else newCaseCurves gives null). */
export function seasonalCohortsKnown(
  options: Pick<NewCaseCurveOptions, 'asOfDay' | 'observedFromDay' | 'horizonWeeks'>,
): boolean[] {
  return Array.from(
    { length: options.horizonWeeks },
    (_, i) => cohortDays(options.asOfDay, i).from >= options.observedFromDay,
  );
}

/**
 * Each segment's period curve times the ratio of the seasonal cohort's pooled curve to the
 * pooled period curve, S(d) = S_segment(d) * S_cohort(d) / S_pooled(d): the season changes the
 * share of cases still open after d days by the same factor in every segment. Why survival and
 * not hazard: the season adds or removes short cases (flu) in proportion to a segment's
 * reports, and a mix of that kind scales every segment's tail by the same 1 / (1 + excess),
 * whatever its own durations; a common hazard ratio per day would instead take the pooled
 * segments' short cases for the season's and push a segment of long cases too far (on two
 * sectors with 20- and 60-day absences and a flu season, the test of this module, the latter's
 * days open in 13 weeks came out 14-15 % high, against 3-6 % this way). Where the cohort has fewer than `minAtRisk` cases at risk the
 * ratio stays at its last value, so the segment's own hazard continues, by the rule
 * durationSurvival uses for small segments: the tail of 7 weeks of reports is a handful of
 * cases. The product is kept non-increasing by a running minimum: noise in the ratio can make it
 * rise on days the cohort has no ends. Pooling the rises instead (pool adjacent violators)
 * changed no coverage by more than 0.006 on the synthetic workforce, so the simpler rule stays.
 */
export function seasonalAdjustment(
  period: DurationCurves,
  seasonal: DurationCurves,
  minAtRisk: number,
): DailySurvival[] {
  const pooled = period.pooled.survivalByDay;
  const cohort = seasonal.pooled.survivalByDay;
  const ratio = new Float64Array(pooled.length).fill(1);
  for (let d = 1; d < pooled.length; d++) {
    const known = d < cohort.length && seasonal.pooledAtRisk[d]! >= minAtRisk && pooled[d]! > 0;
    ratio[d] = known ? cohort[d]! / pooled[d]! : ratio[d - 1]!;
  }
  return period.bySegment.map((curve) => {
    const own = curve.survivalByDay;
    const survivalByDay = new Float64Array(own.length);
    survivalByDay[0] = 1;
    for (let d = 1; d < own.length; d++) {
      survivalByDay[d] = Math.min(survivalByDay[d - 1]!, own[d]! * (ratio[d] ?? 1));
    }
    return { survivalByDay };
  });
}

/** Sick report days of the cohort for week `i + 1` ahead: the same weeks a year before. */
function cohortDays(asOfDay: number, i: number): { from: number; to: number } {
  return {
    from: asOfDay + daysPerWeek * i + 1 - daysPerYear - seasonHalfWidthDays,
    to: asOfDay + daysPerWeek * (i + 1) - daysPerYear + seasonHalfWidthDays,
  };
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
