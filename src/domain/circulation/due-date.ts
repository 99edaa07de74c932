import { nextOpeningDay } from "../calendar/calendar.ts";
import type { CalendarRules, IsoDate } from "../calendar/calendar-rules.ts";
import { addDays } from "../calendar/dates.ts";

/**
 * The due date of a loan: the period counted from `from`, moved to the next day the service point is open,
 * so that nobody's item falls due over Golden Week or the New Year holidays.
 */
export function dueDateAfter(calendar: CalendarRules, from: IsoDate, periodDays: number): IsoDate {
  return nextOpeningDay(calendar, addDays(from, periodDays));
}
