import { sql } from "drizzle-orm";
import type { BibliographicRecord } from "../../domain/catalogue/bibliographic-record.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { resultRows } from "../migrate.ts";
import { textArray } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type RecordMatchRow = { id: number; controlNumber: string | null; isbn13: string | null };

/** Existing records a batch of incoming ones may update: by control number, then by ISBN. */
export async function findRecordMatches(
  tx: TenantTx,
  keys: { controlNumbers: string[]; isbns: string[] },
): Promise<RecordMatchRow[]> {
  if (!keys.controlNumbers.length && !keys.isbns.length) return [];
  const result = await tx.execute(sql`
    SELECT id::int AS "id", control_number AS "controlNumber", isbn13 AS "isbn13"
    FROM bibliographic_records
    WHERE library_system_id = ${tx.librarySystemId}
      AND (control_number = ANY(${textArray(keys.controlNumbers)}) OR isbn13 = ANY(${textArray(keys.isbns)}))`);
  return resultRows<RecordMatchRow>(result);
}

/** Ids taken from the table's sequence before the insert, so items can name their record in the same batch. */
export async function allocateRecordIds(tx: TenantTx, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await tx.execute(sql`
    SELECT nextval(pg_get_serial_sequence('bibliographic_records', 'id'))::int AS id
    FROM generate_series(1, ${count})`);
  return resultRows<{ id: number }>(result).map((r) => r.id);
}

/** The summary of a record's live items that search reads instead of the items (migration 0004). */
export type HoldingsSummary = {
  materialTypes: string[];
  servicePointIds: string[];
  itemCount: number;
  availableItemCount: number;
};

export type RecordWrite = { id: number; record: BibliographicRecord; searchVector: string };
export type NewRecordWrite = RecordWrite & { holdings: HoldingsSummary };

const recordColumns = sql.raw(`
  id bigint, control_number text, title text, title_reading text, responsibility text, authors jsonb,
  publisher text, publication_year integer, edition text, series text[], isbn13 text, isbn10 text, ndc text,
  ndlc text, subjects text[], notes text[], language text, extent text, search_vector text`);
const holdingsColumns = sql.raw(`
  material_types text[], service_point_ids uuid[], item_count integer, available_item_count integer`);

function recordJson(rows: readonly (RecordWrite | NewRecordWrite)[]): string {
  return JSON.stringify(
    rows.map(({ id, record: r, searchVector, ...rest }) => ({
      id,
      control_number: r.controlNumber,
      title: r.title,
      title_reading: r.titleReading,
      responsibility: r.responsibility,
      authors: r.authors,
      publisher: r.publisher,
      publication_year: r.publicationYear,
      edition: r.edition,
      series: r.series,
      isbn13: r.isbn13,
      isbn10: r.isbn10,
      ndc: r.ndc,
      ndlc: r.ndlc,
      subjects: r.subjects,
      notes: r.notes,
      language: r.language,
      extent: r.extent,
      search_vector: searchVector,
      ...("holdings" in rest && {
        material_types: rest.holdings.materialTypes,
        service_point_ids: rest.holdings.servicePointIds,
        item_count: rest.holdings.itemCount,
        available_item_count: rest.holdings.availableItemCount,
      }),
    })),
  );
}

/**
 * Inserts a batch of records in one statement (the import's hot path). The holdings summary comes with
 * them, worked out from the batch's items, so that no record is written twice in the batch.
 */
export async function insertRecords(tx: TenantTx, rows: readonly NewRecordWrite[], now: Date): Promise<void> {
  if (!rows.length) return;
  await tx.execute(sql`
    INSERT INTO bibliographic_records (id, library_system_id, control_number, title, title_reading, responsibility,
      authors, publisher, publication_year, edition, series, isbn13, isbn10, ndc, ndlc, subjects, notes, language,
      extent, search_vector, material_types, service_point_ids, item_count, available_item_count, created_at,
      updated_at)
    SELECT r.id, ${tx.librarySystemId}, r.control_number, r.title, r.title_reading, r.responsibility, r.authors,
      r.publisher, r.publication_year, r.edition, r.series, r.isbn13, r.isbn10, r.ndc, r.ndlc, r.subjects, r.notes,
      r.language, r.extent, r.search_vector::tsvector, r.material_types, r.service_point_ids, r.item_count,
      r.available_item_count, ${now}, ${now}
    FROM jsonb_to_recordset(${recordJson(rows)}::jsonb) AS r(${recordColumns}, ${holdingsColumns})`);
}

/**
 * Brings the holdings summary of these records up to date with their items: call it, in the same
 * transaction, after adding, changing or withdrawing items or changing their status. Records whose
 * summary is right already are not written.
 */
export async function refreshRecordSummaries(tx: TenantTx, recordIds: readonly number[]): Promise<void> {
  if (!recordIds.length) return;
  await tx.execute(sql`
    SELECT refresh_record_summary(${tx.librarySystemId}::integer,
      ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify([...new Set(recordIds)])}::jsonb)::bigint))`);
}

export async function updateRecords(tx: TenantTx, rows: readonly RecordWrite[], now: Date): Promise<void> {
  if (!rows.length) return;
  await tx.execute(sql`
    UPDATE bibliographic_records b SET control_number = coalesce(r.control_number, b.control_number),
      title = r.title, title_reading = r.title_reading, responsibility = r.responsibility, authors = r.authors,
      publisher = r.publisher, publication_year = r.publication_year, edition = r.edition, series = r.series,
      isbn13 = r.isbn13, isbn10 = r.isbn10, ndc = r.ndc, ndlc = r.ndlc, subjects = r.subjects, notes = r.notes,
      language = r.language, extent = r.extent, search_vector = r.search_vector::tsvector, updated_at = ${now}
    FROM jsonb_to_recordset(${recordJson(rows)}::jsonb) AS r(${recordColumns})
    WHERE b.id = r.id AND b.library_system_id = ${tx.librarySystemId}`);
}

export type ItemOwnerRow = { barcode: string; recordId: number };

export async function findItemOwners(tx: TenantTx, barcodes: readonly string[]): Promise<ItemOwnerRow[]> {
  if (!barcodes.length) return [];
  const result = await tx.execute(sql`
    SELECT barcode, record_id::int AS "recordId" FROM items
    WHERE library_system_id = ${tx.librarySystemId}
      AND barcode = ANY(${textArray(barcodes)})`);
  return resultRows<ItemOwnerRow>(result);
}

export type ItemWrite = {
  recordId: number;
  barcode: string;
  materialType: MaterialType;
  callNumber: string;
  servicePointId: string;
  flags: ItemFlag[];
  receivedOn: string | null;
};

/**
 * Inserts items or updates the catalogue fields of those already there (a re-import); circulation
 * status is never touched by an import.
 */
export async function upsertItems(tx: TenantTx, rows: readonly ItemWrite[], now: Date): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(
    rows.map((i) => ({
      record_id: i.recordId,
      barcode: i.barcode,
      material_type: i.materialType,
      call_number: i.callNumber,
      service_point_id: i.servicePointId,
      flags: i.flags,
      received_on: i.receivedOn,
    })),
  );
  await tx.execute(sql`
    INSERT INTO items (library_system_id, record_id, barcode, material_type, call_number, service_point_id, flags,
      received_on, created_at, updated_at)
    SELECT ${tx.librarySystemId}, i.record_id, i.barcode, i.material_type, i.call_number, i.service_point_id, i.flags,
      i.received_on, ${now}, ${now}
    FROM jsonb_to_recordset(${json}::jsonb) AS i(record_id bigint, barcode text, material_type text, call_number text,
      service_point_id uuid, flags text[], received_on date)
    ON CONFLICT (library_system_id, barcode) DO UPDATE SET material_type = EXCLUDED.material_type,
      call_number = EXCLUDED.call_number, service_point_id = EXCLUDED.service_point_id, flags = EXCLUDED.flags,
      received_on = coalesce(EXCLUDED.received_on, items.received_on), updated_at = EXCLUDED.updated_at`);
}
