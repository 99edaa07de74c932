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

let titleSerial = 0;

/** One new record with several copies (a title with a queue); returns the record id and the copies' barcodes. */
export async function stockTitle(
  t: TestApp,
  system: string,
  token: string,
  copies: readonly StockedItem[],
  extra: { callNumber?: string } = {},
): Promise<{ recordId: number; barcodes: string[] }> {
  titleSerial++;
  const items = copies.map((spec) => {
    serial++;
    return {
      barcode: completeNumber(presetItemFormat, 700000 + serial),
      servicePoint: spec.servicePoint,
      materialType: spec.materialType ?? "book",
      callNumber: extra.callNumber ?? "913.6",
      flags: spec.flags,
    };
  });
  const record = {
    controlNumber: `HOLD${String(titleSerial).padStart(6, "0")}-${process.pid}`,
    title: `予約試験資料 ${titleSerial}`,
    titleReading: "ヨヤク シケン シリョウ",
    items,
  };
  await importCsv(t, system, token, [record]);
  const item = await json(await t.request(`/api/v1/${system}/items/${items[0]!.barcode}`, { token }));
  return { recordId: item.recordId as number, barcodes: items.map((i) => i.barcode) };
}
