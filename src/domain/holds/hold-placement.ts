import type { IsoDate } from "../calendar/calendar-rules.ts";
import type { Refusal } from "../circulation/refusal.ts";
import { type CardStanding, mustRenewBeforeWebUse, refuseCardUse } from "../patrons/card-lifecycle.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { Basis, ItemFlag, MaterialType, ServicePointType } from "../vocabulary.ts";

/**
 * Whether a patron may reserve a title (DOMAIN.md "Reservations and requests"; documents 001 and 003). Pure:
 * the policy and the facts read in the placement's transaction in, every refusal out (the first is the
 * answer, the rest are shown beside it).
 */

export type HoldChannel = "counter" | "phone" | "web" | "line";
export type HoldContact = "email" | "phone" | "none";

export type HoldableItem = {
  id: number;
  materialType: MaterialType;
  callNumber: string;
  flags: readonly ItemFlag[];
};

export type ActiveHold = { recordId: number; channel: HoldChannel; materialType: MaterialType | null };

export type HoldPlacementFacts = {
  today: IsoDate;
  channel: HoldChannel;
  contact: HoldContact;
  standing: CardStanding;
  patron: { basis: Basis; registrationKind: "area" | "wideArea"; email: string | null };
  recordId: number;
  /** The title's items that are not withdrawn. */
  items: readonly HoldableItem[];
  /** An item-level reservation names its copy. */
  requestedItemId: number | null;
  /** Null for a postal delivery. */
  pickup: { id: string; type: ServicePointType } | null;
  delivery: "postal" | null;
  /** The patron's reservations that are pending, in transit or ready. */
  activeHolds: readonly ActiveHold[];
  /** The patron's requests still being handled (001 counts them in the total). */
  openRequests: number;
  /** Titles the patron has on loan now. */
  recordsOnLoan: readonly number[];
};

export type HoldPlacement = {
  refusals: Refusal[];
  /** The type the per-type limits count the reservation under. */
  materialType: MaterialType | null;
};

type Holds = Policy["holds"];
type NotReservableRule = Holds["notReservable"][number];

export function decideHoldPlacement(policy: Policy, facts: HoldPlacementFacts): HoldPlacement {
  const holds = policy.holds;
  const refusals: Refusal[] = [...refusePatron(policy, facts)];
  const candidates =
    facts.requestedItemId === null ? facts.items : facts.items.filter((i) => i.id === facts.requestedItemId);
  if (facts.requestedItemId !== null && !holds.itemLevelAllowed) {
    refusals.push({ code: "ITEM_LEVEL_HOLD_NOT_OFFERED", details: {} });
  }
  if (facts.items.length === 0) {
    refusals.push({ code: "TITLE_NOT_HELD", details: { recordId: facts.recordId } });
    return { refusals, materialType: null };
  }
  if (candidates.length === 0) {
    refusals.push({ code: "ITEM_NOT_FOUND", details: { itemId: facts.requestedItemId } });
    return { refusals, materialType: null };
  }
  const reservable = candidates.filter((item) => notReservableBecause(holds, item, facts.channel) === null);
  if (reservable.length === 0) {
    const rule = notReservableBecause(holds, candidates[0]!, facts.channel)!;
    refusals.push({ code: "NOT_RESERVABLE", details: { reason: rule.reason } });
    return { refusals, materialType: null };
  }
  const materialType = reservable[0]!.materialType;
  refusals.push(...refusePickup(policy, facts.pickup, facts.delivery, reservable));
  refusals.push(...refuseDeliveryChannel(policy, facts));
  refusals.push(...refuseDuplicate(facts));
  refusals.push(...refuseOverLimit(holds, facts, materialType));
  return { refusals, materialType };
}

/** Who may reserve (or request), through which channel, with which contact. */
export function refusePatron(
  policy: Policy,
  facts: Pick<HoldPlacementFacts, "today" | "channel" | "contact" | "standing" | "patron">,
): Refusal[] {
  const holds = policy.holds;
  const online = facts.channel === "web" || facts.channel === "line";
  const refusals: Refusal[] = refuseCardUse(
    policy.registration,
    facts.standing,
    online ? "web" : "reserve",
    facts.today,
  );
  // 003: 「07」で始まる利用券はまず更新 — a counter or phone reservation waits for the renewal too.
  if (!online && mustRenewBeforeWebUse(policy.registration, facts.standing.card.number)) {
    refusals.push({
      code: "CARD_MUST_BE_RENEWED",
      details: {
        cardNumber: facts.standing.card.number,
        prefix: policy.registration.cardNumber.mustRenewPrefix,
      },
    });
  }
  if (!holds.channels.includes(facts.channel)) {
    refusals.push({
      code: "HOLD_CHANNEL_NOT_OFFERED",
      details: { channel: facts.channel, offered: holds.channels },
    });
  }
  const { basis, registrationKind } = facts.patron;
  if (!holds.allowedBases.includes(basis) || (registrationKind === "wideArea" && !holds.wideAreaMayReserve)) {
    refusals.push({ code: "HOLD_NOT_ALLOWED_FOR_PATRON_TYPE", details: { basis, registrationKind } });
  }
  const hasEmail = facts.patron.email !== null && facts.patron.email !== "";
  if (!holds.contactMethods.includes(facts.contact)) {
    refusals.push({
      code: "CONTACT_METHOD_NOT_OFFERED",
      details: { contact: facts.contact, offered: holds.contactMethods },
    });
  }
  if (!hasEmail && ((online && holds.emailRequiredForWeb) || facts.contact === "email")) {
    refusals.push({ code: "EMAIL_REQUIRED", details: {} });
  }
  return refusals;
}

/**
 * The first rule that keeps this item from being reserved through `channel`, or null. A rule's criteria
 * combine: every one it names must match (a DVD that is also for in-library use only).
 */
export function notReservableBecause(
  holds: Holds,
  item: Pick<HoldableItem, "materialType" | "callNumber" | "flags">,
  channel: HoldChannel | null,
): NotReservableRule | null {
  for (const rule of holds.notReservable) {
    if (rule.channels && (channel === null || !rule.channels.includes(channel))) continue;
    if (rule.materialTypes && !rule.materialTypes.includes(item.materialType)) continue;
    if (rule.callNumberPrefixes && !rule.callNumberPrefixes.some((p) => item.callNumber.startsWith(p)))
      continue;
    if (rule.flags && !rule.flags.some((f) => item.flags.includes(f))) continue;
    return rule;
  }
  return null;
}

/**
 * Whether a returned copy may fill a reservation at all: the rules that hold on every channel. (The latest
 * issue is reservable at the counter only, so it may still fill the counter's reservation.)
 */
export function mayFillReservation(
  holds: Holds,
  item: Pick<HoldableItem, "materialType" | "callNumber" | "flags">,
) {
  return notReservableBecause(holds, item, null) === null;
}

/** Only the service-point types the policy lists hand out reservations (and requests). */
export function refuseNonPickupPoint(policy: Policy, type: ServicePointType): Refusal | null {
  return policy.holds.pickup.pickupServicePointTypes.includes(type)
    ? null
    : { code: "PICKUP_POINT_NOT_ALLOWED", details: { reason: "notAPickupPoint", type } };
}

/** Whether the reservation may be collected at `pickup` (or posted), given the copies that could fill it. */
export function refusePickup(
  policy: Policy,
  pickup: { id: string; type: ServicePointType } | null,
  delivery: "postal" | null,
  reservable: readonly Pick<HoldableItem, "flags">[],
): Refusal[] {
  const { pickup: rules } = policy.holds;
  if (delivery === "postal" && policy.loans.deliveryLending?.kind !== "postal") {
    return [{ code: "POSTAL_DELIVERY_NOT_OFFERED", details: {} }];
  }
  if (pickup === null) return [{ code: "PICKUP_POINT_REQUIRED", details: {} }];
  const notAPickupPoint = refuseNonPickupPoint(policy, pickup.type);
  if (notAPickupPoint) return [notAPickupPoint];
  // 003: 運搬に適さない資料は中央図書館でのお受け取り — when no copy may travel, only the main library hands it out.
  const untransportable = reservable.every((item) => item.flags.includes("untransportable"));
  if (rules.untransportableAtMainOnly && untransportable && pickup.type !== "main") {
    return [
      { code: "PICKUP_POINT_NOT_ALLOWED", details: { reason: "untransportable", allowedType: "main" } },
    ];
  }
  return [];
}

/**
 * Where the reservation waits: a reservation to be posted waits at the service point that posts it (001: the
 * West Library), whatever pickup point was named; otherwise at the named one.
 */
export function pickupPointFor(policy: Policy, delivery: "postal" | null, named: string): string {
  const postedFrom = policy.loans.deliveryLending?.postedFrom ?? null;
  return delivery === "postal" && postedFrom !== null ? postedFrom : named;
}

/** 001: a reservation to be posted is placed by phone or on the web, as the policy lists. */
function refuseDeliveryChannel(policy: Policy, facts: HoldPlacementFacts): Refusal[] {
  const lending = policy.loans.deliveryLending;
  if (facts.delivery === null || lending === null || lending.reservationChannels.includes(facts.channel)) {
    return [];
  }
  return [
    {
      code: "POSTAL_DELIVERY_CHANNEL_NOT_OFFERED",
      details: { channel: facts.channel, offered: lending.reservationChannels },
    },
  ];
}

function refuseDuplicate(facts: HoldPlacementFacts): Refusal[] {
  if (facts.activeHolds.some((h) => h.recordId === facts.recordId)) {
    return [{ code: "ALREADY_RESERVED", details: { reason: "reserved" } }];
  }
  if (facts.recordsOnLoan.includes(facts.recordId)) {
    return [{ code: "ALREADY_RESERVED", details: { reason: "onLoan" } }];
  }
  return [];
}

function refuseOverLimit(holds: Holds, facts: HoldPlacementFacts, materialType: MaterialType): Refusal[] {
  const refusals: Refusal[] = [];
  const active = facts.activeHolds;
  const total = holdTotalReached(holds, active.length, facts.openRequests);
  if (total) refusals.push(total);
  for (const { channel, limit } of holds.perChannelLimits) {
    if (channel !== facts.channel) continue;
    const current = active.filter((h) => h.channel === channel).length;
    if (current >= limit) {
      refusals.push({
        code: "HOLD_LIMIT_REACHED",
        details: { limit: "channel", channel, max: limit, current },
      });
    }
  }
  for (const group of holds.perTypeLimits) {
    if (!group.materialTypes.includes(materialType)) continue;
    const current = active.filter(
      (h) => h.materialType !== null && group.materialTypes.includes(h.materialType),
    ).length;
    if (current >= group.limit) {
      refusals.push({
        code: "HOLD_LIMIT_REACHED",
        details: { limit: "materialType", group: group.label, max: group.limit, current },
      });
    }
  }
  return refusals;
}

/** The total limit, reservations and (where the policy says so) requests together: also checked for a new request. */
export function holdTotalReached(holds: Holds, activeHolds: number, openRequests: number): Refusal | null {
  if (holds.totalLimit === null) return null;
  const current = activeHolds + (holds.totalIncludesRequests ? openRequests : 0);
  return current >= holds.totalLimit
    ? { code: "HOLD_LIMIT_REACHED", details: { limit: "total", max: holds.totalLimit, current } }
    : null;
}
