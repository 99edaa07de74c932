import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

/**
 * The patron's kept loans (loan_history): one row may serve 001's loan history and 003's reading record at
 * once, so deleting from one clears its flag and the row goes only when neither keeps it.
 */

export type LoanHistoryRow = {
  id: number;
  recordId: number;
  title: string;
  author: string | null;
  itemBarcode: string;
  loanedOn: string;
  returnedOn: string;
};

export async function readOptIns(
  tx: TenantTx,
  patronId: string,
): Promise<{ loanHistoryFrom: string | null; readingRecordFrom: string | null } | undefined> {
  const rows = await tx.execute(sql`
    SELECT loan_history_from::text AS "loanHistoryFrom", reading_record_from::text AS "readingRecordFrom"
      FROM patrons WHERE id = ${patronId} FOR UPDATE`);
  return resultRows<{ loanHistoryFrom: string | null; readingRecordFrom: string | null }>(rows)[0];
}

export async function setLoanHistoryFrom(tx: TenantTx, patronId: string, from: string | null, at: Date) {
  await tx.execute(
    sql`UPDATE patrons SET loan_history_from = ${from}, updated_at = ${at} WHERE id = ${patronId}`,
  );
}

export async function setReadingRecordFrom(tx: TenantTx, patronId: string, from: string | null, at: Date) {
  await tx.execute(
    sql`UPDATE patrons SET reading_record_from = ${from}, updated_at = ${at} WHERE id = ${patronId}`,
  );
}

/** The loan history, newest return first; `limit` null for all (the CSV export). */
export async function listLoanHistory(
  tx: TenantTx,
  patronId: string,
  page: { limit: number | null; offset: number },
): Promise<{ total: number; entries: LoanHistoryRow[] }> {
  const totalRows = await tx.execute(sql`
    SELECT count(*)::int AS total FROM loan_history WHERE patron_id = ${patronId} AND for_loan_history`);
  const rows = await tx.execute(sql`
    SELECT h.id::int AS id, h.record_id::int AS "recordId", h.title, r.responsibility AS author,
           h.item_barcode AS "itemBarcode", h.loaned_on::text AS "loanedOn", h.returned_on::text AS "returnedOn"
      FROM loan_history h
      LEFT JOIN bibliographic_records r ON r.id = h.record_id
     WHERE h.patron_id = ${patronId} AND h.for_loan_history
     ORDER BY h.returned_on DESC, h.id DESC
     LIMIT ${page.limit ?? null} OFFSET ${page.offset}`);
  return {
    total: resultRows<{ total: number }>(totalRows)[0]!.total,
    entries: resultRows<LoanHistoryRow>(rows),
  };
}

/** Takes entries out of the loan history (one, or all with `id` null); answers how many were there. */
export async function deleteFromLoanHistory(
  tx: TenantTx,
  patronId: string,
  id: number | null,
): Promise<number> {
  const which = id === null ? sql`TRUE` : sql`id = ${id}`;
  const removed = await tx.execute(sql`
    DELETE FROM loan_history
     WHERE patron_id = ${patronId} AND for_loan_history AND NOT for_reading_record AND ${which}
    RETURNING id`);
  const cleared = await tx.execute(sql`
    UPDATE loan_history SET for_loan_history = false
     WHERE patron_id = ${patronId} AND for_loan_history AND ${which}
    RETURNING id`);
  return resultRows(removed).length + resultRows(cleared).length;
}

/** The whole reading record goes: its rows (kept for the loan history only where that keeps them) and goals. */
export async function deleteReadingRecord(tx: TenantTx, patronId: string): Promise<void> {
  await tx.execute(sql`
    DELETE FROM loan_history WHERE patron_id = ${patronId} AND for_reading_record AND NOT for_loan_history`);
  await tx.execute(sql`
    UPDATE loan_history SET for_reading_record = false WHERE patron_id = ${patronId} AND for_reading_record`);
  await tx.execute(sql`DELETE FROM reading_goals WHERE patron_id = ${patronId}`);
}

/**
 * The day of each loan the reading record counts: the returned ones it kept, and the current loans made on
 * or after the day it was turned on (still linked to the patron while out).
 */
export async function readingLoanDays(tx: TenantTx, patronId: string, from: string): Promise<string[]> {
  const rows = await tx.execute(sql`
    SELECT loaned_on::text AS day FROM loan_history WHERE patron_id = ${patronId} AND for_reading_record
    UNION ALL
    SELECT loaned_on::text FROM loans
     WHERE patron_id = ${patronId} AND returned_at IS NULL AND loaned_on >= ${from}`);
  return resultRows<{ day: string }>(rows).map((r) => r.day);
}

export async function listReadingGoals(tx: TenantTx, patronId: string): Promise<Map<number, number>> {
  const rows = await tx.execute(sql`
    SELECT fiscal_year AS "fiscalYear", goal FROM reading_goals WHERE patron_id = ${patronId}`);
  return new Map(resultRows<{ fiscalYear: number; goal: number }>(rows).map((r) => [r.fiscalYear, r.goal]));
}

export async function upsertReadingGoal(
  tx: TenantTx,
  goal: { patronId: string; fiscalYear: number; goal: number; at: Date },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO reading_goals (library_system_id, patron_id, fiscal_year, goal, updated_at)
    VALUES (${tx.librarySystemId}, ${goal.patronId}, ${goal.fiscalYear}, ${goal.goal}, ${goal.at})
    ON CONFLICT (patron_id, fiscal_year) DO UPDATE SET goal = EXCLUDED.goal, updated_at = EXCLUDED.updated_at`);
}
