import { findHold, type HoldRow, listHoldsOfPatron } from "../../db/queries/holds.ts";
import type { TenantTx } from "../../db/tenant.ts";

/** A reservation as the API and the pages show it. */
export type HoldView = {
  id: number;
  recordId: number;
  title: string;
  status: HoldRow["status"];
  /** Place in the title's queue while pending (1 = next). */
  position: number | null;
  channel: HoldRow["channel"];
  contact: HoldRow["contact"];
  pickupPoint: { code: string; name: { ja: string; en: string } } | null;
  delivery: "postal" | null;
  /** The copy an item-level reservation waits for (null: any copy of the title). */
  requestedItemBarcode: string | null;
  /** The copy trapped for it, once one is. */
  itemBarcode: string | null;
  readyOn: string | null;
  notifiedOn: string | null;
  pickupDeadline: string | null;
  call: { at: string; outcome: string } | null;
  createdAt: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
};

export function holdView(row: HoldRow): HoldView {
  return {
    id: row.id,
    recordId: row.recordId,
    title: row.title,
    status: row.status,
    position: row.position,
    channel: row.channel,
    contact: row.contact,
    pickupPoint:
      row.pickupPointCode === null
        ? null
        : { code: row.pickupPointCode, name: { ja: row.pickupPointJa ?? "", en: row.pickupPointEn ?? "" } },
    delivery: row.delivery,
    requestedItemBarcode: row.requestedItemBarcode,
    itemBarcode: row.itemBarcode,
    readyOn: row.readyOn,
    notifiedOn: row.notifiedOn,
    pickupDeadline: row.pickupDeadline,
    call: row.calledAt === null ? null : { at: iso(row.calledAt), outcome: row.callOutcome ?? "" },
    createdAt: iso(row.createdAt),
    cancelledAt: row.cancelledAt === null ? null : iso(row.cancelledAt),
    cancelledBy: row.cancelledBy,
  };
}

function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export async function getHold(tx: TenantTx, id: number): Promise<HoldView | undefined> {
  const row = await findHold(tx, id);
  return row && holdView(row);
}

export async function listPatronHolds(
  tx: TenantTx,
  patronId: string,
  which: "active" | "all",
): Promise<HoldView[]> {
  return (await listHoldsOfPatron(tx, patronId, which)).map(holdView);
}
