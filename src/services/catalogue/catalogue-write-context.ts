import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import type { NumberFormat } from "../../domain/barcodes/check-digit.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

export type CatalogueWriteContext = {
  servicePointIds: ReadonlyMap<string, string>;
  itemBarcode: NumberFormat;
};

/** What writing records needs from the system: its service points by code and the item barcode format. */
export async function loadCatalogueWriteContext(
  db: Db,
  librarySystemId: number,
  now: Date,
): Promise<CatalogueWriteContext> {
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const points = await withTenant(db, librarySystemId, (tx) => listServicePointRows(tx));
  return {
    servicePointIds: new Map(points.map((p) => [p.code, p.id])),
    itemBarcode: policy.catalogue.itemBarcode,
  };
}
