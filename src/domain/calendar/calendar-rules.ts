import { z } from "zod";

/** A calendar date in Japan time, `YYYY-MM-DD`. The domain never handles time zones for dates. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
export type IsoDate = string;

const localisedText = z.object({ ja: z.string().min(1), en: z.string().min(1) });

/**
 * How a service point treats national holidays.
 * - `open`: open on holidays (weekly closed days still apply when they fall on one);
 * - `closed`: closed on every national holiday;
 * - `closedDayMovesToNextWeekday`: open on holidays, and when the weekly closed day is a holiday the
 *   library closes on the next day that is neither a holiday nor already closed (「祝日の場合は翌平日」).
 */
export const holidayRuleSchema = z.enum(["open", "closed", "closedDayMovesToNextWeekday"]);

/** The monthly housekeeping day (館内整理日). */
export const monthlyClosedDaySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("nthWeekday"),
    n: z.number().int().min(1).max(5),
    weekday: z.number().int().min(0).max(6),
  }),
  z.object({ kind: z.literal("lastWeekday"), weekday: z.number().int().min(0).max(6) }),
  z.object({ kind: z.literal("dayOfMonth"), day: z.number().int().min(1).max(31) }),
]);

export const calendarRulesSchema = z.object({
  /** Weekdays the service point is closed every week: 0 = Sunday … 6 = Saturday. */
  weeklyClosedDays: z.array(z.number().int().min(0).max(6)),
  holidays: holidayRuleSchema,
  /** Year-end closure, as month-day bounds that may wrap the year (`12-29` to `01-03`). */
  newYearClosure: z
    .object({ from: z.string().regex(/^\d{2}-\d{2}$/), to: z.string().regex(/^\d{2}-\d{2}$/) })
    .nullable(),
  monthlyClosedDay: monthlyClosedDaySchema.nullable(),
  /** Long or one-off closures, inclusive (the South Library closed up to and including 2026-06-01). */
  closures: z.array(z.object({ from: isoDateSchema, to: isoDateSchema, reason: localisedText })),
  /** Days open although a rule above would close them. */
  specialOpenings: z.array(z.object({ date: isoDateSchema, reason: localisedText })),
});

export type CalendarRules = z.infer<typeof calendarRulesSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
const hoursSchema = z.object({ opens: clockTime, closes: clockTime });

/** Opening hours on an open day: the usual hours, and other hours on some weekdays (weekends, say). */
export const openingHoursSchema = hoursSchema.extend({
  byWeekday: z.array(hoursSchema.extend({ weekday: z.number().int().min(0).max(6) })),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export type ClosedReason =
  | "weeklyClosed"
  | "holiday"
  | "substituteClosed"
  | "newYear"
  | "housekeeping"
  | "closure";

export type CalendarDay = {
  date: IsoDate;
  open: boolean;
  /** Why the day is closed, or why it is open against the rules (`specialOpening`); null on ordinary days. */
  reason: ClosedReason | "specialOpening" | null;
  /** The holiday's or closure's own name, where there is one. */
  note: { ja: string; en: string } | null;
};
