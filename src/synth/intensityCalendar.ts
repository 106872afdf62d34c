import { christmasIntensity, monthIntensity, weekdayIntensity } from './calibration.ts';
import { calendarPartsOf, isoWeekdayOf } from './dayNumber.ts';

/**
 * The cumulative report intensity over the simulated window, normalised to one report-unit per
 * year. Drawing the next sick report is then one exponential draw and a binary search (inversion of
 * the cumulative hazard), instead of a coin per employee per day: a million employees over five
 * years would otherwise take billions of draws.
 */
export interface IntensityCalendar {
  firstDay: number;
  endDayExclusive: number;
  /**
   * The first day in [fromDay, endDay) on which a Poisson process with the calendar's shape reports,
   * at `reportsPerYear` before `boostEndDay` multiplied by `boostFactor`; undefined when none.
   */
  nextReportDay(
    fromDay: number,
    endDayExclusive: number,
    reportsPerYear: number,
    boost: { endDay: number; factor: number },
    exponentialDraw: number,
  ): number | undefined;
}

export function createIntensityCalendar(
  firstDay: number,
  endDayExclusive: number,
): IntensityCalendar {
  const days = endDayExclusive - firstDay;
  const weights = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    const day = firstDay + i;
    const { month, day: dayOfMonth } = calendarPartsOf(day);
    const isChristmas = (month === 12 && dayOfMonth >= 22) || (month === 1 && dayOfMonth === 1);
    const weight =
      monthIntensity[month - 1]! *
      weekdayIntensity[isoWeekdayOf(day) - 1]! *
      (isChristmas ? christmasIntensity : 1);
    weights[i] = weight;
    total += weight;
  }

  // Normalise so that a year holds one unit: a rate in reports per year then multiplies directly.
  const unitsPerDay = days / 365.25 / total;
  const cumulative = new Float64Array(days + 1);
  for (let i = 0; i < days; i++) cumulative[i + 1] = cumulative[i]! + weights[i]! * unitsPerDay;

  const at = (day: number): number => cumulative[Math.min(Math.max(day - firstDay, 0), days)]!;

  // Smallest day d with cumulative[d + 1] > target, found by bisection.
  const dayReaching = (target: number): number => {
    let low = 0;
    let high = days;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle + 1]! > target) high = middle;
      else low = middle + 1;
    }
    return firstDay + low;
  };

  return {
    firstDay,
    endDayExclusive,
    nextReportDay(fromDay, endDay, reportsPerYear, boost, exponentialDraw) {
      const start = at(fromDay);
      const boostEnd = Math.min(Math.max(boost.endDay, fromDay), endDay);
      const boostedUnits = (at(boostEnd) - start) * reportsPerYear * boost.factor;
      const target =
        exponentialDraw < boostedUnits
          ? start + exponentialDraw / (reportsPerYear * boost.factor)
          : at(boostEnd) + (exponentialDraw - boostedUnits) / reportsPerYear;
      if (target >= at(endDay)) return undefined;
      return dayReaching(target);
    },
  };
}
