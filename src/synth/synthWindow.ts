import { calendarPartsOf, createIsoDateCache, dayNumberOf } from './dayNumber.ts';
import { createIntensityCalendar, type IntensityCalendar } from './intensityCalendar.ts';

/** Years simulated before the period so that long episodes and history are already in place. */
export const burnInYears = 2;
/** Years before the period that the oldest employees started working (67 - 17 = 50, and room). */
const oldestEmploymentStartYears = 60;

/**
 * The generated period [periodStartDay, periodEndDayExclusive), observed at the end of its last
 * day, and the burn-in before it. Episodes are simulated from the burn-in on; only those still
 * running on or after the first day of the period are written.
 */
export interface SynthWindow {
  startYear: number;
  years: number;
  burnInStartDay: number;
  periodStartDay: number;
  periodEndDayExclusive: number;
  calendar: IntensityCalendar;
  isoDate: (dayNumber: number) => string;
  /** Calendar year and month (1-12) of a day in the window, from tables made once. */
  yearOf: (dayNumber: number) => number;
  monthOf: (dayNumber: number) => number;
}

export function createSynthWindow(startYear: number, years: number): SynthWindow {
  const burnInStartDay = dayNumberOf(startYear - burnInYears, 1, 1);
  const periodStartDay = dayNumberOf(startYear, 1, 1);
  const periodEndDayExclusive = dayNumberOf(startYear + years, 1, 1);
  const days = periodEndDayExclusive - burnInStartDay;
  const yearTable = new Uint16Array(days);
  const monthTable = new Uint8Array(days);
  for (let i = 0; i < days; i++) {
    const parts = calendarPartsOf(burnInStartDay + i);
    yearTable[i] = parts.year;
    monthTable[i] = parts.month;
  }
  return {
    startYear,
    years,
    burnInStartDay,
    periodStartDay,
    periodEndDayExclusive,
    calendar: createIntensityCalendar(burnInStartDay, periodEndDayExclusive),
    // Employments start up to about fifty years before the period and episodes end up to a few
    // years after it; the cache covers both, so no date is formatted through Date per row.
    isoDate: createIsoDateCache(
      dayNumberOf(startYear - oldestEmploymentStartYears, 1, 1),
      periodEndDayExclusive + 4 * 366,
    ),
    yearOf: (day) => yearTable[day - burnInStartDay]!,
    monthOf: (day) => monthTable[day - burnInStartDay]!,
  };
}
