import marcjs from "marcjs";
import type { BibliographicRecord, ImportedItem } from "../../../domain/catalogue/bibliographic-record.ts";

const sub = (code: string, value: string | null | undefined): string[] => (value ? [code, value] : []);

/**
 * A record as MARC 21 the way the import reads it back: readings in 880 fields linked through $6,
 * NDC and NDLC in 084, items in Shiori's 949. Exporting then importing gives the same record.
 */
export function toMarcFields(record: BibliographicRecord, items: readonly ImportedItem[]): string[][] {
  const fields: string[][] = [];
  const linked: string[][] = [];
  let link = 0;
  const withReading = (tag: string, ind: string, main: string[], reading: string | null) => {
    if (!reading) {
      fields.push([tag, ind, ...main]);
      return;
    }
    link++;
    const occurrence = String(link).padStart(2, "0");
    fields.push([tag, ind, "6", `880-${occurrence}`, ...main]);
    linked.push(["880", ind, "6", `${tag}-${occurrence}/$1`, "a", reading]);
  };
  if (record.controlNumber) fields.push(["001", record.controlNumber]);
  fields.push(["008", fixedLengthData(record)]);
  if (record.isbn13) fields.push(["020", "  ", "a", record.isbn13]);
  if (record.isbn10) fields.push(["020", "  ", "a", record.isbn10]);
  if (record.language) fields.push(["041", "0 ", "a", record.language]);
  if (record.ndlc) fields.push(["084", "  ", "a", record.ndlc, "2", "kktb"]);
  if (record.ndc) fields.push(["084", "  ", "a", record.ndc, "2", "njb/10"]);
  withReading("245", "00", ["a", record.title, ...sub("c", record.responsibility)], record.titleReading);
  if (record.edition) fields.push(["250", "  ", "a", record.edition]);
  if (record.publisher || record.publicationYear) {
    fields.push([
      "264",
      " 1",
      ...sub("b", record.publisher),
      ...sub("c", record.publicationYear?.toString()),
    ]);
  }
  if (record.extent) fields.push(["300", "  ", "a", record.extent]);
  for (const s of record.series) fields.push(["490", "0 ", "a", s]);
  for (const n of record.notes) fields.push(["500", "  ", "a", n]);
  for (const s of record.subjects) {
    const [a, ...rest] = s.split("--");
    fields.push(["650", " 7", "a", a ?? s, ...rest.flatMap((x) => ["x", x])]);
  }
  for (const author of record.authors) withReading("700", "1 ", ["a", author.name], author.reading);
  fields.push(...linked);
  for (const item of items) {
    fields.push([
      "949",
      "  ",
      "a",
      item.barcode,
      "b",
      item.servicePoint,
      ...sub("c", item.callNumber),
      "t",
      item.materialType,
      ...item.flags.flatMap((f) => ["f", f]),
      ...sub("d", item.receivedOn),
    ]);
  }
  return fields;
}

/** One ISO 2709 record (UTF-8, leader/09 "a"). */
export function toIso2709(record: BibliographicRecord, items: readonly ImportedItem[]): Buffer {
  const marc = new marcjs.Record();
  marc.leader = "00000nam a2200000 i 4500";
  // Tags must stay in order for other systems' readers; 880 and 949 come last, as they sort.
  marc.fields = toMarcFields(record, items).sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
  return Buffer.from(marcjs.Marc.format(marc, "iso2709"), "utf8");
}

/** 008: positions 06 (type of date), 07-10 (year), 15-17 (place), 35-37 (language); the rest blank. */
function fixedLengthData(record: BibliographicRecord): string {
  const year = record.publicationYear ? String(record.publicationYear).padStart(4, "0") : "    ";
  const language = (record.language ?? "jpn").padEnd(3).slice(0, 3);
  return `${" ".repeat(6)}s${year}${" ".repeat(4)}ja ${" ".repeat(17)}${language}  `;
}
