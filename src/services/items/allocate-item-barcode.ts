import { barcodeExists } from "../../db/queries/items.ts";
import { takeNextSerial } from "../../db/queries/number-sequences.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { completeNumber, type NumberFormat } from "../../domain/barcodes/check-digit.ts";

/** The next free barcode of the format; serials already used by imported labels are skipped. */
export async function allocateItemBarcode(tx: TenantTx, format: NumberFormat): Promise<string> {
  for (;;) {
    const barcode = completeNumber(format, await takeNextSerial(tx, "item"));
    if (!(await barcodeExists(tx, barcode))) return barcode;
  }
}
