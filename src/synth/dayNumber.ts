/**
 * Dates as whole days since 1970-01-01 (UTC). The generator works on these integers because it
 * handles millions of dates, and turns them into `YYYY-MM-DD` text only when writing.
 */
const msPerDay = 86_400_000;

export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / msPerDay;
}

export function dayNumberFromIso(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / msPerDay;
}

export function isoFromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 10);
}

/** ISO weekday: 1 Monday ... 7 Sunday. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Calendar parts of a day number, without allocating a Date per call on the hot path. */
export function calendarPartsOf(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Monday-to-Friday days in [fromDay, toDayExclusive).
 * TODO: public holidays count as work days, so work-day durations run about 3 % long.
 */
export function workDaysBetween(fromDay: number, toDayExclusive: number): number {
  const days = toDayExclusive - fromDay;
  if (days <= 0) return 0;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  let weekday = isoWeekdayOf(fromDay + fullWeeks * 7);
  for (let i = fullWeeks * 7; i < days; i++) {
    if (weekday <= 5) count++;
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  return count;
}

/**
 * Text of every day in a window, made once: formatting dates through `Date` for each of tens of
 * millions of cells would dominate the generator's run time.
 */
export function createIsoDateCache(
  firstDay: number,
  lastDay: number,
): (dayNumber: number) => string {
  const texts: string[] = [];
  for (let day = firstDay; day <= lastDay; day++) texts.push(isoFromDayNumber(day));
  return (dayNumber) => texts[dayNumber - firstDay] ?? isoFromDayNumber(dayNumber);
}
