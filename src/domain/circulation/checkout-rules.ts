import type { IsoDate } from "../calendar/calendar-rules.ts";
import { compareDates } from "../calendar/dates.ts";
import { type CardStanding, refuseCardUse } from "../patrons/card-lifecycle.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { CredentialKind, ItemFlag, MaterialType } from "../vocabulary.ts";
import type { Refusal } from "./refusal.ts";

/**
 * Whether an item may be lent to a patron now (DOMAIN.md "Loans, renewals, returns"; issue "Circulation").
 * Pure: the policy and the facts read in the checkout's transaction in, every refusal out, so the counter
 * can show them all at once and staff can override those the policy marks overridable.
 */

export type DeliveryKind = "postal" | "online";

export type CheckoutFacts = {
  today: IsoDate;
  patronId: string;
  standing: CardStanding;
  cardIssuedOn: IsoDate;
  credentialKind: CredentialKind;
  /** The credentials the lending service point accepts (the My Number card is not taken everywhere). */
  acceptedCredentials: readonly CredentialKind[];
  item: {
    barcode: string;
    materialType: MaterialType;
    flags: readonly ItemFlag[];
    status: "onShelf" | "onLoan" | "inTransit" | "onHoldShelf" | "withdrawn";
    /** The patron a ready (or travelling) hold keeps this item for. */
    heldForPatronId: string | null;
    /** Pending title-level reservations on the item's record. */
    pendingHoldsOnRecord: number;
    /** The patron an inter-library-loan item was borrowed for. */
    illPatronId: string | null;
  };
  /** The patron's open loans, each with its material type and delivery. */
  currentLoans: readonly { materialType: MaterialType; delivery: DeliveryKind | null }[];
  delivery: DeliveryKind | null;
  /** The patron applied for delivery lending (004: オンライン貸出サービス, applied for with the registration). */
  deliveryApplied: boolean;
};

export function refuseCheckout(policy: Policy, facts: CheckoutFacts): Refusal[] {
  const { loans } = policy;
  const { today } = facts;
  const refusals: Refusal[] = refuseCardUse(policy.registration, facts.standing, "borrow", today);
  // A pre-numbered card (a registration kit, document 004) lends only from the day it is issued.
  if (compareDates(facts.cardIssuedOn, today) > 0) {
    refusals.push({ code: "CARD_NOT_YET_ACTIVE", details: { activeFrom: facts.cardIssuedOn } });
  }
  if (!facts.acceptedCredentials.includes(facts.credentialKind)) {
    refusals.push({
      code: "CREDENTIAL_NOT_ACCEPTED_HERE",
      details: { kind: facts.credentialKind, accepted: facts.acceptedCredentials },
    });
  }
  refusals.push(...refuseItem(policy, facts));
  refusals.push(...refuseOverLimit(loans, facts));
  if (
    facts.delivery === "online" &&
    policy.onlineRegistration.deliveryLendingApplication &&
    !facts.deliveryApplied
  ) {
    refusals.push({ code: "DELIVERY_LENDING_NOT_APPLIED", details: {} });
  }
  return refusals;
}

function refuseItem(policy: Policy, facts: CheckoutFacts): Refusal[] {
  const { item, patronId } = facts;
  const barcode = item.barcode;
  if (item.status === "withdrawn") return [{ code: "ITEM_WITHDRAWN", details: { barcode } }];
  if (item.status === "onLoan") return [{ code: "ITEM_ALREADY_ON_LOAN", details: { barcode } }];
  const refusals: Refusal[] = [];
  if (item.flags.includes("inLibraryOnly")) {
    refusals.push({ code: "ITEM_NOT_LOANABLE", details: { barcode, reason: "inLibraryOnly" } });
  }
  if (item.flags.includes("ill") && item.illPatronId !== patronId) {
    refusals.push({ code: "ILL_ITEM_FOR_ANOTHER_PATRON", details: { barcode } });
  }
  if (item.heldForPatronId !== null && item.heldForPatronId !== patronId) {
    refusals.push({ code: "ITEM_ON_HOLD_FOR_ANOTHER_PATRON", details: { barcode, on: "holdShelf" } });
  } else if (
    item.heldForPatronId === null &&
    item.pendingHoldsOnRecord > 0 &&
    !policy.loans.walkInBorrowerFirst
  ) {
    // 003: 貸出は、来館者を優先とします — where the policy says otherwise, the queue comes first.
    refusals.push({
      code: "ITEM_ON_HOLD_FOR_ANOTHER_PATRON",
      details: { barcode, on: "queue", pendingHolds: item.pendingHoldsOnRecord },
    });
  }
  return refusals;
}

function refuseOverLimit(loans: Policy["loans"], facts: CheckoutFacts): Refusal[] {
  const { currentLoans, item } = facts;
  const refusals: Refusal[] = [];
  // 001: 15冊まで(全館合計) — every open loan counts, whichever service point lent it.
  if (currentLoans.length >= loans.totalLimit) {
    refusals.push({
      code: "LOAN_LIMIT_REACHED",
      details: { scope: "total", limit: loans.totalLimit, current: currentLoans.length },
    });
  }
  for (const rule of loans.perTypeLimits) {
    if (!rule.materialTypes.includes(item.materialType)) continue;
    const current = currentLoans.filter((loan) => rule.materialTypes.includes(loan.materialType)).length;
    if (current >= rule.limit) {
      refusals.push({
        code: "LOAN_LIMIT_REACHED",
        details: { scope: "materialType", materialTypes: rule.materialTypes, limit: rule.limit, current },
      });
    }
  }
  if (facts.delivery !== null) {
    const delivery = loans.deliveryLending;
    if (delivery === null || delivery.kind !== facts.delivery) {
      refusals.push({ code: "DELIVERY_LENDING_NOT_OFFERED", details: { delivery: facts.delivery } });
    } else if (delivery.reservedItemsOnly && item.heldForPatronId !== facts.patronId) {
      // 001: 電話やWebで予約した資料 — a postal loan delivers the copy kept for the patron's reservation.
      refusals.push({
        code: "DELIVERY_RESERVED_ITEMS_ONLY",
        details: { delivery: delivery.kind, barcode: item.barcode },
      });
    } else if (currentLoans.length >= delivery.limit) {
      // 001: 10冊まで(既に借りている本がある場合はそれも含む)
      refusals.push({
        code: delivery.kind === "postal" ? "POSTAL_LOAN_LIMIT_REACHED" : "DELIVERY_LOAN_LIMIT_REACHED",
        details: { limit: delivery.limit, current: currentLoans.length },
      });
    }
  }
  return refusals;
}

/**
 * The refusals staff may not override, given the policy's list. A checkout goes ahead with an override only
 * when this is empty; the overridden refusals are recorded on the loan with the reason.
 */
export function refusalsBeyondOverride(loans: Policy["loans"], refusals: readonly Refusal[]): Refusal[] {
  const overridable = new Set<string>(loans.overridable);
  return refusals.filter((refusal) => !overridable.has(refusal.code));
}

export function isOverridable(loans: Policy["loans"], code: string): boolean {
  return (loans.overridable as readonly string[]).includes(code);
}
