/**
 * The ISO-8601 date-times `createdAt` may take as a string, read without Date.parse (which reads a date-time
 * without an offset in the host's local time zone, and rolls impossible dates such as 2025-02-30 over into the next
 * month). Accepted shapes:
 *
 *   YYYY-MM-DD                                  midnight UTC
 *   YYYY-MM-DDTHH:MM[:SS[.fraction]]            UTC (no offset means UTC, whatever the host's time zone)
 *   YYYY-MM-DDTHH:MM[:SS[.fraction]]Z
 *   YYYY-MM-DDTHH:MM[:SS[.fraction]]±HH:MM      (or ±HHMM)
 *
 * The fraction has 1..9 digits and is truncated to milliseconds. Every field is range-checked against the calendar
 * (leap years included): month 01..12, day 01..last day of the month, hour 00..23 (24:00 is rejected; write 00:00
 * of the next day), minute 00..59, second 00..60, offset at most ±23:59. A leap second (:60) counts as the last
 * millisecond of its minute, so the event stays in its own minute, day and week.
 *
 * Shared by the zod schema and the fast path, so both read dates the same way; allocation-free.
 */

/** Why a string is not an accepted date-time (see isoDateTimeProblemMessage). */
export type IsoDateTimeProblem = 'shape' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'offset';

/** Epoch milliseconds of an ISO-8601 date-time string, or the reason it is not one. */
export function scanIsoDateTime(s: string): number | IsoDateTimeProblem {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45) return 'shape';
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return 'shape';
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offsetMinutes = 0;
  if (n > 10) {
    if (s.charCodeAt(10) !== 84 /* T */ || n < 16 || s.charCodeAt(13) !== 58 /* : */) return 'shape';
    hour = digits(s, 11, 2);
    minute = digits(s, 14, 2);
    if (hour < 0 || minute < 0) return 'shape';
    let i = 16;
    if (i < n && s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      if (second < 0) return 'shape';
      i += 3;
      if (i < n && s.charCodeAt(i) === 46 /* . */) {
        const start = ++i;
        while (i < n && isDigit(s.charCodeAt(i))) {
          if (i - start < 3) ms = ms * 10 + (s.charCodeAt(i) - 48);
          i++;
        }
        const count = i - start;
        if (count === 0 || count > 9) return 'shape';
        for (let k = count; k < 3; k++) ms *= 10;
      }
    }
    if (i < n) {
      const c = s.charCodeAt(i);
      if (c === 90 /* Z */) {
        if (i + 1 !== n) return 'shape';
      } else if (c === 43 /* + */ || c === 45 /* - */) {
        const oh = digits(s, i + 1, 2);
        const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
        const om = digits(s, i + 3 + colon, 2);
        if (oh < 0 || om < 0 || i + 5 + colon !== n) return 'shape';
        if (oh > 23 || om > 59) return 'offset';
        offsetMinutes = (c === 43 ? 1 : -1) * (oh * 60 + om);
      } else {
        return 'shape';
      }
    }
  }
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  if (hour > 23) return 'hour';
  if (minute > 59) return 'minute';
  if (second > 60) return 'second';
  if (second === 60) {
    second = 59;
    ms = 999;
  }
  // Date.UTC maps years 0..99 to 1900..1999; those are outside the accepted range either way.
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** The sentence zod reports for a problem (the date-time string itself is not repeated except for its month). */
export function isoDateTimeProblemMessage(s: string, problem: IsoDateTimeProblem): string {
  switch (problem) {
    case 'shape':
      return 'must be an ISO-8601 date-time';
    case 'month':
      return 'is not a valid date: the month must be 01..12';
    case 'day': {
      const days = daysInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
      return `is not a valid date: ${s.slice(0, 7)} has ${days} days, so day ${s.slice(8, 10)} is not a calendar date`;
    }
    case 'hour':
      return 'is not a valid time: the hour must be 00..23';
    case 'minute':
      return 'is not a valid time: the minute must be 00..59';
    case 'second':
      return 'is not a valid time: the second must be 00..59 (60 for a leap second)';
    case 'offset':
      return 'is not a valid time: the UTC offset must be within ±23:59';
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The number written by `len` ASCII digits at `from`, or -1 when any of them is not a digit (or is missing). */
function digits(s: string, from: number, len: number): number {
  if (from + len > s.length) return -1;
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
