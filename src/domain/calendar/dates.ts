import type { IsoDate } from "./calendar-rules.ts";

// Calendar-date arithmetic on `YYYY-MM-DD` strings. Dates are Japan-local calendar dates; to stay clear of
// time zones and daylight-saving shifts, every computation runs on UTC midnights and never reads the clock.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type DateParts = { year: number; month: number; day: number };

/** Splits a date into year, month (1–12) and day; throws a RangeError unless it is a real `YYYY-MM-DD` date. */
export function parseIsoDate(date: IsoDate): DateParts {
  const match = ISO_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`Invalid date "${date}": expected an existing calendar date as YYYY-MM-DD`);
}

/** Whether the string is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** The number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMs(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const utc = new Date(ms);
  const year = String(utc.getUTCFullYear()).padStart(4, "0");
  const month = String(utc.getUTCMonth() + 1).padStart(2, "0");
  const day = String(utc.getUTCDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

/** The date `n` days after `date` (before it when `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays expects a whole number of days, got ${n}`);
  return fromUtcMs(toUtcMs(date) + n * MS_PER_DAY);
}

/** The day of the week: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** Negative when `a` is earlier than `b`, 0 when they are the same day, positive when `a` is later. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toUtcMs(a) - toUtcMs(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** The number of days from `from` to `to` (negative when `to` is earlier): `daysBetween(d, addDays(d, n)) === n`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same day `months` calendar months later (earlier when negative), or that month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatIsoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
