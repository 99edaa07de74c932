import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findItemByBarcode, type ItemWithPointRow } from "../../db/queries/items.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { withTenant } from "../../db/tenant.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import { AppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { type ItemView, itemView } from "./item-view.ts";

/** A scanned barcode is checked against the policy's format before it is looked up. */
export async function checkScannedBarcode(db: Db, librarySystemId: number, barcode: string, now: Date) {
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  assertValidNumber(policy.catalogue.itemBarcode, barcode, "item");
}

export async function requireItem(tx: TenantTx, barcode: string): Promise<ItemWithPointRow> {
  const row = await findItemByBarcode(tx, barcode);
  if (!row) throw new AppError("ITEM_NOT_FOUND", { barcode });
  return row;
}

export async function findItem(
  db: Db,
  librarySystemId: number,
  barcode: string,
  now: Date,
): Promise<ItemView> {
  await checkScannedBarcode(db, librarySystemId, barcode, now);
  return withTenant(db, librarySystemId, async (tx) => itemView(await requireItem(tx, barcode)));
}
