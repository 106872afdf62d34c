const msPerDay = 86_400_000;
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days since 1970-01-01 of a date written as YYYY-MM-DD (a time after it is ignored), or
 * undefined when it is not a real calendar date. Digit arithmetic instead of `Date`: this runs
 * for every date cell of every row, twice, and `Date` made it the hottest function of a run.
 */
export function isoDayNumber(text: string): number | undefined {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  if (text.length > 10) {
    const next = text.charCodeAt(10);
    if (next !== 84 && next !== 32) return undefined;
  }
  return calendarDayNumber(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
}

/**
 * `isoDayNumber` of the ASCII bytes `bytes[start, end)`, already trimmed: the byte-level path of a
 * large CSV, which reads a date cell without making a string of it.
 */
export function isoDayNumberOfBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
): number | undefined {
  const length = end - start;
  if (length < 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return undefined;
  if (length > 10) {
    const next = bytes[start + 10];
    if (next !== 84 && next !== 32) return undefined;
  }
  return calendarDayNumber(
    digitsOfBytes(bytes, start, 4),
    digitsOfBytes(bytes, start + 5, 2),
    digitsOfBytes(bytes, start + 8, 2),
  );
}

/** The decimal number written by `length` ASCII digits from `start`; -1 when one is no digit. */
export function digitsOfBytes(bytes: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function calendarDayNumber(year: number, month: number, day: number): number | undefined {
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > daysInMonth[month - 1]! + (month === 2 && isLeap ? 1 : 0)) return undefined;
  return daysFromCivil(year, month, day);
}

/** The calendar month (YYYY-MM) of a day number. */
export function isoMonthOf(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 7);
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

// Howard Hinnant's days_from_civil: the proleptic Gregorian calendar in integer arithmetic.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
