import {
  claimNextHold,
  findTravellingHold,
  type HoldContact,
  lockRoutedItem,
  type RoutedItemRow,
  readHoldNoticeFacts,
  updateHold,
} from "../../db/queries/holds.ts";
import { type ItemPlacement, placeItem } from "../../db/queries/loans.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { mayFillReservation } from "../../domain/holds/hold-placement.ts";
import { pickupDeadline, pickupWeekStart } from "../../domain/holds/hold-shelf.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { type CirculationPoint, requireServicePoint } from "../circulation/circulation-context.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { holdReadyMail } from "./hold-mail.ts";

/**
 * Where a copy goes after a scan (a return, a check-in, a cancelled or expired reservation): to the first
 * reservation of its title that it can fill — kept here when that reservation is to be collected here, else
 * in transit to its pickup point — or, without one, home, or onto the shelf when it is home. A copy in
 * transit for a reservation that reaches its pickup point goes on the hold shelf.
 */

export type RoutedItem = RoutedItemRow;

export type Routing = {
  transitTo: { code: string; name: { ja: string; en: string } } | null;
  holdTrapped: { holdId: number; pickupPoint: string | null; ready: boolean } | null;
};

export type RoutingContext = {
  tx: TenantTx;
  policy: Policy;
  now: Date;
  today: IsoDate;
  /**
   * Puts the item where the routing decided. By default it is written at once; a return passes its own, to
   * write it with the rest of the return in one statement.
   */
  place?: (placement: ItemPlacement) => Promise<void>;
};

function place(ctx: RoutingContext, placement: ItemPlacement): Promise<void> {
  return ctx.place ? ctx.place(placement) : placeItem(ctx.tx, placement, ctx.now);
}

export async function routeItem(
  ctx: RoutingContext,
  item: RoutedItem,
  point: CirculationPoint,
): Promise<Routing> {
  const { tx } = ctx;
  if (item.status === "onHoldShelf") return { transitTo: null, holdTrapped: null };
  const travelling = item.status === "inTransit" ? await findTravellingHold(tx, item.id) : undefined;
  if (travelling) {
    if (travelling.pickupServicePointId !== point.id) {
      const transitTo = await describePoint(tx, travelling.pickupServicePointId);
      return { transitTo, holdTrapped: { holdId: travelling.id, pickupPoint: transitTo.code, ready: false } };
    }
    await makeReady(ctx, { id: travelling.id, contact: travelling.contact }, item.id, point);
    return { transitTo: null, holdTrapped: { holdId: travelling.id, pickupPoint: point.code, ready: true } };
  }
  const routed = await trapForNextHold(ctx, item, point);
  if (routed) return routed;
  return sendHome(ctx, item, point.id);
}

/**
 * The copy fills the first reservation it can, or null when none waits (or the copy may not fill one: an
 * in-library-use copy scanned in stays out of the queue).
 */
export async function trapForNextHold(
  ctx: RoutingContext,
  item: RoutedItem,
  point: CirculationPoint,
): Promise<Routing | null> {
  const { tx, now } = ctx;
  const fillable = mayFillReservation(ctx.policy.holds, {
    materialType: item.materialType as MaterialType,
    callNumber: item.callNumber,
    flags: item.flags as ItemFlag[],
  });
  const hold =
    fillable && item.holdsWaiting !== false ? await claimNextHold(tx, item.recordId, item.id) : undefined;
  if (!hold) return null;
  const pickup = hold.pickupServicePointId ?? item.homeServicePointId;
  if (pickup === point.id) {
    await makeReady(ctx, hold, item.id, point);
    return { transitTo: null, holdTrapped: { holdId: hold.id, pickupPoint: point.code, ready: true } };
  }
  await updateHold(tx, hold.id, { status: "inTransit", itemId: item.id }, now);
  await place(ctx, { id: item.id, status: "inTransit", transitTo: pickup });
  const transitTo = await describePoint(tx, pickup);
  return { transitTo, holdTrapped: { holdId: hold.id, pickupPoint: transitTo.code, ready: false } };
}

/** Home when it is home, else in transit to its home service point. */
export async function sendHome(
  ctx: RoutingContext,
  item: Pick<RoutedItem, "id" | "homeServicePointId">,
  hereId: string,
): Promise<Routing> {
  if (item.homeServicePointId === hereId) {
    await place(ctx, { id: item.id, status: "onShelf", transitTo: null });
    return { transitTo: null, holdTrapped: null };
  }
  await place(ctx, { id: item.id, status: "inTransit", transitTo: item.homeServicePointId });
  return { transitTo: await describePoint(ctx.tx, item.homeServicePointId), holdTrapped: null };
}

/**
 * The copy goes on the hold shelf for the reservation. The pickup week starts now for mail and "no contact",
 * and when staff reach the patron for phone contact (no deadline until then); the ready mail is queued in
 * this transaction, so it is sent exactly when the trap commits.
 */
export async function makeReady(
  ctx: RoutingContext,
  hold: { id: number; contact: HoldContact },
  itemId: number,
  point: CirculationPoint,
): Promise<void> {
  const { tx, policy, now, today } = ctx;
  const notifiedOn = pickupWeekStart(hold.contact, today, null);
  const deadline =
    notifiedOn === null ? null : pickupDeadline(policy.holds.pickup, point.calendar, notifiedOn);
  await updateHold(
    tx,
    hold.id,
    { status: "ready", itemId, readyOn: today, notifiedOn, pickupDeadline: deadline },
    now,
  );
  await place(ctx, { id: itemId, status: "onHoldShelf", transitTo: null });
  if (hold.contact !== "email") return;
  const facts = await readHoldNoticeFacts(tx, hold.id);
  if (!facts?.email) return;
  await queueMail(tx, { to: facts.email, ...holdReadyMail(facts.library, facts, deadline) }, now);
}

async function describePoint(tx: TenantTx, id: string) {
  const point = await requireServicePoint(tx, id);
  return { code: point.code, name: point.name };
}

/**
 * A copy held for a reservation that ended (cancelled or expired) goes to the next reservation or home. On
 * the hold shelf it is at the pickup point now; in transit it keeps travelling, to the next reservation's
 * pickup point or home.
 */
export async function releaseHeldItem(
  ctx: RoutingContext,
  itemId: number,
  held: { pickupServicePointId: string; travelling: boolean },
): Promise<Routing> {
  const { tx, now } = ctx;
  const item = await lockRoutedItem(tx, itemId);
  if (!held.travelling) {
    const point = await requireServicePoint(tx, held.pickupServicePointId);
    const freed = { ...item, status: "onShelf" as const };
    return (await trapForNextHold(ctx, freed, point)) ?? (await sendHome(ctx, item, point.id));
  }
  const fillable = mayFillReservation(ctx.policy.holds, {
    materialType: item.materialType as MaterialType,
    callNumber: item.callNumber,
    flags: item.flags as ItemFlag[],
  });
  const next = fillable ? await claimNextHold(tx, item.recordId, item.id) : undefined;
  const destination = next ? (next.pickupServicePointId ?? item.homeServicePointId) : item.homeServicePointId;
  if (next) await updateHold(tx, next.id, { status: "inTransit", itemId: item.id }, now);
  await place(ctx, { id: item.id, status: "inTransit", transitTo: destination });
  const transitTo = await describePoint(tx, destination);
  return {
    transitTo,
    holdTrapped: next ? { holdId: next.id, pickupPoint: transitTo.code, ready: false } : null,
  };
}
