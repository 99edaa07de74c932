import holidayJp from "@holiday-jp/holiday_jp";
import type { IsoDate } from "./calendar-rules.ts";

// Japanese national holidays (国民の祝日, 振替休日 and 国民の休日), from @holiday-jp/holiday_jp.
// The package's table is keyed by `YYYY-MM-DD` and covers 1970–2050; dates outside it have no holiday.

export type HolidayName = { ja: string; en: string };

const table: Readonly<Record<string, { name: string; name_en: string } | undefined>> = holidayJp.holidays;

/** The national holiday's name on `date` (`{ ja: "成人の日", en: "Coming of Age Day" }`), or null on other days. */
export function holidayName(date: IsoDate): HolidayName | null {
  if (!Object.hasOwn(table, date)) return null;
  const holiday = table[date];
  return holiday ? { ja: holiday.name, en: holiday.name_en } : null;
}

/** Whether `date` is a national holiday (substitute holidays and 国民の休日 included). */
export function isHoliday(date: IsoDate): boolean {
  return holidayName(date) !== null;
}
