import { calendarDay } from "../calendar/calendar.ts";
import type { CalendarRules, IsoDate, OpeningHours } from "../calendar/calendar-rules.ts";
import { weekdayOf } from "../calendar/dates.ts";
import { AppError } from "../errors.ts";

/**
 * Internet terminals (001 インターネット検索用端末): card holders book a terminal for a slot of the policy's
 * length. Slots follow the service point's opening hours on its open days, the last one ending by closing
 * time; a patron holds at most the policy's number of bookings that have not yet ended.
 */

export type Slot = { startMinute: number; endMinute: number };

export function minutesOf(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h! * 60 + m!;
}

export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The hours of a day: the weekday's own hours where set, else the usual ones. */
export function hoursOn(hours: OpeningHours, date: IsoDate): { opens: string; closes: string } {
  return hours.byWeekday.find((h) => h.weekday === weekdayOf(date)) ?? hours;
}

/** The day's slots: none on a closed day or without hours. */
export function terminalSlots(
  point: { calendar: CalendarRules; openingHours: OpeningHours | null },
  date: IsoDate,
  slotMinutes: number,
): Slot[] {
  if (!point.openingHours || !calendarDay(point.calendar, date).open) return [];
  const { opens, closes } = hoursOn(point.openingHours, date);
  const slots: Slot[] = [];
  for (let start = minutesOf(opens); start + slotMinutes <= minutesOf(closes); start += slotMinutes) {
    slots.push({ startMinute: start, endMinute: start + slotMinutes });
  }
  return slots;
}

export type TerminalBookingFacts = {
  point: {
    code: string;
    calendar: CalendarRules;
    openingHours: OpeningHours | null;
    internetTerminals: number;
  };
  date: IsoDate;
  startMinute: number;
  terminal: number;
  slotMinutes: number;
  bookingsPerPatron: number;
  /** The patron's bookings that have not ended yet. */
  patronBookings: number;
  /** Now, as Japan's date and minute of the day. */
  today: IsoDate;
  nowMinute: number;
};

/** Refuses a booking the rules do not allow; answers the slot it takes. */
export function decideTerminalBooking(f: TerminalBookingFacts): Slot {
  if (f.point.internetTerminals === 0) {
    throw new AppError("NO_TERMINALS_AT_SERVICE_POINT", { servicePoint: f.point.code });
  }
  if (f.terminal < 1 || f.terminal > f.point.internetTerminals) {
    throw new AppError("TERMINAL_NOT_FOUND", { terminal: f.terminal, terminals: f.point.internetTerminals });
  }
  const slots = terminalSlots(f.point, f.date, f.slotMinutes);
  if (slots.length === 0) throw new AppError("SERVICE_POINT_CLOSED_THAT_DAY", { date: f.date });
  const slot = slots.find((s) => s.startMinute === f.startMinute);
  if (!slot) {
    throw new AppError("TERMINAL_SLOT_OUTSIDE_HOURS", {
      startsAt: clockOf(f.startMinute),
      slots: slots.map((s) => clockOf(s.startMinute)),
    });
  }
  if (f.date < f.today || (f.date === f.today && slot.endMinute <= f.nowMinute)) {
    throw new AppError("TERMINAL_SLOT_PAST", { date: f.date, startsAt: clockOf(slot.startMinute) });
  }
  if (f.patronBookings >= f.bookingsPerPatron) {
    throw new AppError("TERMINAL_BOOKING_LIMIT_REACHED", { limit: f.bookingsPerPatron });
  }
  return slot;
}
