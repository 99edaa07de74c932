import { and, asc, eq, inArray, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { patrons } from "../schema.ts";
import { startsWith } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type PatronRow = typeof patrons.$inferSelect;
export type NewPatronRow = Omit<typeof patrons.$inferInsert, "librarySystemId">;

export async function insertPatron(tx: TenantTx, values: NewPatronRow): Promise<PatronRow> {
  const [row] = await tx
    .insert(patrons)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row as PatronRow;
}

/** The patron of this system with this id, unless deleted. */
function livePatron(tx: TenantTx, id: string): SQL {
  return and(
    eq(patrons.librarySystemId, tx.librarySystemId),
    eq(patrons.id, id),
    ne(patrons.status, "deleted"),
  ) as SQL;
}

export async function findPatron(tx: TenantTx, id: string): Promise<PatronRow | undefined> {
  const [row] = await tx.select().from(patrons).where(livePatron(tx, id));
  return row;
}

/** Locks the patron's row for a change, so that two counters cannot change one patron at once. */
export async function lockPatron(tx: TenantTx, id: string): Promise<PatronRow | undefined> {
  const [row] = await tx.select().from(patrons).where(livePatron(tx, id)).for("update");
  return row;
}

export async function updatePatron(
  tx: TenantTx,
  id: string,
  changes: Partial<Omit<NewPatronRow, "id" | "createdAt">>,
): Promise<PatronRow> {
  const [row] = await tx
    .update(patrons)
    .set(changes)
    .where(and(eq(patrons.librarySystemId, tx.librarySystemId), eq(patrons.id, id)))
    .returning();
  return row as PatronRow;
}

/** The duplicate check: the same reading and birth date (document 002: 既に利用カードをお持ちのかた). */
export async function findPatronsByNameAndBirthDate(
  tx: TenantTx,
  nameKey: string,
  birthDate: string,
): Promise<PatronRow[]> {
  return tx
    .select()
    .from(patrons)
    .where(
      and(
        eq(patrons.librarySystemId, tx.librarySystemId),
        eq(patrons.nameKey, nameKey),
        eq(patrons.birthDate, birthDate),
        ne(patrons.status, "deleted"),
      ),
    );
}

export type PatronSearch = { nameKey?: string; phoneKey?: string; birthDate?: string; limit: number };

/** The counter's search: reading or written name from the start, phone digits, birth date, combined with AND. */
export async function searchPatronRows(tx: TenantTx, search: PatronSearch): Promise<PatronRow[]> {
  const conditions = [eq(patrons.librarySystemId, tx.librarySystemId), ne(patrons.status, "deleted")];
  if (search.nameKey) {
    conditions.push(
      or(
        startsWith(patrons.nameKey, search.nameKey),
        startsWith(patrons.writtenNameKey, search.nameKey),
      ) as SQL,
    );
  }
  if (search.phoneKey) conditions.push(eq(patrons.phoneKey, search.phoneKey));
  if (search.birthDate) conditions.push(eq(patrons.birthDate, search.birthDate));
  return tx
    .select()
    .from(patrons)
    .where(and(...conditions))
    .orderBy(asc(patrons.nameKey), asc(patrons.birthDate))
    .limit(search.limit);
}

export async function findPatronsByIds(tx: TenantTx, ids: string[]): Promise<PatronRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(patrons)
    .where(
      and(
        eq(patrons.librarySystemId, tx.librarySystemId),
        inArray(patrons.id, ids),
        ne(patrons.status, "deleted"),
      ),
    );
}

export async function listChildren(tx: TenantTx, guardianId: string): Promise<PatronRow[]> {
  return tx
    .select()
    .from(patrons)
    .where(
      and(
        eq(patrons.librarySystemId, tx.librarySystemId),
        eq(patrons.guardianId, guardianId),
        ne(patrons.status, "deleted"),
      ),
    )
    .orderBy(asc(patrons.birthDate));
}

/** Marks active registrations whose expiry day has passed; returns their ids. */
export async function markExpiredRegistrations(tx: TenantTx, today: string, at: Date): Promise<string[]> {
  const rows = await tx
    .update(patrons)
    .set({ status: "expired", updatedAt: at })
    .where(
      and(
        eq(patrons.librarySystemId, tx.librarySystemId),
        eq(patrons.status, "active"),
        lt(patrons.expiresOn, today),
      ),
    )
    .returning({ id: patrons.id });
  return rows.map((r) => r.id);
}

/** Expired registrations whose expiry is before `expiredBefore`: due for deletion. */
export async function listRegistrationsToPurge(
  tx: TenantTx,
  expiredBefore: string,
  limit: number,
): Promise<PatronRow[]> {
  return tx
    .select()
    .from(patrons)
    .where(
      and(
        eq(patrons.librarySystemId, tx.librarySystemId),
        eq(patrons.status, "expired"),
        lt(patrons.expiresOn, expiredBefore),
        // A patron with items still out stays until they are returned: the loan needs its borrower.
        sql`NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = ${patrons.id} AND l.returned_at IS NULL)`,
      ),
    )
    .orderBy(asc(patrons.expiresOn))
    .limit(limit);
}

/** Deletes registrations with their cards and credentials (cascade); children keep their records. */
export async function deletePatrons(tx: TenantTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(patrons)
    .set({ guardianId: null })
    .where(and(eq(patrons.librarySystemId, tx.librarySystemId), inArray(patrons.guardianId, ids)));
  await tx
    .delete(patrons)
    .where(and(eq(patrons.librarySystemId, tx.librarySystemId), inArray(patrons.id, ids)));
}

/** Sets new expiries in one statement (the My Number job); an expired registration becomes active again. */
export async function extendRegistrations(
  tx: TenantTx,
  extensions: { id: string; expiresOn: string }[],
  at: Date,
): Promise<void> {
  if (extensions.length === 0) return;
  await tx.execute(sql`
    UPDATE patrons p SET expires_on = e."expiresOn"::date, updated_at = ${at},
      status = CASE WHEN p.status = 'expired' THEN 'active' ELSE p.status END
    FROM jsonb_to_recordset(${JSON.stringify(extensions)}::jsonb) AS e(id uuid, "expiresOn" text)
    WHERE p.library_system_id = ${tx.librarySystemId} AND p.id = e.id AND p.expires_on < e."expiresOn"::date`);
}
