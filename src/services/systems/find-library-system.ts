import type { Db } from "../../db/client.ts";
import { findLibrarySystemBySlug, type LibrarySystemRow } from "../../db/queries/library-systems.ts";
import { AppError } from "../../domain/errors.ts";

export async function findLibrarySystem(db: Db, slug: string): Promise<LibrarySystemRow> {
  const row = await findLibrarySystemBySlug(db, slug);
  if (!row) throw new AppError("SYSTEM_NOT_FOUND", { system: slug });
  return row;
}
