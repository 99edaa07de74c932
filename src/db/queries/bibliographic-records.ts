import { and, eq, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { bibliographicRecords } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type BibliographicRecordRow = Omit<typeof bibliographicRecords.$inferSelect, "searchVector">;

const columns = {
  id: bibliographicRecords.id,
  librarySystemId: bibliographicRecords.librarySystemId,
  controlNumber: bibliographicRecords.controlNumber,
  title: bibliographicRecords.title,
  titleReading: bibliographicRecords.titleReading,
  responsibility: bibliographicRecords.responsibility,
  authors: bibliographicRecords.authors,
  publisher: bibliographicRecords.publisher,
  publicationYear: bibliographicRecords.publicationYear,
  edition: bibliographicRecords.edition,
  series: bibliographicRecords.series,
  isbn13: bibliographicRecords.isbn13,
  isbn10: bibliographicRecords.isbn10,
  ndc: bibliographicRecords.ndc,
  ndlc: bibliographicRecords.ndlc,
  subjects: bibliographicRecords.subjects,
  notes: bibliographicRecords.notes,
  language: bibliographicRecords.language,
  extent: bibliographicRecords.extent,
  createdAt: bibliographicRecords.createdAt,
  updatedAt: bibliographicRecords.updatedAt,
};

export async function findRecord(tx: TenantTx, id: number): Promise<BibliographicRecordRow | undefined> {
  const [row] = await tx
    .select(columns)
    .from(bibliographicRecords)
    .where(
      and(eq(bibliographicRecords.librarySystemId, tx.librarySystemId), eq(bibliographicRecords.id, id)),
    );
  return row;
}

export async function countPendingHolds(tx: TenantTx, recordId: number): Promise<number> {
  const result = await tx.execute(sql`
    SELECT count(*)::int AS n FROM holds
    WHERE library_system_id = ${tx.librarySystemId} AND record_id = ${recordId} AND status = 'pending'`);
  return resultRows<{ n: number }>(result)[0]?.n ?? 0;
}

/** A page of records in id order after `afterId`: the export walks the catalogue with constant memory. */
export async function listRecordsAfter(
  tx: TenantTx,
  afterId: number,
  limit: number,
): Promise<(BibliographicRecordRow & { items: ExportItemRow[] })[]> {
  const result = await tx.execute(sql`
    SELECT r.id::int AS "id", r.control_number AS "controlNumber", r.title, r.title_reading AS "titleReading",
      r.responsibility, r.authors, r.publisher, r.publication_year AS "publicationYear", r.edition, r.series,
      r.isbn13, r.isbn10, r.ndc, r.ndlc, r.subjects, r.notes, r.language, r.extent,
      coalesce((SELECT json_agg(json_build_object('barcode', i.barcode, 'materialType', i.material_type,
          'callNumber', i.call_number, 'servicePoint', sp.code, 'flags', i.flags, 'receivedOn', i.received_on)
          ORDER BY i.barcode)
        FROM items i JOIN service_points sp ON sp.id = i.service_point_id
        WHERE i.record_id = r.id AND i.status <> 'withdrawn'), '[]'::json) AS items
    FROM bibliographic_records r
    WHERE r.library_system_id = ${tx.librarySystemId} AND r.id > ${afterId}
    ORDER BY r.id LIMIT ${limit}`);
  return resultRows<BibliographicRecordRow & { items: ExportItemRow[] }>(result).map((r) => ({
    ...r,
    items: typeof r.items === "string" ? JSON.parse(r.items) : r.items,
  }));
}

export type ExportItemRow = {
  barcode: string;
  materialType: string;
  callNumber: string;
  servicePoint: string;
  flags: string[];
  receivedOn: string | null;
};
