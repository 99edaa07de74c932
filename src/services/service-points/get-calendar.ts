import type { Db } from "../../db/client.ts";
import { findBookDropRow, findServicePointRow } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { calendarDays, maxCalendarRangeDays } from "../../domain/calendar/calendar.ts";
import type { CalendarDay, CalendarRules } from "../../domain/calendar/calendar-rules.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";

export type CalendarTarget = { servicePoint: string } | { bookDrop: string };

/** Opening days of a service point (by id or code) or of a book drop (by code) over a range. */
export async function getCalendar(input: {
  db: Db;
  librarySystemId: number;
  target: CalendarTarget;
  from: string;
  to: string;
}): Promise<{ code: string; days: CalendarDay[] }> {
  const { from, to } = input;
  if (!isIsoDate(from) || !isIsoDate(to)) throw new AppError("INVALID_DATE", { from, to });
  if (from > to) throw new AppError("INVALID_RANGE", { from, to });
  const rules = await withTenant(input.db, input.librarySystemId, async (tx) => {
    if ("servicePoint" in input.target) {
      const row = await findServicePointRow(tx, input.target.servicePoint);
      if (!row) throw new AppError("SERVICE_POINT_NOT_FOUND", { servicePoint: input.target.servicePoint });
      return { code: row.code, calendar: row.calendar as CalendarRules };
    }
    const row = await findBookDropRow(tx, input.target.bookDrop);
    if (!row) throw new AppError("BOOK_DROP_NOT_FOUND", { bookDrop: input.target.bookDrop });
    return { code: row.code, calendar: row.calendar as CalendarRules };
  });
  try {
    return { code: rules.code, days: calendarDays(rules.calendar, from, to) };
  } catch (error) {
    if (error instanceof RangeError)
      throw new AppError("INVALID_RANGE", { from, to, maxDays: maxCalendarRangeDays });
    throw error;
  }
}
