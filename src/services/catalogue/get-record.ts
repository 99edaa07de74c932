import type { Db } from "../../db/client.ts";
import {
  type BibliographicRecordRow,
  countPendingHolds,
  findRecord,
} from "../../db/queries/bibliographic-records.ts";
import { listItemsOfRecord } from "../../db/queries/items.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type ItemView, itemView } from "../items/item-view.ts";

export type RecordView = Omit<BibliographicRecordRow, "librarySystemId" | "createdAt" | "updatedAt"> & {
  items: ItemView[];
  availability: { available: number; total: number; queueLength: number };
};

/** A record with the items it holds and their availability; withdrawn items are read through /items. */
export async function getRecord(db: Db, librarySystemId: number, id: number): Promise<RecordView> {
  return withTenant(db, librarySystemId, async (tx) => {
    const record = Number.isSafeInteger(id) ? await findRecord(tx, id) : undefined;
    if (!record) throw new AppError("RECORD_NOT_FOUND", { id });
    const items = (await listItemsOfRecord(tx, id)).map(itemView);
    const live = items.filter((i) => i.status !== "withdrawn");
    const { librarySystemId: _s, createdAt: _c, updatedAt: _u, ...fields } = record;
    return {
      ...fields,
      id: Number(record.id),
      items: live,
      availability: {
        available: live.filter((i) => i.status === "onShelf").length,
        total: live.length,
        queueLength: await countPendingHolds(tx, id),
      },
    };
  });
}
