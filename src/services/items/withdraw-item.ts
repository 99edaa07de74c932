import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { updateItem } from "../../db/queries/items.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { checkScannedBarcode, requireItem } from "./find-item.ts";
import { type ItemView, itemView } from "./item-view.ts";

/**
 * Withdraws an item (除籍). The row stays, so the barcode is never issued again and the history of
 * the item can be read; an item a patron holds or waits for cannot be withdrawn.
 */
export async function withdrawItem(options: {
  db: Db;
  librarySystemId: number;
  actorStaffId: string;
  barcode: string;
  reason: string | null;
  now: Date;
}): Promise<ItemView> {
  const { db, librarySystemId, barcode, now } = options;
  await checkScannedBarcode(db, librarySystemId, barcode, now);
  return withTenant(db, librarySystemId, async (tx) => {
    const item = await requireItem(tx, barcode);
    if (item.status === "withdrawn") throw new AppError("ITEM_ALREADY_WITHDRAWN", { barcode });
    if (item.status !== "onShelf")
      throw new AppError("ITEM_IN_CIRCULATION", { barcode, status: item.status });
    await updateItem(tx, item.id, {
      status: "withdrawn",
      withdrawnAt: now,
      withdrawnReason: options.reason,
      updatedAt: now,
    });
    await refreshRecordSummaries(tx, [item.recordId]);
    await insertAuditEntry(tx, {
      actorStaffId: options.actorStaffId,
      action: "item.withdraw",
      subjectType: "item",
      subjectId: barcode,
      details: { reason: options.reason },
      at: now,
    });
    return itemView(await requireItem(tx, barcode));
  });
}
