import { and, asc, eq, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { bookDrops, servicePoints } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type ServicePointRow = typeof servicePoints.$inferSelect;
export type BookDropRow = typeof bookDrops.$inferSelect;

export async function listServicePointRows(tx: TenantTx): Promise<ServicePointRow[]> {
  return tx
    .select()
    .from(servicePoints)
    .where(eq(servicePoints.librarySystemId, tx.librarySystemId))
    .orderBy(asc(servicePoints.position));
}

export async function listBookDropRows(tx: TenantTx): Promise<BookDropRow[]> {
  return tx
    .select()
    .from(bookDrops)
    .where(eq(bookDrops.librarySystemId, tx.librarySystemId))
    .orderBy(asc(bookDrops.code));
}

/** By id or by code: staff and scripts address service points by their readable code. */
export async function findServicePointRow(
  tx: TenantTx,
  idOrCode: string,
): Promise<ServicePointRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  const [row] = await tx
    .select()
    .from(servicePoints)
    .where(
      and(
        eq(servicePoints.librarySystemId, tx.librarySystemId),
        isUuid ? eq(servicePoints.id, idOrCode) : eq(servicePoints.code, idOrCode),
      ),
    );
  return row;
}

export async function findBookDropRow(tx: TenantTx, code: string): Promise<BookDropRow | undefined> {
  const [row] = await tx
    .select()
    .from(bookDrops)
    .where(and(eq(bookDrops.librarySystemId, tx.librarySystemId), eq(bookDrops.code, code)));
  return row;
}

export async function insertServicePoint(
  tx: TenantTx,
  values: Omit<typeof servicePoints.$inferInsert, "librarySystemId" | "id">,
): Promise<ServicePointRow> {
  const [row] = await tx
    .insert(servicePoints)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row!;
}

export async function insertBookDrop(
  tx: TenantTx,
  values: Omit<typeof bookDrops.$inferInsert, "librarySystemId" | "id">,
): Promise<void> {
  await tx.insert(bookDrops).values({ ...values, librarySystemId: tx.librarySystemId });
}

/** Whether any service point of the system has internet terminals to book. */
export async function hasInternetTerminals(tx: TenantTx): Promise<boolean> {
  const result = await tx.execute(
    sql`SELECT EXISTS (SELECT 1 FROM service_points WHERE internet_terminals > 0) AS "any"`,
  );
  return resultRows<{ any: boolean }>(result)[0]!.any;
}
