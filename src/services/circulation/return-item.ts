import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import {
  type ItemPlacement,
  lockItemForReturn,
  type ReturningItemRow,
  type ReturnWrite,
  writeReturn,
} from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import { isOpen } from "../../domain/calendar/calendar.ts";
import type { CalendarRules, IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates, isIsoDate } from "../../domain/calendar/dates.ts";
import {
  decideReturn,
  effectiveReturnDate,
  overdueDays,
  type ReturnExceptionCode,
} from "../../domain/circulation/return-rules.ts";
import { AppError } from "../../domain/errors.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { type Routing, routeItem } from "../holds/route-item.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { requireBookDrop, requireServicePoint } from "./circulation-context.ts";

export type ReturnInput = {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  itemBarcode: string;
  servicePoint: string;
  via: "counter" | "bookDrop";
  /** The book drop's code when `via` is bookDrop. */
  bookDrop?: string | null;
  /** The day the drop was emptied (default today). */
  emptiedOn?: IsoDate | null;
  now: Date;
};

export type ReturnResult = {
  loanId: number | null;
  barcode: string;
  title: string;
  /** Not on loan: a stray item scanned in, or an item in transit arriving. */
  status: "returned" | "notOnLoan" | "arrived";
  returnedOn: IsoDate | null;
  overdueDays: number;
  exceptions: ReturnExceptionCode[];
  transitTo: { code: string; name: { ja: string; en: string } } | null;
  holdTrapped: { holdId: number; pickupPoint: string | null; ready: boolean } | null;
  /** An inter-library-loan item goes back to the library that lent it. */
  sendBackTo: string | null;
};

/**
 * Takes an item back (返却) at a counter, a return point or from a book drop, and says where it goes next:
 * the hold shelf for the next reservation, in transit to its pickup point or home, or the shelf. An item in
 * transit that reaches its destination is received by the same scan.
 */
export async function returnItem(input: ReturnInput): Promise<ReturnResult> {
  const { db, librarySystemId, actor, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  assertValidNumber(policy.catalogue.itemBarcode, input.itemBarcode, "item");
  const emptiedOn = input.emptiedOn ?? today;
  if (input.via === "bookDrop") {
    if (!input.bookDrop) throw new AppError("BOOK_DROP_REQUIRED", {});
    if (!isIsoDate(emptiedOn) || compareDates(emptiedOn, today) > 0) {
      throw new AppError("INVALID_DATE", { emptiedOn });
    }
  }
  return withTenant(db, librarySystemId, async (tx) => {
    const point = await requireServicePoint(tx, input.servicePoint);
    const drop = input.via === "bookDrop" ? await requireBookDrop(tx, input.bookDrop!, point.id) : null;
    const item = await lockItemForReturn(tx, input.itemBarcode);
    if (!item) throw new AppError("ITEM_NOT_FOUND", { barcode: input.itemBarcode });
    if (item.status === "withdrawn") throw new AppError("ITEM_WITHDRAWN", { barcode: item.barcode });
    const base = { barcode: item.barcode, title: item.title, overdueDays: 0, sendBackTo: null };
    if (item.loanId === null) {
      const placed = await routeItem({ tx, policy, now, today }, item, point);
      await refreshRecordSummaries(tx, [item.recordId]);
      return {
        ...base,
        loanId: null,
        status: item.status === "inTransit" && item.transitTo === point.id ? "arrived" : "notOnLoan",
        returnedOn: null,
        exceptions: [],
        ...placed,
      };
    }
    const decision = decideReturn(policy.returns, {
      item: { materialType: item.materialType as MaterialType, flags: item.flags as ItemFlag[] },
      lendingServicePointId: item.lendingServicePointId,
      at: { servicePointId: point.id, type: point.type },
      via: input.via,
      bookDropOpen: drop === null || isOpen(drop.calendar as CalendarRules, emptiedOn),
    });
    if (decision.refused) {
      const details = { ...decision.refused.details };
      if (decision.refused.code === "RETURN_AT_LENDING_POINT_ONLY") {
        const lending = await requireServicePoint(tx, item.lendingServicePointId!);
        Object.assign(details, { servicePoint: { code: lending.code, name: lending.name } });
      }
      throw new AppError(decision.refused.code, details);
    }
    const returnedOn = effectiveReturnDate(
      input.via,
      input.via === "bookDrop" ? emptiedOn : today,
      item.loanedOn!,
    );
    const late = overdueDays(item.dueOn!, returnedOn);
    const isIll = item.illBorrowingId !== null;
    // Where the item goes is written with the rest of the return, in one statement. An inter-library-loan
    // item waits at the lending service point to be sent back to its lender; any other is routed.
    let placement: ItemPlacement | null = isIll ? { id: item.id, status: "onShelf", transitTo: null } : null;
    const place = async (decided: ItemPlacement) => {
      placement = decided;
    };
    const placed: Routing = isIll
      ? { transitTo: null, holdTrapped: null }
      : await routeItem({ tx, policy, now, today, place }, item, point);
    await writeReturn(tx, {
      loanId: item.loanId,
      itemId: item.id,
      recordId: item.recordId,
      wasOnShelf: item.status === "onShelf",
      placement,
      returnedAt: now,
      today,
      returnedOn,
      servicePointId: point.id,
      via: point.type === "returnPoint" && input.via === "counter" ? "returnPoint" : input.via,
      bookDropId: drop?.id ?? null,
      overdueDays: late,
      exceptions: decision.exceptions,
      history: historyIfOptedIn(item),
      audit: {
        actorStaffId: actor.staffId,
        details: {
          ...actorDetails(actor),
          barcode: item.barcode,
          via: input.via,
          exceptions: decision.exceptions,
        },
      },
    });
    return {
      ...base,
      loanId: item.loanId,
      status: "returned",
      returnedOn,
      overdueDays: late,
      exceptions: decision.exceptions,
      sendBackTo: isIll ? item.illLender : null,
      ...placed,
    };
  });
}

/**
 * The history entry the patron asked for: 001's loan history and 003's reading record each count from the
 * day the patron turned them on. Without either, nothing about the patron outlives the return.
 */
function historyIfOptedIn(item: ReturningItemRow): ReturnWrite["history"] {
  const since = (from: string | null) => from !== null && compareDates(from, item.loanedOn!) <= 0;
  const forLoanHistory = since(item.loanHistoryFrom);
  const forReadingRecord = since(item.readingRecordFrom);
  if (!forLoanHistory && !forReadingRecord) return null;
  return {
    patronId: item.patronId!,
    itemBarcode: item.barcode,
    title: item.title,
    loanedOn: item.loanedOn!,
    forReadingRecord,
    forLoanHistory,
  };
}
