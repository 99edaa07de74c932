import { sql } from "drizzle-orm";
import type { KitFacts } from "../../domain/applications/registration-kits.ts";
import { resultRows } from "../migrate.ts";
import { textArray } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type KitBatchRow = {
  id: number;
  kitCount: number;
  printedAt: string;
  servicePointCode: string | null;
  servicePointJa: string | null;
  servicePointEn: string | null;
  handedOverOn: string | null;
  used: number;
  pending: number;
};

const batchColumns = sql`
  b.id::int AS id, b.kit_count AS "kitCount", b.printed_at AS "printedAt",
  sp.code AS "servicePointCode", sp.name_ja AS "servicePointJa", sp.name_en AS "servicePointEn",
  to_char(b.handed_over_on, 'YYYY-MM-DD') AS "handedOverOn",
  (SELECT count(*)::int FROM registration_kits k WHERE k.batch_id = b.id AND k.used_at IS NOT NULL) AS used,
  (SELECT count(*)::int FROM registration_kits k JOIN applications a
      ON a.kit_number = k.card_number AND a.status IN ('submitted', 'inquiry')
    WHERE k.batch_id = b.id) AS pending`;

export async function insertKitBatch(
  tx: TenantTx,
  batch: { numbers: string[]; printedBy: string | null; now: Date },
): Promise<number> {
  const result = await tx.execute(sql`
    INSERT INTO kit_batches (library_system_id, kit_count, printed_at, printed_by)
    VALUES (${tx.librarySystemId}, ${batch.numbers.length}, ${batch.now.toISOString()}, ${batch.printedBy})
    RETURNING id::int AS id`);
  const id = resultRows<{ id: number }>(result)[0]!.id;
  await tx.execute(sql`
    INSERT INTO registration_kits (library_system_id, card_number, batch_id)
    SELECT ${tx.librarySystemId}, n, ${id} FROM unnest(${textArray(batch.numbers)}) AS n`);
  return id;
}

export async function findKitBatch(tx: TenantTx, id: number, lock = false): Promise<KitBatchRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${batchColumns} FROM kit_batches b LEFT JOIN service_points sp ON sp.id = b.service_point_id
     WHERE b.id = ${id} ${lock ? sql`FOR UPDATE OF b` : sql``}`);
  return resultRows<KitBatchRow>(result)[0];
}

/** The batches, the newest first. */
export async function listKitBatches(tx: TenantTx, limit: number): Promise<KitBatchRow[]> {
  const result = await tx.execute(sql`
    SELECT ${batchColumns} FROM kit_batches b LEFT JOIN service_points sp ON sp.id = b.service_point_id
     ORDER BY b.id DESC LIMIT ${limit}`);
  return resultRows<KitBatchRow>(result);
}

export async function kitNumbersOfBatch(
  tx: TenantTx,
  id: number,
): Promise<{ number: string; used: boolean }[]> {
  const result = await tx.execute(sql`
    SELECT card_number AS number, used_at IS NOT NULL AS used FROM registration_kits
     WHERE batch_id = ${id} ORDER BY card_number`);
  return resultRows<{ number: string; used: boolean }>(result);
}

export async function markBatchHandedOver(
  tx: TenantTx,
  id: number,
  h: { servicePointId: string; on: string; by: string | null },
): Promise<void> {
  await tx.execute(sql`
    UPDATE kit_batches SET service_point_id = ${h.servicePointId}, handed_over_on = ${h.on}, handed_over_by = ${h.by}
     WHERE id = ${id}`);
}

/** What the rules ask of a kit number: handed out, used, or named by another application under review. */
export async function kitFacts(
  tx: TenantTx,
  number: string,
  exceptApplication: string,
): Promise<KitFacts | undefined> {
  const result = await tx.execute(sql`
    SELECT b.handed_over_on IS NOT NULL AS "handedOver", k.used_at IS NOT NULL AS used,
           EXISTS (SELECT 1 FROM applications a WHERE a.kit_number = k.card_number AND a.id <> ${exceptApplication}
                      AND a.status IN ('submitted', 'inquiry', 'approved')) AS "claimedByAnotherApplication"
      FROM registration_kits k JOIN kit_batches b ON b.id = k.batch_id
     WHERE k.card_number = ${number}
     FOR UPDATE OF k`);
  return resultRows<KitFacts>(result)[0];
}

export async function markKitUsed(tx: TenantTx, number: string, patronId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE registration_kits SET used_at = ${now.toISOString()}, patron_id = ${patronId} WHERE card_number = ${number}`);
}
