import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { lockHoldPatron } from "../../db/queries/holds.ts";
import {
  cancelTerminalBookingRow,
  findTerminalBooking,
  insertTerminalBooking,
  listBookingsOfDay,
  listOpenBookingsOfPatron,
  type TerminalBookingRow,
} from "../../db/queries/terminal-bookings.ts";
import { withTenant } from "../../db/tenant.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { refuseCardUse } from "../../domain/patrons/card-lifecycle.ts";
import {
  clockOf,
  decideTerminalBooking,
  minutesOf,
  terminalSlots,
} from "../../domain/terminals/terminal-slots.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import {
  listServicePoints,
  requireServicePointView,
  type ServicePointView,
} from "../service-points/list-service-points.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

type Context = { db: Db; librarySystemId: number; now: Date };

/** Who books: a signed-in patron on the web, or staff at the counter for a patron. */
export type TerminalActor = { kind: "patron" } | { kind: "staff"; staff: StaffActor };

export type BookingInput = {
  patronId: string;
  servicePoint: string;
  date: IsoDate;
  /** `HH:MM`, the start of one of the day's slots. */
  startsAt: string;
  /** A particular terminal; the first free one when not named. */
  terminal?: number | null;
};

/** Japan's minute of the day now (the slots are in local time). */
function nowMinuteOf(now: Date): number {
  const local = new Date(now.getTime() + 9 * 3600_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/**
 * Books a terminal for a slot (001): card holders only, within the service point's opening hours, the policy's
 * number of bookings per patron at a time. Two bookings racing for one slot: the unique index lets one in and
 * the other is told the slot is taken.
 */
export async function bookTerminal(
  ctx: Context & { actor: TerminalActor },
  input: BookingInput,
): Promise<TerminalBookingRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  if (!isIsoDate(input.date)) throw new AppError("INVALID_DATE", { date: input.date });
  if (!/^\d{2}:\d{2}$/.test(input.startsAt)) throw new AppError("VALIDATION_FAILED", { field: "startsAt" });
  const [{ policy }, point] = await Promise.all([
    getPolicyInForce(db, librarySystemId, today),
    requireServicePointView(ctx.db, ctx.librarySystemId, input.servicePoint),
  ]);
  try {
    return await withTenant(db, librarySystemId, async (tx) => {
      const patron = await lockHoldPatron(tx, input.patronId);
      if (!patron || patron.status === "deleted" || !patron.cardNumber) {
        throw new AppError("PATRON_NOT_FOUND", {});
      }
      const [refusal] = refuseCardUse(
        policy.registration,
        {
          patron: { status: patron.status, expiresOn: patron.expiresOn },
          card: { number: patron.cardNumber, kind: patron.cardKind!, status: patron.cardStatus! },
        },
        ctx.actor.kind === "patron" ? "web" : "reserve",
        today,
      );
      if (refusal) throw new AppError(refusal.code, refusal.details);
      const nowMinute = nowMinuteOf(now);
      const open = await listOpenBookingsOfPatron(tx, patron.patronId, today, nowMinute);
      const startMinute = minutesOf(input.startsAt);
      const taken = (await listBookingsOfDay(tx, point.id, input.date))
        .filter((b) => b.startMinute === startMinute)
        .map((b) => b.terminal);
      const terminal =
        input.terminal ??
        Array.from({ length: point.internetTerminals }, (_, i) => i + 1).find((n) => !taken.includes(n)) ??
        1;
      const slot = decideTerminalBooking({
        point,
        date: input.date,
        startMinute,
        terminal,
        slotMinutes: policy.fees.internetTerminalSlotMinutes,
        bookingsPerPatron: policy.fees.internetTerminalBookingsPerPatron,
        patronBookings: open.length,
        today,
        nowMinute,
      });
      if (taken.includes(terminal)) throw slotTaken(input);
      const staffId = ctx.actor.kind === "staff" ? ctx.actor.staff.staffId : null;
      const { id } = await insertTerminalBooking(tx, {
        servicePointId: point.id,
        terminal,
        patronId: patron.patronId,
        day: input.date,
        startMinute: slot.startMinute,
        endMinute: slot.endMinute,
        channel: ctx.actor.kind === "patron" ? "web" : "counter",
        bookedByStaffId: staffId,
        now,
      });
      if (ctx.actor.kind === "staff") {
        await insertAuditEntry(tx, {
          actorStaffId: staffId,
          action: "terminal.booked",
          subjectType: "patron",
          subjectId: patron.patronId,
          details: { bookingId: id, ...actorDetails(ctx.actor.staff) },
          at: now,
        });
      }
      return (await findTerminalBooking(tx, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slotTaken(input);
    throw error;
  }
}

function slotTaken(input: BookingInput) {
  return new AppError("TERMINAL_SLOT_TAKEN", { date: input.date, startsAt: input.startsAt });
}

/** Cancels a booking; a patron may cancel only their own, and only before it ends. */
export async function cancelTerminalBooking(
  ctx: Context & { actor: TerminalActor; patronId?: string },
  id: number,
): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  await withTenant(db, librarySystemId, async (tx) => {
    const booking = await findTerminalBooking(tx, id, true);
    const mine = ctx.actor.kind === "staff" || booking?.patronId === ctx.patronId;
    if (!booking || !mine || booking.status !== "booked") {
      throw new AppError("TERMINAL_BOOKING_NOT_FOUND", { bookingId: id });
    }
    const today = japanDate(now);
    if (booking.day < today || (booking.day === today && booking.endMinute <= nowMinuteOf(now))) {
      throw new AppError("TERMINAL_SLOT_PAST", { date: booking.day, startsAt: clockOf(booking.startMinute) });
    }
    await cancelTerminalBookingRow(tx, id, now);
    if (ctx.actor.kind === "staff") {
      await insertAuditEntry(tx, {
        actorStaffId: ctx.actor.staff.staffId,
        action: "terminal.cancelled",
        subjectType: "patron",
        subjectId: booking.patronId ?? "",
        details: { bookingId: id, ...actorDetails(ctx.actor.staff) },
        at: now,
      });
    }
  });
}

export type TerminalDay = {
  servicePoint: { code: string; name: { ja: string; en: string } };
  date: IsoDate;
  terminals: number;
  slotMinutes: number;
  slots: {
    startsAt: string;
    endsAt: string;
    past: boolean;
    /** Per terminal (1…n): the booking, or null when free. */
    terminals: (TerminalBookingRow | null)[];
  }[];
};

/** A service point's day: every slot and, per terminal, who booked it (staff see the names; patrons don't). */
export async function getTerminalDay(
  ctx: Context,
  servicePoint: string,
  date: IsoDate,
): Promise<TerminalDay> {
  if (!isIsoDate(date)) throw new AppError("INVALID_DATE", { date });
  const today = japanDate(ctx.now);
  const [{ policy }, point] = await Promise.all([
    getPolicyInForce(ctx.db, ctx.librarySystemId, today),
    requireServicePointView(ctx.db, ctx.librarySystemId, servicePoint),
  ]);
  if (point.internetTerminals === 0) throw new AppError("NO_TERMINALS_AT_SERVICE_POINT", { servicePoint });
  const slotMinutes = policy.fees.internetTerminalSlotMinutes;
  const bookings = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    listBookingsOfDay(tx, point.id, date),
  );
  const nowMinute = nowMinuteOf(ctx.now);
  return {
    servicePoint: { code: point.code, name: point.name },
    date,
    terminals: point.internetTerminals,
    slotMinutes,
    slots: terminalSlots(point, date, slotMinutes).map((slot) => ({
      startsAt: clockOf(slot.startMinute),
      endsAt: clockOf(slot.endMinute),
      past: date < today || (date === today && slot.endMinute <= nowMinute),
      terminals: Array.from(
        { length: point.internetTerminals },
        (_, i) => bookings.find((b) => b.terminal === i + 1 && b.startMinute === slot.startMinute) ?? null,
      ),
    })),
  };
}

/** The service points with terminals, for the pages' choice. */
export async function listTerminalPoints(ctx: Context): Promise<ServicePointView[]> {
  return (await listServicePoints(ctx.db, ctx.librarySystemId)).filter((p) => p.internetTerminals > 0);
}

export async function listMyTerminalBookings(ctx: Context, patronId: string): Promise<TerminalBookingRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    listOpenBookingsOfPatron(tx, patronId, japanDate(ctx.now), nowMinuteOf(ctx.now)),
  );
}
