import { sql } from "drizzle-orm";
import type { FeeKind } from "../../domain/fees/fee-ledger.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type NewFeeEntry = {
  servicePointId: string;
  kind: FeeKind;
  amountYen: number;
  patronId: string | null;
  subjectType: string;
  subjectId: string;
  recordedBy: string;
  recordedOn: string;
  now: Date;
  refundOf?: number;
  reason?: string;
};

export async function insertFeeEntry(tx: TenantTx, entry: NewFeeEntry): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO fee_ledger (library_system_id, service_point_id, kind, amount_yen, refund_of, reason, patron_id,
                            subject_type, subject_id, recorded_by, recorded_on, recorded_at)
    VALUES (${tx.librarySystemId}, ${entry.servicePointId}, ${entry.kind}, ${entry.amountYen},
            ${entry.refundOf ?? null}, ${entry.reason ?? null}, ${entry.patronId}, ${entry.subjectType},
            ${entry.subjectId}, ${entry.recordedBy}, ${entry.recordedOn}, ${entry.now.toISOString()})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export type FeeEntryRow = {
  id: number;
  kind: FeeKind;
  amountYen: number;
  refundOf: number | null;
  reason: string | null;
  refundedYen: number;
  patronId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  servicePointId: string;
  servicePointCode: string;
  servicePointName: { ja: string; en: string };
  recordedBy: string;
  recordedByName: string | null;
  recordedOn: string;
  recordedAt: string;
};

const entryColumns = sql`
  f.id::integer AS "id", f.kind, f.amount_yen AS "amountYen", f.refund_of::integer AS "refundOf", f.reason,
  coalesce((SELECT -sum(r.amount_yen) FROM fee_ledger r WHERE r.refund_of = f.id), 0)::integer AS "refundedYen",
  f.patron_id AS "patronId", f.subject_type AS "subjectType", f.subject_id AS "subjectId",
  f.service_point_id AS "servicePointId", sp.code AS "servicePointCode",
  json_build_object('ja', sp.name_ja, 'en', sp.name_en) AS "servicePointName",
  f.recorded_by AS "recordedBy", st.display_name AS "recordedByName",
  to_char(f.recorded_on, 'YYYY-MM-DD') AS "recordedOn", f.recorded_at AS "recordedAt"`;

const entrySource = sql`
  fee_ledger f JOIN service_points sp ON sp.id = f.service_point_id
  LEFT JOIN staff_accounts st ON st.id = f.recorded_by`;

/** One entry with what its refunds gave back; `lock` holds it while a refund is written. */
export async function findFeeEntry(tx: TenantTx, id: number, lock = false): Promise<FeeEntryRow | undefined> {
  if (lock) await tx.execute(sql`SELECT 1 FROM fee_ledger WHERE id = ${id} FOR UPDATE`);
  const result = await tx.execute(sql`SELECT ${entryColumns} FROM ${entrySource} WHERE f.id = ${id}`);
  return resultRows<FeeEntryRow>(result)[0];
}

/** The entries of a day (and service point), in the order they were taken. */
export async function listFeeEntries(
  tx: TenantTx,
  day: string,
  servicePointId: string | null,
): Promise<FeeEntryRow[]> {
  const result = await tx.execute(sql`
    SELECT ${entryColumns} FROM ${entrySource}
     WHERE f.recorded_on = ${day} AND (${servicePointId}::uuid IS NULL OR f.service_point_id = ${servicePointId})
     ORDER BY f.recorded_at, f.id`);
  return resultRows<FeeEntryRow>(result);
}

export type FeeTotalRow = {
  day: string;
  servicePointCode: string;
  kind: FeeKind;
  entries: number;
  receivedYen: number;
  refundedYen: number;
  netYen: number;
};

/** Totals per day, service point and kind over a range of days (the refunds on the day they were given). */
export async function feeTotals(
  tx: TenantTx,
  from: string,
  to: string,
  servicePointId: string | null,
): Promise<FeeTotalRow[]> {
  const result = await tx.execute(sql`
    SELECT to_char(f.recorded_on, 'YYYY-MM-DD') AS "day", sp.code AS "servicePointCode", f.kind,
           count(*) FILTER (WHERE f.refund_of IS NULL)::integer AS "entries",
           coalesce(sum(f.amount_yen) FILTER (WHERE f.amount_yen > 0), 0)::integer AS "receivedYen",
           coalesce(-sum(f.amount_yen) FILTER (WHERE f.amount_yen < 0), 0)::integer AS "refundedYen",
           sum(f.amount_yen)::integer AS "netYen"
      FROM fee_ledger f JOIN service_points sp ON sp.id = f.service_point_id
     WHERE f.recorded_on BETWEEN ${from} AND ${to}
       AND (${servicePointId}::uuid IS NULL OR f.service_point_id = ${servicePointId})
     GROUP BY f.recorded_on, sp.code, f.kind
     ORDER BY f.recorded_on, sp.code, f.kind`);
  return resultRows<FeeTotalRow>(result);
}
