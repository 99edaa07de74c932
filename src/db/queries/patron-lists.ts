import { sql } from "drizzle-orm";
import type { PatronList } from "../../domain/my-page/patron-lists.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type ListEntryRow = {
  list: PatronList;
  recordId: number;
  title: string;
  author: string | null;
  publicationYear: number | null;
  comment: string;
  addedAt: string;
  updatedAt: string;
};

/** The patron's entries on the given lists, newest first, with what a list shows of each record. */
export async function listEntries(
  tx: TenantTx,
  patronId: string,
  lists: readonly PatronList[],
): Promise<ListEntryRow[]> {
  if (lists.length === 0) return [];
  const rows = await tx.execute(sql`
    SELECT e.list, e.record_id::int AS "recordId", r.title, r.responsibility AS author,
           r.publication_year AS "publicationYear", e.comment, e.added_at AS "addedAt", e.updated_at AS "updatedAt"
      FROM patron_list_entries e
      JOIN bibliographic_records r ON r.id = e.record_id
     WHERE e.patron_id = ${patronId} AND e.list = ANY(${`{${lists.join(",")}}`}::text[])
     ORDER BY e.added_at DESC, e.id DESC`);
  return resultRows<ListEntryRow>(rows);
}

/** The lists of the patron that hold the record (for the record page's buttons). */
export async function listsHoldingRecord(
  tx: TenantTx,
  patronId: string,
  recordId: number,
): Promise<PatronList[]> {
  const rows = await tx.execute(sql`
    SELECT list FROM patron_list_entries WHERE patron_id = ${patronId} AND record_id = ${recordId}`);
  return resultRows<{ list: PatronList }>(rows).map((r) => r.list);
}

/** How many entries the list holds, and whether the record is one of them; the patron row is locked first. */
export async function readListFacts(
  tx: TenantTx,
  patronId: string,
  list: PatronList,
  recordId: number,
): Promise<{ entries: number; listed: boolean }> {
  await tx.execute(sql`SELECT 1 FROM patrons WHERE id = ${patronId} FOR UPDATE`);
  const rows = await tx.execute(sql`
    SELECT count(*)::int AS entries, coalesce(bool_or(record_id = ${recordId}), false) AS listed
      FROM patron_list_entries WHERE patron_id = ${patronId} AND list = ${list}`);
  return resultRows<{ entries: number; listed: boolean }>(rows)[0]!;
}

/** Puts the record on the list, or changes its comment when it is there already (the added date stays). */
export async function upsertListEntry(
  tx: TenantTx,
  entry: { patronId: string; list: PatronList; recordId: number; comment: string; now: Date },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO patron_list_entries (library_system_id, patron_id, list, record_id, comment, added_at, updated_at)
    VALUES (${tx.librarySystemId}, ${entry.patronId}, ${entry.list}, ${entry.recordId}, ${entry.comment},
            ${entry.now}, ${entry.now})
    ON CONFLICT (patron_id, list, record_id)
    DO UPDATE SET comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at`);
}

/** Takes the record off the list; answers the comment it had, or null when it was not there. */
export async function deleteListEntry(
  tx: TenantTx,
  patronId: string,
  list: PatronList,
  recordId: number,
): Promise<{ comment: string } | null> {
  const rows = await tx.execute(sql`
    DELETE FROM patron_list_entries WHERE patron_id = ${patronId} AND list = ${list} AND record_id = ${recordId}
    RETURNING comment`);
  return resultRows<{ comment: string }>(rows)[0] ?? null;
}
