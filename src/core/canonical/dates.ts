import { z } from 'zod';

/**
 * A calendar date as `YYYY-MM-DD`, checked to exist. A text of another shape stops at the first
 * check, so that it is one problem and not also "not a calendar date".
 */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD', abort: true })
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'not a calendar date');

/** A calendar month as `YYYY-MM`. */
export const isoMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/** Months from the first to the second month (`YYYY-MM`), negative when the second is earlier. */
export function monthsBetween(fromMonth: string, toMonth: string): number {
  return monthIndex(toMonth) - monthIndex(fromMonth);
}

export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function formatMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

const msPerDay = 86_400_000;

/** Whole days from the first to the second date (`YYYY-MM-DD`), negative when it is earlier. */
export function daysBetween(fromDate: string, toDate: string): number {
  return dayNumber(toDate) - dayNumber(fromDate);
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, by the civil-calendar arithmetic of Howard
 * Hinnant's days_from_civil: feature building calls it millions of times, where Date.parse is slow.
 */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** ISO weekday of a `YYYY-MM-DD` date: 1 Monday ... 7 Sunday. 1970-01-01 was a Thursday. */
export function isoWeekdayOfDate(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * msPerDay).toISOString().slice(0, 10);
}

/**
 * The same time of day `months` later (or earlier, when negative), on the month's last day when
 * it has no such day: 31 January + 1 month is 28 or 29 February, 31 August - 6 months is
 * 28 February. `Date.setUTCMonth` alone would run over into March.
 */
export function addMonthsClamped(from: Date, months: number): Date {
  const target = new Date(from);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}
