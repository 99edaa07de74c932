import type { ItemWithPointRow } from "../../db/queries/items.ts";
import { type ItemStatus, itemAvailability } from "../../domain/catalogue/item-availability.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";

/** An item as the API and the pages show it. */
export type ItemView = {
  barcode: string;
  recordId: number;
  materialType: MaterialType;
  callNumber: string;
  servicePoint: { code: string; name: { ja: string; en: string } };
  flags: ItemFlag[];
  receivedOn: string | null;
  status: ItemStatus;
  availability: ReturnType<typeof itemAvailability>;
  dueDate: string | null;
};

export function itemView(row: ItemWithPointRow): ItemView {
  const flags = row.flags as ItemFlag[];
  const status = row.status as ItemStatus;
  return {
    barcode: row.barcode,
    recordId: Number(row.recordId),
    materialType: row.materialType as MaterialType,
    callNumber: row.callNumber,
    servicePoint: {
      code: row.servicePointCode,
      name: { ja: row.servicePointNameJa, en: row.servicePointNameEn },
    },
    flags,
    receivedOn: row.receivedOn,
    status,
    availability: itemAvailability(status, flags),
    dueDate: status === "onLoan" ? row.dueOn : null,
  };
}
