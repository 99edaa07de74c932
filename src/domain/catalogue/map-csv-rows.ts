import { parse as parseIsbn } from "isbn3";
import { materialTypeSchema } from "../vocabulary.ts";
import type { Contributor, ImportedItem } from "./bibliographic-record.ts";
import { parseItemFlags, parseReceivedDate } from "./item-fields.ts";
import type { MappingResult } from "./map-marc-record.ts";

/**
 * The columns of a catalogue CSV or TSV file (docs/catalogue-import.md). One row per item; the rows of
 * one record follow each other and share its control number. Lists are separated by "|".
 */
export const csvColumns = [
  "controlNumber",
  "isbn",
  "title",
  "titleReading",
  "responsibility",
  "authors",
  "authorReadings",
  "publisher",
  "year",
  "edition",
  "series",
  "ndc",
  "ndlc",
  "subjects",
  "notes",
  "language",
  "extent",
  "barcode",
  "materialType",
  "callNumber",
  "servicePoint",
  "flags",
  "receivedOn",
] as const;
export type CsvColumn = (typeof csvColumns)[number];
export type CsvRow = Partial<Record<CsvColumn, string>>;

const list = (value: string | undefined): string[] =>
  (value ?? "")
    .split("|")
    .map((v) => v.trim())
    .filter(Boolean);

const text = (value: string | undefined): string | null => value?.trim() || null;

/** The key that says two consecutive rows describe the same record. */
export function csvRecordKey(row: CsvRow): string {
  return text(row.controlNumber) ?? text(row.isbn) ?? `title:${row.title ?? ""}`;
}

export function mapCsvRows(rows: readonly CsvRow[]): MappingResult {
  const first = rows[0];
  if (!first) return { ok: false, reason: "no rows" };
  const title = text(first.title);
  if (!title) return { ok: false, reason: "no title" };
  let isbn13: string | null = null;
  let isbn10: string | null = null;
  if (text(first.isbn)) {
    const isbn = parseIsbn(first.isbn?.trim() ?? "");
    if (!isbn?.isValid) return { ok: false, reason: `invalid ISBN "${first.isbn}"` };
    isbn13 = isbn.isbn13;
    isbn10 = isbn.isbn10 ?? null;
  }
  const yearText = text(first.year);
  if (yearText && !/^\d{4}$/.test(yearText))
    return { ok: false, reason: `year "${yearText}" is not 4 digits` };
  const readings = (first.authorReadings ?? "").split("|").map((r) => r.trim());
  const authors: Contributor[] = list(first.authors).map((name, i) => ({
    name,
    reading: readings[i] || null,
  }));

  const items: ImportedItem[] = [];
  for (const row of rows) {
    const barcode = text(row.barcode);
    if (!barcode) continue;
    const type = text(row.materialType) ?? "book";
    const materialType = materialTypeSchema.safeParse(type);
    if (!materialType.success)
      return { ok: false, reason: `item ${barcode}: unknown material type "${type}"` };
    const servicePoint = text(row.servicePoint);
    if (!servicePoint) return { ok: false, reason: `item ${barcode}: no service point` };
    const flags = parseItemFlags([row.flags ?? ""]);
    if (!flags.ok) return { ok: false, reason: `item ${barcode}: ${flags.reason}` };
    const receivedOn = parseReceivedDate(row.receivedOn);
    if (!receivedOn.ok) return { ok: false, reason: `item ${barcode}: ${receivedOn.reason}` };
    items.push({
      barcode,
      materialType: materialType.data,
      callNumber: text(row.callNumber) ?? "",
      servicePoint,
      flags: flags.value,
      receivedOn: receivedOn.value,
    });
  }
  return {
    ok: true,
    value: {
      record: {
        controlNumber: text(first.controlNumber),
        title,
        titleReading: text(first.titleReading),
        responsibility: text(first.responsibility),
        authors,
        publisher: text(first.publisher),
        publicationYear: yearText ? Number(yearText) : null,
        edition: text(first.edition),
        series: list(first.series),
        isbn13,
        isbn10,
        ndc: text(first.ndc),
        ndlc: text(first.ndlc),
        subjects: list(first.subjects),
        notes: list(first.notes),
        language: text(first.language),
        extent: text(first.extent),
      },
      items,
    },
  };
}
