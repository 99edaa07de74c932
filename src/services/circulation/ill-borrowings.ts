import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findRecord } from "../../db/queries/bibliographic-records.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { barcodeExists, insertItem } from "../../db/queries/items.ts";
import {
  type IllBorrowingRow,
  insertIllBorrowing,
  listIllBorrowings,
  lockIllBorrowing,
  markIllSentBack,
} from "../../db/queries/loans.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import type { MaterialType } from "../../domain/vocabulary.ts";
import { allocateItemBarcode } from "../items/allocate-item-barcode.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { requireServicePoint } from "./circulation-context.ts";

/**
 * Inter-library-loan items (他市の図書館から借り受けている資料): received from another library for one patron,
 * labelled as a temporary item with the `ill` flag at the service point that will lend it, lent only to
 * that patron with the lender's due date, returned to that service point, and sent back (the item is then
 * withdrawn from the catalogue with that reason).
 */
export async function receiveIllItem(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  recordId: number;
  patronId: string;
  lender: string;
  lenderReference: string | null;
  dueDate: IsoDate;
  servicePoint: string;
  materialType: MaterialType;
  callNumber: string;
  barcode: string | null;
  now: Date;
}): Promise<{ id: number; barcode: string; dueDate: IsoDate }> {
  const { db, librarySystemId, now } = input;
  const today = japanDate(now);
  if (compareDates(input.dueDate, today) <= 0)
    throw new AppError("ILL_DUE_DATE_IN_PAST", { dueDate: input.dueDate });
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  if (input.barcode !== null) assertValidNumber(policy.catalogue.itemBarcode, input.barcode, "item");
  return withTenant(db, librarySystemId, async (tx) => {
    if (!(await findRecord(tx, input.recordId)))
      throw new AppError("RECORD_NOT_FOUND", { id: input.recordId });
    if (!(await findPatron(tx, input.patronId)))
      throw new AppError("PATRON_NOT_FOUND", { id: input.patronId });
    const point = await requireServicePoint(tx, input.servicePoint);
    if (input.barcode !== null && (await barcodeExists(tx, input.barcode))) {
      throw new AppError("ITEM_BARCODE_TAKEN", { barcode: input.barcode });
    }
    const barcode = input.barcode ?? (await allocateItemBarcode(tx, policy.catalogue.itemBarcode));
    const item = await insertItem(tx, {
      recordId: input.recordId,
      barcode,
      materialType: input.materialType,
      callNumber: input.callNumber,
      servicePointId: point.id,
      flags: ["ill"],
      receivedOn: today,
      status: "onShelf",
      createdAt: now,
      updatedAt: now,
    });
    const borrowing = await insertIllBorrowing(tx, {
      itemId: Number(item.id),
      patronId: input.patronId,
      lender: input.lender,
      lenderReference: input.lenderReference,
      receivedOn: today,
      dueOn: input.dueDate,
    });
    await refreshRecordSummaries(tx, [input.recordId]);
    await insertAuditEntry(tx, {
      actorStaffId: input.actor.staffId,
      action: "ill.receive",
      subjectType: "patron",
      subjectId: input.patronId,
      details: { ...actorDetails(input.actor), barcode, lender: input.lender },
      at: now,
    });
    return { id: borrowing.id, barcode, dueDate: input.dueDate };
  });
}

export async function listIllItems(input: { db: Db; librarySystemId: number; open: boolean }) {
  return withTenant(input.db, input.librarySystemId, (tx) => listIllBorrowings(tx, input.open));
}

export async function sendIllItemBack(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  id: number;
  now: Date;
}): Promise<IllBorrowingRow> {
  const { db, librarySystemId, now } = input;
  const today = japanDate(now);
  return withTenant(db, librarySystemId, async (tx) => {
    const row = await lockIllBorrowing(tx, input.id);
    if (!row) throw new AppError("ILL_BORROWING_NOT_FOUND", { id: input.id });
    if (row.sentBackOn !== null) throw new AppError("ILL_ALREADY_SENT_BACK", { sentBackOn: row.sentBackOn });
    if (row.itemStatus !== "onShelf") throw new AppError("ILL_ITEM_NOT_BACK", { status: row.itemStatus });
    await markIllSentBack(tx, row.id, row.itemId, today, now);
    await refreshRecordSummaries(tx, [row.recordId]);
    await insertAuditEntry(tx, {
      actorStaffId: input.actor.staffId,
      action: "ill.sendBack",
      subjectType: "illBorrowing",
      subjectId: String(row.id),
      details: { ...actorDetails(input.actor), lender: row.lender },
      at: now,
    });
    return { ...row, sentBackOn: today, itemStatus: "withdrawn" };
  });
}
