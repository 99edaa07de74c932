import { addOpeningDays, nextOpeningDay } from "../calendar/calendar.ts";
import type { CalendarRules, IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, compareDates } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { HoldChannel, HoldContact } from "./hold-placement.ts";

/**
 * The hold shelf (予約確保): when the pickup week starts, when it ends, and what a patron or staff may still
 * do with a reservation in each status. Pure; the pickup point's calendar comes in as data.
 */

type Pickup = Policy["holds"]["pickup"];
export type HoldStatus = "pending" | "inTransit" | "ready" | "fulfilled" | "cancelled" | "expired";

/**
 * The day the pickup week starts for a reservation that became ready on `readyOn`: the notice day for mail,
 * the ready day without contact (001: 連絡不要 — ご用意できてから), and for phone contact not before staff have
 * phoned (null until then).
 */
export function pickupWeekStart(
  contact: HoldContact,
  readyOn: IsoDate,
  calledOn: IsoDate | null,
): IsoDate | null {
  if (contact === "phone") return calledOn;
  return readyOn;
}

/**
 * The last day to collect: `days` calendar days (then moved to the next opening day, so that the last day is
 * one the patron can come) or `days` opening days of the pickup point after the notice.
 */
export function pickupDeadline(pickup: Pickup, calendar: CalendarRules, notifiedOn: IsoDate): IsoDate {
  if (pickup.dayKind === "openingDays") return addOpeningDays(calendar, notifiedOn, pickup.days);
  return nextOpeningDay(calendar, addDays(notifiedOn, pickup.days));
}

/** A ready reservation not collected by its deadline is cancelled the day after. */
export function isPickupExpired(deadline: IsoDate | null, today: IsoDate): boolean {
  return deadline !== null && compareDates(today, deadline) > 0;
}

export type HoldChangeRefusal = { code: string; details: Record<string, unknown> };

const finished: readonly HoldStatus[] = ["fulfilled", "cancelled", "expired"];

/**
 * Whether the reservation may be cancelled (or its pickup point changed) through `channel`. The web cannot
 * touch a ready one where the policy says so (001, 003: すでに確保された資料の取消や変更はできません); staff can.
 */
export function refuseHoldChange(
  holds: Policy["holds"],
  status: HoldStatus,
  channel: HoldChannel | "staff",
  change: "cancel" | "changePickup",
): HoldChangeRefusal | null {
  if (finished.includes(status)) return { code: "HOLD_NOT_ACTIVE", details: { status } };
  const online = channel === "web" || channel === "line";
  if (online && status === "ready" && holds.webCannotCancelReady) {
    return {
      code: change === "cancel" ? "HOLD_READY_CANNOT_CANCEL_ONLINE" : "HOLD_READY_CANNOT_CHANGE_ONLINE",
      details: {},
    };
  }
  return null;
}
