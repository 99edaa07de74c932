import type { Db } from "../../db/client.ts";
import { findLibrarySystemBySlug, type LibrarySystemRow } from "../../db/queries/library-systems.ts";
import { AppError } from "../../domain/errors.ts";

/**
 * Every request names its library system by slug; the rows change only when a system is installed or renamed,
 * so each database's are kept for a minute rather than read on every request (a round trip off each checkout).
 */
const keepMs = 60_000;
const cache = new WeakMap<Db, Map<string, { row: LibrarySystemRow; until: number }>>();

export async function findLibrarySystem(db: Db, slug: string): Promise<LibrarySystemRow> {
  let bySlug = cache.get(db);
  if (!bySlug) {
    bySlug = new Map();
    cache.set(db, bySlug);
  }
  const kept = bySlug.get(slug);
  if (kept && kept.until > Date.now()) return kept.row;
  const row = await findLibrarySystemBySlug(db, slug);
  if (!row) throw new AppError("SYSTEM_NOT_FOUND", { system: slug });
  bySlug.set(slug, { row, until: Date.now() + keepMs });
  return row;
}
