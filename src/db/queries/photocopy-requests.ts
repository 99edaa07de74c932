import { sql } from "drizzle-orm";
import type { PhotocopyScope } from "../../domain/fees/photocopy-rules.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type NewPhotocopyRequest = {
  servicePointId: string;
  itemBarcode: string | null;
  title: string;
  periodical: boolean;
  currentIssue: boolean;
  scope: PhotocopyScope;
  pagesDescription: string | null;
  monoPages: number;
  colourPages: number;
  amountYen: number;
  confirmed: readonly string[];
  patronId: string | null;
  recordedBy: string;
  now: Date;
};

export async function insertPhotocopyRequest(tx: TenantTx, r: NewPhotocopyRequest): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO photocopy_requests (library_system_id, service_point_id, item_barcode, title, periodical,
                                    current_issue, scope, pages_description, mono_pages, colour_pages, amount_yen,
                                    confirmed, patron_id, recorded_by, recorded_at)
    VALUES (${tx.librarySystemId}, ${r.servicePointId}, ${r.itemBarcode}, ${r.title}, ${r.periodical},
            ${r.currentIssue}, ${r.scope}, ${r.pagesDescription}, ${r.monoPages}, ${r.colourPages}, ${r.amountYen},
            ${`{${r.confirmed.join(",")}}`}::text[], ${r.patronId}, ${r.recordedBy},
            ${r.now.toISOString()})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export type PhotocopyRequestRow = {
  id: number;
  servicePointCode: string;
  itemBarcode: string | null;
  title: string;
  periodical: boolean;
  currentIssue: boolean;
  scope: PhotocopyScope;
  pagesDescription: string | null;
  monoPages: number;
  colourPages: number;
  amountYen: number;
  confirmed: string[];
  patronId: string | null;
  feeEntryId: number;
  recordedAt: string;
};

export async function findPhotocopyRequest(
  tx: TenantTx,
  id: number,
): Promise<PhotocopyRequestRow | undefined> {
  const result = await tx.execute(sql`
    SELECT p.id::integer AS "id", sp.code AS "servicePointCode", p.item_barcode AS "itemBarcode", p.title,
           p.periodical, p.current_issue AS "currentIssue", p.scope, p.pages_description AS "pagesDescription",
           p.mono_pages AS "monoPages", p.colour_pages AS "colourPages", p.amount_yen AS "amountYen", p.confirmed,
           p.patron_id AS "patronId", f.id::integer AS "feeEntryId", p.recorded_at AS "recordedAt"
      FROM photocopy_requests p JOIN service_points sp ON sp.id = p.service_point_id
      JOIN fee_ledger f ON f.subject_type = 'photocopyRequest' AND f.subject_id = p.id::text AND f.refund_of IS NULL
     WHERE p.id = ${id}`);
  return resultRows<PhotocopyRequestRow>(result)[0];
}
