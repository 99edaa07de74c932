import type { CalendarRules } from "../domain/calendar/calendar-rules.ts";

// Building blocks for service-point calendars, so each preset reads as a list of exceptions to the
// usual pattern. Every helper returns a fresh object: presets never share mutable calendar data.

type MonthlyClosedDay = NonNullable<CalendarRules["monthlyClosedDay"]>;
type Closure = CalendarRules["closures"][number];
type SpecialOpening = CalendarRules["specialOpenings"][number];

export const SUNDAY = 0;
export const MONDAY = 1;
export const TUESDAY = 2;
export const WEDNESDAY = 3;
export const THURSDAY = 4;
export const FRIDAY = 5;
export const SATURDAY = 6;

/** 年末年始 (12月29日〜1月3日): the year-end closure of Japanese public offices and most libraries. */
export function newYearHolidays(): NonNullable<CalendarRules["newYearClosure"]> {
  return { from: "12-29", to: "01-03" };
}

/** 館内整理日 on the n-th given weekday of the month (第3木曜日 → `nthWeekday(3, THURSDAY)`). */
export function nthWeekday(n: number, weekday: number): MonthlyClosedDay {
  return { kind: "nthWeekday", n, weekday };
}

/** 館内整理日 on the last given weekday of the month (最終木曜日). */
export function lastWeekday(weekday: number): MonthlyClosedDay {
  return { kind: "lastWeekday", weekday };
}

/** 館内整理日 on a fixed day of the month (毎月末日, the last day, is not expressible this way). */
export function dayOfMonth(day: number): MonthlyClosedDay {
  return { kind: "dayOfMonth", day };
}

/** A long or one-off closure, both ends inclusive. */
export function closure(from: string, to: string, ja: string, en: string): Closure {
  return { from, to, reason: { ja, en } };
}

export function specialOpening(date: string, ja: string, en: string): SpecialOpening {
  return { date, reason: { ja, en } };
}

type UsualOptions = {
  /** Weekly closed days; Monday unless given. */
  weeklyClosedDays?: number[];
  monthlyClosedDay?: MonthlyClosedDay | null;
  closures?: Closure[];
  specialOpenings?: SpecialOpening[];
};

/**
 * The usual Japanese public library: closed on Mondays, open on national holidays with the closed
 * day moved to the next weekday (「月曜休館・祝日の場合は翌平日」), closed 12-29 to 01-03, and a
 * monthly housekeeping day (館内整理日) when one is given.
 */
export function usualLibraryCalendar(options: UsualOptions = {}): CalendarRules {
  return {
    weeklyClosedDays: options.weeklyClosedDays ?? [MONDAY],
    holidays: "closedDayMovesToNextWeekday",
    newYearClosure: newYearHolidays(),
    monthlyClosedDay: options.monthlyClosedDay ?? null,
    closures: options.closures ?? [],
    specialOpenings: options.specialOpenings ?? [],
  };
}

/** Open every day of the year except over the New Year (a book drop outside the building). */
export function openEveryDayExceptNewYear(): CalendarRules {
  return {
    weeklyClosedDays: [],
    holidays: "open",
    newYearClosure: newYearHolidays(),
    monthlyClosedDay: null,
    closures: [],
    specialOpenings: [],
  };
}

/**
 * A public office's week: Monday to Friday, closed on holidays and over the New Year (city halls,
 * and services run by office staff such as outreach visits).
 */
export function officeHoursCalendar(options: { closures?: Closure[] } = {}): CalendarRules {
  return {
    weeklyClosedDays: [SUNDAY, SATURDAY],
    holidays: "closed",
    newYearClosure: newYearHolidays(),
    monthlyClosedDay: null,
    closures: options.closures ?? [],
    specialOpenings: [],
  };
}

/**
 * A community facility (公民館, コミュニティセンター): closed on Mondays (a holiday Monday moves the
 * closed day to the next weekday) and over a slightly longer New Year (12-28 to 01-04), the common
 * pattern of municipal halls.
 */
export function communityFacilityCalendar(): CalendarRules {
  return {
    weeklyClosedDays: [MONDAY],
    holidays: "closedDayMovesToNextWeekday",
    newYearClosure: { from: "12-28", to: "01-04" },
    monthlyClosedDay: null,
    closures: [],
    specialOpenings: [],
  };
}
