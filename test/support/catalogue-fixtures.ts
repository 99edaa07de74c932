import assert from "node:assert/strict";
import { completeNumber, type NumberFormat } from "../../src/domain/barcodes/check-digit.ts";
import { json, type TestApp } from "./test-app.ts";

/** The presets' item label format (10 digits, prefix 2, modulus 10 weights 2-1). */
export const presetItemFormat: NumberFormat = {
  length: 10,
  prefix: "2",
  checkDigit: "mod10w21",
  start: "A",
  stop: "A",
};

/** A barcode of the preset format far above the demo data's serials. */
export const testBarcode = (serial: number) => completeNumber(presetItemFormat, 800000 + serial);

export type CsvRecord = {
  controlNumber: string;
  title: string;
  titleReading?: string;
  isbn?: string;
  authors?: string;
  authorReadings?: string;
  publisher?: string;
  year?: string;
  ndc?: string;
  subjects?: string;
  items?: {
    barcode: string;
    servicePoint: string;
    materialType?: string;
    callNumber?: string;
    flags?: string;
    receivedOn?: string;
  }[];
};

const columns = [
  "controlNumber",
  "isbn",
  "title",
  "titleReading",
  "authors",
  "authorReadings",
  "publisher",
  "year",
  "ndc",
  "subjects",
  "barcode",
  "materialType",
  "callNumber",
  "servicePoint",
  "flags",
  "receivedOn",
] as const;

const cell = (value: string | undefined) => `"${(value ?? "").replaceAll('"', '""')}"`;

export function catalogueCsv(records: readonly CsvRecord[]): string {
  const lines = [columns.join(",")];
  for (const r of records) {
    const base = [
      r.controlNumber,
      r.isbn,
      r.title,
      r.titleReading,
      r.authors,
      r.authorReadings,
      r.publisher,
      r.year,
      r.ndc,
      r.subjects,
    ];
    const items = r.items?.length ? r.items : [undefined];
    for (const i of items) {
      lines.push(
        [
          ...base,
          i?.barcode,
          i?.materialType ?? (i ? "book" : undefined),
          i?.callNumber,
          i?.servicePoint,
          i?.flags,
          i?.receivedOn,
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Imports records through the API and runs the import job; returns the finished import. */
export async function importCsv(t: TestApp, system: string, token: string, records: readonly CsvRecord[]) {
  const res = await t.request(`/api/v1/${system}/imports`, {
    method: "POST",
    token,
    headers: { "content-type": "text/csv" },
    body: catalogueCsv(records),
  });
  assert.equal(res.status, 202, await res.clone().text());
  const { id } = await json(res);
  await t.runJobs();
  const done = await json(await t.request(`/api/v1/${system}/imports/${id}`, { token }));
  assert.equal(done.status, "done");
  assert.equal(done.failed, 0, JSON.stringify(done.errors));
  return done;
}
