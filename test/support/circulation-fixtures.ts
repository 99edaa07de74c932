import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { importCsv, presetItemFormat } from "./catalogue-fixtures.ts";
import { json, type TestApp } from "./test-app.ts";

export type StockedItem = { materialType?: string; flags?: string; servicePoint: string };

let serial = 0;

/** One new record per item, imported through the API; returns the items' barcodes and record ids. */
export async function stockItems(
  t: TestApp,
  system: string,
  token: string,
  specs: readonly StockedItem[],
): Promise<{ barcode: string; recordId: number }[]> {
  const records = specs.map((spec) => {
    serial++;
    return {
      controlNumber: `CIRC${String(serial).padStart(6, "0")}`,
      title: `貸出試験資料 ${serial}`,
      titleReading: "カシダシ シケン シリョウ",
      items: [
        {
          barcode: completeNumber(presetItemFormat, 900000 + serial),
          servicePoint: spec.servicePoint,
          materialType: spec.materialType ?? "book",
          callNumber: "913.6",
          flags: spec.flags,
        },
      ],
    };
  });
  await importCsv(t, system, token, records);
  const stocked = [];
  for (const record of records) {
    const barcode = record.items[0]!.barcode;
    const item = await json(await t.request(`/api/v1/${system}/items/${barcode}`, { token }));
    stocked.push({ barcode, recordId: item.recordId as number });
  }
  return stocked;
}
