import { and, asc, eq, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { items, servicePoints } from "../schema.ts";
import { startsWith } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type ItemRow = typeof items.$inferSelect;
export type ItemWithPointRow = ItemRow & {
  servicePointCode: string;
  servicePointNameJa: string;
  servicePointNameEn: string;
};

const withPoint = {
  id: items.id,
  librarySystemId: items.librarySystemId,
  recordId: items.recordId,
  barcode: items.barcode,
  materialType: items.materialType,
  callNumber: items.callNumber,
  servicePointId: items.servicePointId,
  flags: items.flags,
  receivedOn: items.receivedOn,
  status: items.status,
  dueOn: items.dueOn,
  withdrawnAt: items.withdrawnAt,
  withdrawnReason: items.withdrawnReason,
  transitTo: items.transitTo,
  transitSince: items.transitSince,
  createdAt: items.createdAt,
  updatedAt: items.updatedAt,
  servicePointCode: servicePoints.code,
  servicePointNameJa: servicePoints.nameJa,
  servicePointNameEn: servicePoints.nameEn,
};

export async function findItemByBarcode(
  tx: TenantTx,
  barcode: string,
): Promise<ItemWithPointRow | undefined> {
  const [row] = await tx
    .select(withPoint)
    .from(items)
    .innerJoin(servicePoints, eq(servicePoints.id, items.servicePointId))
    .where(and(eq(items.librarySystemId, tx.librarySystemId), eq(items.barcode, barcode)));
  return row;
}

export async function listItemsOfRecord(tx: TenantTx, recordId: number): Promise<ItemWithPointRow[]> {
  return tx
    .select(withPoint)
    .from(items)
    .innerJoin(servicePoints, eq(servicePoints.id, items.servicePointId))
    .where(and(eq(items.librarySystemId, tx.librarySystemId), eq(items.recordId, recordId)))
    .orderBy(asc(servicePoints.position), asc(items.callNumber), asc(items.barcode));
}

export async function barcodeExists(tx: TenantTx, barcode: string): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT 1 FROM items WHERE library_system_id = ${tx.librarySystemId} AND barcode = ${barcode}`);
  return resultRows(result).length > 0;
}

export async function insertItem(
  tx: TenantTx,
  values: Omit<typeof items.$inferInsert, "librarySystemId" | "id">,
): Promise<ItemRow> {
  const [row] = await tx
    .insert(items)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row as ItemRow;
}

export async function updateItem(
  tx: TenantTx,
  id: number,
  changes: Partial<Omit<typeof items.$inferInsert, "librarySystemId" | "id">>,
): Promise<void> {
  await tx
    .update(items)
    .set(changes)
    .where(and(eq(items.librarySystemId, tx.librarySystemId), eq(items.id, id)));
}

/** New arrivals: items by received date, newest first, with their record; withdrawn items left out. */
export async function listNewArrivals(
  tx: TenantTx,
  filter: {
    since: string;
    ndcPrefix: string | null;
    servicePointId: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: NewArrivalRow[] }> {
  const ndc = filter.ndcPrefix ? sql`AND ${startsWith(sql`r.ndc`, filter.ndcPrefix)}` : sql``;
  const point = filter.servicePointId ? sql`AND i.service_point_id = ${filter.servicePointId}` : sql``;
  const result = await tx.execute(sql`
    WITH arrivals AS (
      SELECT r.id AS record_id, max(i.received_on) AS received_on
      FROM items i JOIN bibliographic_records r ON r.id = i.record_id
      WHERE i.library_system_id = ${tx.librarySystemId} AND i.status <> 'withdrawn'
        AND i.received_on >= ${filter.since} ${ndc} ${point}
      GROUP BY r.id
    )
    SELECT a.record_id::int AS "recordId", a.received_on::text AS "receivedOn", r.title, r.title_reading AS "titleReading",
      r.authors, r.publisher, r.publication_year AS "year", r.ndc, count(*) OVER ()::int AS "total"
    FROM arrivals a JOIN bibliographic_records r ON r.id = a.record_id
    ORDER BY a.received_on DESC, a.record_id DESC
    LIMIT ${filter.limit} OFFSET ${filter.offset}`);
  const rows = resultRows<NewArrivalRow & { total: number }>(result);
  return { total: rows[0]?.total ?? 0, rows };
}

export type NewArrivalRow = {
  recordId: number;
  receivedOn: string;
  title: string;
  titleReading: string | null;
  authors: { name: string; reading: string | null }[];
  publisher: string | null;
  year: number | null;
  ndc: string | null;
};
