import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, compareDates, daysBetween } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { ItemFlag, MaterialType, ServicePointType } from "../vocabulary.ts";
import type { Refusal } from "./refusal.ts";

/**
 * Where an item may come back (DOMAIN.md "Loans, renewals, returns"; 001 返却・ブックポスト・返却できるところ).
 * A counter refuses what must go back to the lending service point, and a return point takes books and
 * magazines only. A book drop refuses nothing, because the item is physically inside: what the drop may not
 * take is checked in all the same and listed as an exception for staff.
 */

type ReturnsPolicy = Policy["returns"];

export type ReturnExceptionCode =
  | "BOOK_DROP_MATERIAL_NOT_ACCEPTED"
  | "BOOK_DROP_ILL_ITEM"
  | "BOOK_DROP_CLOSED"
  | "RETURNED_AWAY_FROM_LENDING_POINT";

export type ReturnFacts = {
  item: { materialType: MaterialType; flags: readonly ItemFlag[] };
  /** The service point that lent the item (null: not on loan, a stray item scanned in). */
  lendingServicePointId: string | null;
  at: { servicePointId: string; type: ServicePointType };
  via: "counter" | "bookDrop";
  /** Whether the book drop was open by its calendar when it was emptied. */
  bookDropOpen: boolean;
};

export type ReturnDecision = { refused: Refusal } | { refused: null; exceptions: ReturnExceptionCode[] };

export function mustReturnToLendingPoint(returns: ReturnsPolicy, item: ReturnFacts["item"]): boolean {
  const rule = returns.toLendingServicePointOnly;
  return (
    rule.materialTypes.includes(item.materialType) || item.flags.some((flag) => rule.flags.includes(flag))
  );
}

export function decideReturn(returns: ReturnsPolicy, facts: ReturnFacts): ReturnDecision {
  const { item, at } = facts;
  const awayFromLendingPoint =
    facts.lendingServicePointId !== null &&
    facts.lendingServicePointId !== at.servicePointId &&
    mustReturnToLendingPoint(returns, item);
  if (facts.via === "counter") {
    if (at.type === "returnPoint" && !returns.returnPointAcceptedMaterialTypes.includes(item.materialType)) {
      return {
        refused: {
          code: "RETURN_POINT_BOOKS_AND_MAGAZINES_ONLY",
          details: { materialType: item.materialType, accepted: returns.returnPointAcceptedMaterialTypes },
        },
      };
    }
    if (awayFromLendingPoint) {
      return {
        refused: {
          code: "RETURN_AT_LENDING_POINT_ONLY",
          details: { servicePointId: facts.lendingServicePointId },
        },
      };
    }
    return { refused: null, exceptions: [] };
  }
  const exceptions: ReturnExceptionCode[] = [];
  const drop = returns.bookDrop;
  if (!drop.acceptedMaterialTypes.includes(item.materialType))
    exceptions.push("BOOK_DROP_MATERIAL_NOT_ACCEPTED");
  const isIll = item.flags.includes("ill");
  if ((drop.ownItemsOnly && isIll) || item.flags.some((flag) => drop.refusedFlags.includes(flag))) {
    exceptions.push("BOOK_DROP_ILL_ITEM");
  }
  if (!facts.bookDropOpen) exceptions.push("BOOK_DROP_CLOSED");
  if (awayFromLendingPoint) exceptions.push("RETURNED_AWAY_FROM_LENDING_POINT");
  return { refused: null, exceptions };
}

/**
 * The day a return counts from. At the counter, today. From a book drop, the day before it was emptied:
 * whatever was posted overnight or while the library was closed is not counted late for the closure
 * (the "drop box mode" of other library systems), though never earlier than the loan day.
 */
export function effectiveReturnDate(via: "counter" | "bookDrop", day: IsoDate, loanedOn: IsoDate): IsoDate {
  if (via === "counter") return day;
  const dayBefore = addDays(day, -1);
  return compareDates(dayBefore, loanedOn) < 0 ? loanedOn : dayBefore;
}

export function overdueDays(dueOn: IsoDate, returnedOn: IsoDate): number {
  return Math.max(0, daysBetween(dueOn, returnedOn));
}
