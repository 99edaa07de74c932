import type { CalendarDay, CalendarRules, ClosedReason, IsoDate } from "./calendar-rules.ts";
import { addDays, type DateParts, daysBetween, daysInMonth, parseIsoDate, weekdayOf } from "./dates.ts";
import { type HolidayName, holidayName } from "./holidays.ts";

// Opening days of a service point, decided from its CalendarRules. Pure: no clock, no I/O.
//
// Precedence, first match wins:
//   1. a special opening                      → open, "specialOpening"
//   2. a closure (long or one-off)            → closed, "closure" (note = the closure's reason)
//   3. the New Year closure (may wrap a year) → closed, "newYear"
//   4. the monthly housekeeping day           → closed, "housekeeping"
//   5. a weekly closed day                    → closed, "weeklyClosed" — except on a national holiday under
//                                               `closedDayMovesToNextWeekday`, when the library opens
//   6. a national holiday under `closed`      → closed, "holiday"; other rules: open, reason null
//   7. under `closedDayMovesToNextWeekday`, the first day after a weekly closed day that fell on an open
//      holiday which is neither a holiday nor closed by 2–5 → closed, "substituteClosed"
//   8. anything else                          → open, reason null
// The note carries the holiday's name on any holiday not otherwise described (a closure or special
// opening carries its own reason instead).

/** How far `nextOpeningDay` looks ahead, and how far a substitute closing is traced back (3 years). */
const SEARCH_LIMIT_DAYS = 3 * 366;
/** `calendarDays` lists at most this many days. */
export const maxCalendarRangeDays = 366;

type Closing = { reason: ClosedReason; note: HolidayName | null };

/** Decides whether the service point is open on `date`, and why not (or why it is open against its rules). */
export function calendarDay(rules: CalendarRules, date: IsoDate): CalendarDay {
  const parts = parseIsoDate(date);
  const special = rules.specialOpenings.find((opening) => opening.date === date);
  if (special) return { date, open: true, reason: "specialOpening", note: { ...special.reason } };

  const holiday = holidayName(date);
  const fixed = fixedClosing(rules, date, parts);
  if (fixed) return closedDay(date, { reason: fixed.reason, note: fixed.note ?? holiday });

  if (isWeeklyClosedDay(rules, date) && !(holiday && rules.holidays === "closedDayMovesToNextWeekday")) {
    return closedDay(date, { reason: "weeklyClosed", note: holiday });
  }
  if (holiday) {
    if (rules.holidays === "closed") return closedDay(date, { reason: "holiday", note: holiday });
    return { date, open: true, reason: null, note: holiday };
  }
  if (rules.holidays === "closedDayMovesToNextWeekday" && owesSubstituteClosing(rules, date)) {
    return closedDay(date, { reason: "substituteClosed", note: null });
  }
  return { date, open: true, reason: null, note: null };
}

/** Whether the service point is open on `date`. */
export function isOpen(rules: CalendarRules, date: IsoDate): boolean {
  return calendarDay(rules, date).open;
}

/**
 * The first opening day on or after `date` (`inclusive`, the default) or strictly after it.
 * Throws when there is none within 3 years, which means the rules close (nearly) every day.
 */
export function nextOpeningDay(
  rules: CalendarRules,
  date: IsoDate,
  { inclusive = true }: { inclusive?: boolean } = {},
): IsoDate {
  parseIsoDate(date);
  for (let offset = inclusive ? 0 : 1; offset <= SEARCH_LIMIT_DAYS; offset++) {
    const candidate = addDays(date, offset);
    if (isOpen(rules, candidate)) return candidate;
  }
  throw new Error(
    `No opening day within 3 years (${SEARCH_LIMIT_DAYS} days) ${inclusive ? "from" : "after"} ${date}: ` +
      "the calendar rules close every day",
  );
}

/**
 * The `n`-th opening day after `date` (`n` ≥ 1; `date` itself never counts): with `n = 2`, the second
 * opening day after an application. `n = 0` gives the first opening day on or after `date`.
 */
export function addOpeningDays(rules: CalendarRules, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`addOpeningDays expects a whole number of opening days ≥ 0, got ${n}`);
  }
  if (n === 0) return nextOpeningDay(rules, date, { inclusive: true });
  let current = date;
  for (let i = 0; i < n; i++) current = nextOpeningDay(rules, current, { inclusive: false });
  return current;
}

/** Every day from `from` to `to` inclusive; a RangeError when `from` is after `to` or the range exceeds 366 days. */
export function calendarDays(rules: CalendarRules, from: IsoDate, to: IsoDate): CalendarDay[] {
  const span = daysBetween(from, to);
  if (span < 0) throw new RangeError(`Invalid date range: ${from} is after ${to}`);
  if (span + 1 > maxCalendarRangeDays) {
    throw new RangeError(
      `Date range ${from}..${to} spans ${span + 1} days; at most ${maxCalendarRangeDays} allowed`,
    );
  }
  const days: CalendarDay[] = [];
  for (let offset = 0; offset <= span; offset++) days.push(calendarDay(rules, addDays(from, offset)));
  return days;
}

function closedDay(date: IsoDate, { reason, note }: Closing): CalendarDay {
  return { date, open: false, reason, note };
}

/** Closings that apply whatever the weekday or holiday: closures, the New Year closure, housekeeping days. */
function fixedClosing(rules: CalendarRules, date: IsoDate, parts: DateParts): Closing | null {
  // Rule dates are canonical YYYY-MM-DD (or MM-DD) strings, so string order is date order.
  const closure = rules.closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { reason: "closure", note: { ...closure.reason } };
  if (rules.newYearClosure && inMonthDayRange(date.slice(5), rules.newYearClosure)) {
    return { reason: "newYear", note: null };
  }
  if (rules.monthlyClosedDay && isHousekeepingDay(rules.monthlyClosedDay, date, parts)) {
    return { reason: "housekeeping", note: null };
  }
  return null;
}

/** `MM-DD` bounds, inclusive; when `from` is after `to` the range wraps the year (`12-29` to `01-03`). */
function inMonthDayRange(monthDay: string, { from, to }: { from: string; to: string }): boolean {
  return from <= to ? from <= monthDay && monthDay <= to : monthDay >= from || monthDay <= to;
}

function isHousekeepingDay(
  rule: NonNullable<CalendarRules["monthlyClosedDay"]>,
  date: IsoDate,
  { year, month, day }: DateParts,
): boolean {
  switch (rule.kind) {
    case "nthWeekday":
      // A month without a 5th such weekday simply has no housekeeping day.
      return weekdayOf(date) === rule.weekday && Math.ceil(day / 7) === rule.n;
    case "lastWeekday":
      return weekdayOf(date) === rule.weekday && day + 7 > daysInMonth(year, month);
    case "dayOfMonth":
      // Day 29–31 in a shorter month falls on its last day, so `31` means "the last day of every month".
      return day === Math.min(rule.day, daysInMonth(year, month));
  }
}

function isWeeklyClosedDay(rules: CalendarRules, date: IsoDate): boolean {
  return rules.weeklyClosedDays.includes(weekdayOf(date));
}

/**
 * Under `closedDayMovesToNextWeekday`: whether `date` (a non-holiday not otherwise closed) is the first such
 * day after a weekly closed day on which the library opened because it was a holiday. Tracing back, holidays
 * and days closed anyway are skipped; the first ordinary day (open, or a special opening) ends the trace.
 * Several moved closed days in one run of holidays give a single substitute closing.
 */
function owesSubstituteClosing(rules: CalendarRules, date: IsoDate): boolean {
  let day = date;
  for (let step = 0; step < SEARCH_LIMIT_DAYS; step++) {
    day = addDays(day, -1);
    const special = rules.specialOpenings.some((opening) => opening.date === day);
    const closedAnyway = fixedClosing(rules, day, parseIsoDate(day)) !== null;
    if (holidayName(day)) {
      // A weekly closed day on a holiday moves only when the library actually opened that day.
      if (isWeeklyClosedDay(rules, day) && (special || !closedAnyway)) return true;
      continue;
    }
    if (special) return false;
    if (closedAnyway || isWeeklyClosedDay(rules, day)) continue;
    return false;
  }
  return false;
}
