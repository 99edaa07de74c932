import { asc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { librarySystems } from "../schema.ts";

// The tenants themselves: read without a tenant, as every request starts by finding its system.

export type LibrarySystemRow = typeof librarySystems.$inferSelect;

export async function listLibrarySystems(db: Db): Promise<LibrarySystemRow[]> {
  return db.select().from(librarySystems).orderBy(asc(librarySystems.position), asc(librarySystems.id));
}

export async function findLibrarySystemBySlug(db: Db, slug: string): Promise<LibrarySystemRow | undefined> {
  const [row] = await db.select().from(librarySystems).where(eq(librarySystems.slug, slug));
  return row;
}

export async function insertLibrarySystem(
  db: Db,
  values: { slug: string; nameJa: string; nameEn: string; source: string; position: number },
): Promise<LibrarySystemRow> {
  const [row] = await db.insert(librarySystems).values(values).returning();
  return row!;
}
