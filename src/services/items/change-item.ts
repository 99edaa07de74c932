import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { updateItem } from "../../db/queries/items.ts";
import { findServicePointRow } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { checkScannedBarcode, requireItem } from "./find-item.ts";
import { type ItemView, itemView } from "./item-view.ts";

export type ItemChanges = {
  materialType?: MaterialType;
  callNumber?: string;
  servicePoint?: string;
  flags?: ItemFlag[];
  receivedOn?: string | null;
};

/** Changes an item's catalogue fields; its circulation status belongs to circulation. */
export async function changeItem(options: {
  db: Db;
  librarySystemId: number;
  actorStaffId: string;
  barcode: string;
  changes: ItemChanges;
  now: Date;
}): Promise<ItemView> {
  const { db, librarySystemId, barcode, changes, now } = options;
  await checkScannedBarcode(db, librarySystemId, barcode, now);
  return withTenant(db, librarySystemId, async (tx) => {
    const item = await requireItem(tx, barcode);
    if (item.status === "withdrawn") throw new AppError("ITEM_ALREADY_WITHDRAWN", { barcode });
    let servicePointId: string | undefined;
    if (changes.servicePoint !== undefined) {
      const point = await findServicePointRow(tx, changes.servicePoint);
      if (!point) throw new AppError("UNKNOWN_SERVICE_POINT", { servicePoint: changes.servicePoint });
      servicePointId = point.id;
    }
    await updateItem(tx, item.id, {
      ...(changes.materialType !== undefined && { materialType: changes.materialType }),
      ...(changes.callNumber !== undefined && { callNumber: changes.callNumber }),
      ...(servicePointId !== undefined && { servicePointId }),
      ...(changes.flags !== undefined && { flags: [...new Set(changes.flags)] }),
      ...(changes.receivedOn !== undefined && { receivedOn: changes.receivedOn }),
      updatedAt: now,
    });
    // The material type and the service point are in the record's holdings summary.
    await refreshRecordSummaries(tx, [item.recordId]);
    await insertAuditEntry(tx, {
      actorStaffId: options.actorStaffId,
      action: "item.change",
      subjectType: "item",
      subjectId: barcode,
      details: { changes },
      at: now,
    });
    return itemView(await requireItem(tx, barcode));
  });
}
