import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findRecord } from "../../db/queries/bibliographic-records.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { barcodeExists, findItemByBarcode, insertItem } from "../../db/queries/items.ts";
import { findServicePointRow } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import { AppError } from "../../domain/errors.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { allocateItemBarcode } from "./allocate-item-barcode.ts";
import { type ItemView, itemView } from "./item-view.ts";

export type NewItem = {
  recordId: number;
  barcode?: string;
  materialType: MaterialType;
  callNumber: string;
  servicePoint: string;
  flags: ItemFlag[];
  receivedOn?: string;
};

/** Adds an item to a record; without a barcode the next one of the policy's format is allocated. */
export async function addItem(options: {
  db: Db;
  librarySystemId: number;
  actorStaffId: string;
  item: NewItem;
  now: Date;
}): Promise<ItemView> {
  const { db, librarySystemId, item, now } = options;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const format = policy.catalogue.itemBarcode;
  if (item.barcode !== undefined) assertValidNumber(format, item.barcode, "item");
  return withTenant(db, librarySystemId, async (tx) => {
    const record = await findRecord(tx, item.recordId);
    if (!record) throw new AppError("RECORD_NOT_FOUND", { id: item.recordId });
    const point = await findServicePointRow(tx, item.servicePoint);
    if (!point) throw new AppError("UNKNOWN_SERVICE_POINT", { servicePoint: item.servicePoint });
    if (item.barcode !== undefined && (await barcodeExists(tx, item.barcode))) {
      throw new AppError("ITEM_BARCODE_TAKEN", { barcode: item.barcode });
    }
    const barcode = item.barcode ?? (await allocateItemBarcode(tx, format));
    await insertItem(tx, {
      recordId: item.recordId,
      barcode,
      materialType: item.materialType,
      callNumber: item.callNumber,
      servicePointId: point.id,
      flags: [...new Set(item.flags)],
      receivedOn: item.receivedOn ?? japanDate(now),
      status: "onShelf",
      createdAt: now,
      updatedAt: now,
    });
    await refreshRecordSummaries(tx, [item.recordId]);
    await insertAuditEntry(tx, {
      actorStaffId: options.actorStaffId,
      action: "item.add",
      subjectType: "item",
      subjectId: barcode,
      details: { recordId: item.recordId },
      at: now,
    });
    const saved = await findItemByBarcode(tx, barcode);
    if (!saved) throw new Error(`item ${barcode} vanished after insert`);
    return itemView(saved);
  });
}
