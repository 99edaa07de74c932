import { parse as parseIsbn } from "isbn3";
import { type MaterialType, materialTypeSchema } from "../vocabulary.ts";
import type {
  BibliographicRecord,
  Contributor,
  ImportedItem,
  ImportedRecord,
} from "./bibliographic-record.ts";
import { parseItemFlags, parseReceivedDate } from "./item-fields.ts";
import {
  controlValue,
  dataFields,
  type MarcDataField,
  type MarcRecord,
  subfield,
  subfieldsOf,
} from "./marc-record.ts";

export type MappingResult = { ok: true; value: ImportedRecord } | { ok: false; reason: string };

// A reading is katakana (with the spaces, commas and marks readings use); Japanese MARC 21 records
// carry it in an 880 field linked to the written form, as LC records carry the vernacular there.
const katakanaReading = /^[\p{Script=Katakana}\u30FC\u30FB\u3000 ,.\-'0-9A-Za-z]+$/u;
const hasKatakana = /\p{Script=Katakana}/u;
const hasJapaneseScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function isReading(text: string): boolean {
  return katakanaReading.test(text) && hasKatakana.test(text);
}

/** Strips the ISBD punctuation that closes a MARC subfield ("吾輩は猫である /" → "吾輩は猫である"). */
export function trimIsbd(text: string): string {
  return text
    .replace(/[\s]*[/:;,=.]+\s*$/u, "")
    .replace(/^\s*[[]|[\]]\s*$/gu, "")
    .trim();
}

/** The 880 fields linked to `field` through $6 (field "245 $6 880-01" ↔ "880 $6 245-01/$1"). */
function linkedFields(record: MarcRecord, field: MarcDataField): MarcDataField[] {
  const link = subfield(field, "6");
  const occurrence = link?.match(/^880-(\d{2})/)?.[1];
  if (!occurrence || occurrence === "00") return [];
  return dataFields(record, "880").filter((f) => subfield(f, "6")?.startsWith(`${field.tag}-${occurrence}`));
}

/** Unlinked 880s ("245-00") and their fields, grouped by the tag they stand beside. */
function unlinkedFor(record: MarcRecord, tag: string): MarcDataField[] {
  return dataFields(record, "880").filter((f) => subfield(f, "6")?.startsWith(`${tag}-00`));
}

/** The written form and the reading among a field and its linked 880s. */
function writtenAndReading(
  record: MarcRecord,
  field: MarcDataField,
  text: (f: MarcDataField) => string,
): { written: string; reading: string | null } {
  const forms = [field, ...linkedFields(record, field)].map(text).filter((t) => t.length > 0);
  const readingSubfield = readingFromSubfields(field);
  const reading = forms.find(isReading) ?? readingSubfield;
  // Prefer the Japanese-script form (LC puts romanisation in the field and kanji in the 880).
  const written =
    forms.find((t) => hasJapaneseScript.test(t) && !isReading(t)) ??
    forms.find((t) => !isReading(t)) ??
    forms[0];
  return { written: written ?? "", reading: reading ?? (written && isReading(written) ? written : null) };
}

// Some Japanese MARC 21 sources put the reading of a heading in $x or $9 of the field itself.
function readingFromSubfields(field: MarcDataField): string | null {
  const candidate = subfieldsOf(field, "x9").find(isReading);
  return candidate ? candidate.trim() : null;
}

function titleText(field: MarcDataField): string {
  const main = subfieldsOf(field, "anp").map(trimIsbd).filter(Boolean).join(" ");
  const rest = subfieldsOf(field, "b").map(trimIsbd).filter(Boolean);
  return [main, ...rest].filter(Boolean).join(" : ");
}

function nameText(field: MarcDataField): string {
  return subfieldsOf(field, field.tag.endsWith("00") ? "aq" : "ab")
    .map(trimIsbd)
    .filter(Boolean)
    .join(" ");
}

function contributors(record: MarcRecord): Contributor[] {
  const seen = new Set<string>();
  const result: Contributor[] = [];
  for (const field of dataFields(record, /^(100|110|111|700|710|711)$/)) {
    const { written, reading } = writtenAndReading(record, field, nameText);
    if (!written || seen.has(written)) continue;
    seen.add(written);
    result.push({ name: written, reading });
  }
  return result;
}

function firstIsbn(record: MarcRecord): { isbn13: string | null; isbn10: string | null } {
  for (const field of dataFields(record, "020")) {
    const raw = subfield(field, "a")?.trim().split(/\s+/)[0];
    const isbn = raw ? parseIsbn(raw) : null;
    if (isbn?.isValid) return { isbn13: isbn.isbn13, isbn10: isbn.isbn10 ?? null };
  }
  return { isbn13: null, isbn10: null };
}

function classification(record: MarcRecord, scheme: RegExp): string | null {
  const field = dataFields(record, "084").find((f) => scheme.test(subfield(f, "2") ?? ""));
  return field ? (subfield(field, "a")?.trim() ?? null) : null;
}

function publication(record: MarcRecord): { publisher: string | null; year: number | null } {
  const field = dataFields(record, "264").find((f) => f.ind2 === "1") ?? dataFields(record, "260")[0] ?? null;
  const linked = field ? [field, ...linkedFields(record, field)] : [];
  const publisherForms = linked.map((f) => subfieldsOf(f, "b").map(trimIsbd).join(" ")).filter(Boolean);
  const publisher = publisherForms.find((p) => hasJapaneseScript.test(p)) ?? publisherForms[0] ?? null;
  const yearText = field ? (subfield(field, "c") ?? "") : "";
  const fixed = controlValue(record, "008")?.slice(7, 11) ?? "";
  const year = yearText.match(/\d{4}/)?.[0] ?? (/^\d{4}$/.test(fixed) ? fixed : null);
  return { publisher, year: year ? Number(year) : null };
}

function subjects(record: MarcRecord): string[] {
  return dataFields(record, /^(600|610|611|630|650|651)$/)
    .map((f) => subfieldsOf(f, "axyzv").map(trimIsbd).filter(Boolean).join("--"))
    .filter(Boolean);
}

function series(record: MarcRecord): string[] {
  const fields = [...dataFields(record, "490"), ...dataFields(record, "830")];
  const names = fields.map((f) => {
    const { written } = writtenAndReading(record, f, (x) => subfieldsOf(x, "a").map(trimIsbd).join(" "));
    const volume = subfield(f, "v");
    return [written, volume ? trimIsbd(volume) : ""].filter(Boolean).join(" ; ");
  });
  return [...new Set(names.filter(Boolean))];
}

/** Leader/06 and /07 give the default material type of the record's items. */
export function materialTypeFromLeader(leader: string): MaterialType {
  const type = leader[6];
  const level = leader[7];
  if ((type === "a" || type === "t") && level === "s") return "magazine";
  if (type === "g") return "dvd";
  if (type === "i") return "audiobookCd";
  if (type === "j") return "cd";
  if (type === "k") return "kamishibai";
  return "book";
}

/**
 * Items from the holdings of the record. 949 is Shiori's local item field (docs/catalogue-import.md):
 * $a barcode, $b service point, $c call number, $t material type, $f flag (repeatable), $d received.
 * 852 is read as MARC 21 defines it: $b location, $h/$i call number, $p barcode.
 */
function items(record: MarcRecord): { ok: true; items: ImportedItem[] } | { ok: false; reason: string } {
  const defaultType = materialTypeFromLeader(record.leader);
  const result: ImportedItem[] = [];
  const sources = [
    ...dataFields(record, "949").map((f) => ({
      barcode: subfield(f, "a"),
      servicePoint: subfield(f, "b"),
      callNumber: subfield(f, "c"),
      materialType: subfield(f, "t"),
      flags: subfieldsOf(f, "f"),
      received: subfield(f, "d"),
    })),
    ...dataFields(record, "852")
      .filter((f) => subfield(f, "p"))
      .map((f) => ({
        barcode: subfield(f, "p"),
        servicePoint: subfield(f, "b"),
        callNumber: subfieldsOf(f, "hi").join(" "),
        materialType: null,
        flags: [] as string[],
        received: null,
      })),
  ];
  for (const source of sources) {
    const barcode = source.barcode?.trim();
    if (!barcode) return { ok: false, reason: "item without barcode" };
    const servicePoint = source.servicePoint?.trim();
    if (!servicePoint) return { ok: false, reason: `item ${barcode}: no service point` };
    const type = source.materialType?.trim() || defaultType;
    const materialType = materialTypeSchema.safeParse(type);
    if (!materialType.success)
      return { ok: false, reason: `item ${barcode}: unknown material type "${type}"` };
    const flags = parseItemFlags(source.flags);
    if (!flags.ok) return { ok: false, reason: `item ${barcode}: ${flags.reason}` };
    const receivedOn = parseReceivedDate(source.received);
    if (!receivedOn.ok) return { ok: false, reason: `item ${barcode}: ${receivedOn.reason}` };
    result.push({
      barcode,
      servicePoint,
      callNumber: source.callNumber?.trim() ?? "",
      materialType: materialType.data,
      flags: flags.value,
      receivedOn: receivedOn.value,
    });
  }
  return { ok: true, items: result };
}

/** Maps a MARC 21 bibliographic record (as JAPAN/MARC MARC21 and LC write them) to what Shiori keeps. */
export function mapMarcRecord(record: MarcRecord): MappingResult {
  const titleField = dataFields(record, "245")[0];
  if (!titleField) return { ok: false, reason: "no title (245)" };
  const title = writtenAndReading(record, titleField, titleText);
  const titleReading = title.reading ?? unlinkedFor(record, "245").map(titleText).find(isReading) ?? null;
  if (!title.written) return { ok: false, reason: "empty title (245 $a)" };
  const responsibility = linkedOrOwn(record, titleField, "c");
  const { publisher, year } = publication(record);
  const editionField = dataFields(record, "250")[0];
  const extentField = dataFields(record, "300")[0];
  const language =
    dataFields(record, "041").map((f) => subfield(f, "a"))[0] ??
    controlValue(record, "008")?.slice(35, 38) ??
    null;
  const bibliographic: BibliographicRecord = {
    controlNumber: controlValue(record, "001")?.trim() || null,
    title: title.written,
    titleReading,
    responsibility,
    authors: contributors(record),
    publisher,
    publicationYear: year,
    edition: editionField ? trimIsbd(subfieldsOf(editionField, "ab").join(" ")) || null : null,
    series: series(record),
    ...firstIsbn(record),
    ndc: classification(record, /^(njb|ndc)/i),
    ndlc: classification(record, /^kktb/i),
    subjects: subjects(record),
    notes: dataFields(record, /^(500|504|505|520)$/)
      .map((f) => subfieldsOf(f, "a").join(" ").trim())
      .filter(Boolean),
    language: language?.trim() && /^[a-z]{3}$/.test(language.trim()) ? language.trim() : null,
    extent: extentField ? trimIsbd(subfieldsOf(extentField, "abc").map(trimIsbd).join(" ; ")) || null : null,
  };
  const itemResult = items(record);
  if (!itemResult.ok) return itemResult;
  return { ok: true, value: { record: bibliographic, items: itemResult.items } };
}

function linkedOrOwn(record: MarcRecord, field: MarcDataField, code: string): string | null {
  const forms = [field, ...linkedFields(record, field)]
    .map((f) => subfield(f, code))
    .filter((v): v is string => Boolean(v))
    .map(trimIsbd);
  return forms.find((t) => hasJapaneseScript.test(t) && !isReading(t)) ?? forms[0] ?? null;
}
