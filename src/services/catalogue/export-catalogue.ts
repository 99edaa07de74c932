import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/client.ts";
import { listRecordsAfter } from "../../db/queries/bibliographic-records.ts";
import { withTenant } from "../../db/tenant.ts";
import type { BibliographicRecord, ImportedItem } from "../../domain/catalogue/bibliographic-record.ts";
import { type CsvRow, csvColumns } from "../../domain/catalogue/map-csv-rows.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { toIso2709 } from "./formats/write-marc.ts";

const PAGE = 500;
export type ExportFormat = "marc" | "csv";

/**
 * The whole catalogue of a system as MARC 21 or CSV, produced page by page: memory holds one page of
 * records whatever the size of the catalogue. Each page is read in its own short transaction.
 */
export async function* exportCatalogue(
  db: Db,
  librarySystemId: number,
  format: ExportFormat,
): AsyncGenerator<Buffer> {
  if (format === "csv") yield Buffer.from(`\uFEFF${stringify([csvColumns as unknown as string[]])}`);
  let after = 0;
  for (;;) {
    const page = await withTenant(db, librarySystemId, (tx) => listRecordsAfter(tx, after, PAGE));
    if (!page.length) return;
    after = Number(page[page.length - 1]?.id);
    const parts = page.map((row) => {
      const record: BibliographicRecord = {
        controlNumber: row.controlNumber,
        title: row.title,
        titleReading: row.titleReading,
        responsibility: row.responsibility,
        authors: row.authors,
        publisher: row.publisher,
        publicationYear: row.publicationYear,
        edition: row.edition,
        series: row.series,
        isbn13: row.isbn13,
        isbn10: row.isbn10,
        ndc: row.ndc,
        ndlc: row.ndlc,
        subjects: row.subjects,
        notes: row.notes,
        language: row.language,
        extent: row.extent,
      };
      const items: ImportedItem[] = row.items.map((i) => ({
        ...i,
        materialType: i.materialType as MaterialType,
        flags: i.flags as ItemFlag[],
      }));
      return format === "marc" ? toIso2709(record, items) : Buffer.from(csvRows(record, items));
    });
    yield Buffer.concat(parts);
  }
}

/** One CSV row per item (one row without item columns for a record without items). */
function csvRows(record: BibliographicRecord, items: readonly ImportedItem[]): string {
  const base: CsvRow = {
    controlNumber: record.controlNumber ?? "",
    isbn: record.isbn13 ?? "",
    title: record.title,
    titleReading: record.titleReading ?? "",
    responsibility: record.responsibility ?? "",
    authors: record.authors.map((a) => a.name).join("|"),
    authorReadings: record.authors.map((a) => a.reading ?? "").join("|"),
    publisher: record.publisher ?? "",
    year: record.publicationYear?.toString() ?? "",
    edition: record.edition ?? "",
    series: record.series.join("|"),
    ndc: record.ndc ?? "",
    ndlc: record.ndlc ?? "",
    subjects: record.subjects.join("|"),
    notes: record.notes.join("|"),
    language: record.language ?? "",
    extent: record.extent ?? "",
  };
  const rows: CsvRow[] = items.length
    ? items.map((i) => ({
        ...base,
        barcode: i.barcode,
        materialType: i.materialType,
        callNumber: i.callNumber,
        servicePoint: i.servicePoint,
        flags: i.flags.join("|"),
        receivedOn: i.receivedOn ?? "",
      }))
    : [base];
  return stringify(rows.map((r) => csvColumns.map((c) => r[c] ?? "")));
}
