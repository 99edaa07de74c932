import { and, eq, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { catalogueImports } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type CatalogueImportRow = typeof catalogueImports.$inferSelect;

export async function insertCatalogueImport(
  tx: TenantTx,
  values: { format: string; fileName: string | null; createdBy: string | null; now: Date },
): Promise<CatalogueImportRow> {
  const [row] = await tx
    .insert(catalogueImports)
    .values({
      librarySystemId: tx.librarySystemId,
      format: values.format,
      fileName: values.fileName,
      byteSize: 0,
      status: "queued",
      processed: 0,
      imported: 0,
      updated: 0,
      failed: 0,
      errors: [],
      createdBy: values.createdBy,
      createdAt: values.now,
    })
    .returning();
  return row as CatalogueImportRow;
}

export async function findCatalogueImport(tx: TenantTx, id: string): Promise<CatalogueImportRow | undefined> {
  const [row] = await tx
    .select()
    .from(catalogueImports)
    .where(and(eq(catalogueImports.librarySystemId, tx.librarySystemId), eq(catalogueImports.id, id)));
  return row;
}

export async function appendImportChunk(tx: TenantTx, importId: string, seq: number, content: Uint8Array) {
  await tx.execute(sql`
    INSERT INTO catalogue_import_chunks (import_id, library_system_id, seq, content)
    VALUES (${importId}, ${tx.librarySystemId}, ${seq}, decode(${Buffer.from(content).toString("base64")}, 'base64'))`);
  await tx.execute(sql`
    UPDATE catalogue_imports SET byte_size = byte_size + ${content.length}
    WHERE id = ${importId} AND library_system_id = ${tx.librarySystemId}`);
}

/**
 * Lets this transaction's commit return before its WAL reaches the disk. Safe for an import's batches only
 * because each batch commits together with the import's count of processed records: a crash loses both,
 * and the retried job writes those records again.
 */
export async function commitImportBatchAsynchronously(tx: TenantTx): Promise<void> {
  await tx.execute(sql`SELECT set_config('synchronous_commit', 'off', true)`);
}

/** One stored piece of the file, base64 on the wire so that both drivers return the same thing. */
export async function readImportChunk(tx: TenantTx, importId: string, seq: number): Promise<Buffer | null> {
  const result = await tx.execute(sql`
    SELECT encode(content, 'base64') AS content FROM catalogue_import_chunks
    WHERE import_id = ${importId} AND library_system_id = ${tx.librarySystemId} AND seq = ${seq}`);
  const row = resultRows<{ content: string }>(result)[0];
  return row ? Buffer.from(row.content, "base64") : null;
}

export async function deleteImportChunks(tx: TenantTx, importId: string): Promise<void> {
  await tx.execute(sql`
    DELETE FROM catalogue_import_chunks WHERE import_id = ${importId} AND library_system_id = ${tx.librarySystemId}`);
}

/** Adds a batch's outcome to the counters; errors are kept up to a cap so a broken file cannot bloat the row. */
export async function recordImportProgress(
  tx: TenantTx,
  importId: string,
  progress: {
    processed: number;
    imported: number;
    updated: number;
    errors: { position: number; reason: string }[];
  },
  errorCap: number,
): Promise<void> {
  await tx.execute(sql`
    UPDATE catalogue_imports SET
      processed = processed + ${progress.processed},
      imported = imported + ${progress.imported},
      updated = updated + ${progress.updated},
      failed = failed + ${progress.errors.length},
      errors = CASE WHEN jsonb_array_length(errors) >= ${errorCap} THEN errors
        ELSE errors || (SELECT coalesce(jsonb_agg(x.value), '[]'::jsonb) FROM (
          SELECT value FROM jsonb_array_elements(${JSON.stringify(progress.errors)}::jsonb)
          LIMIT greatest(${errorCap} - jsonb_array_length(errors), 0)) x) END
    WHERE id = ${importId} AND library_system_id = ${tx.librarySystemId}`);
}

export async function setImportStatus(
  tx: TenantTx,
  importId: string,
  status: "running" | "done" | "failed",
  at: Date,
  failure: string | null = null,
): Promise<void> {
  await tx
    .update(catalogueImports)
    .set(status === "running" ? { status, startedAt: at } : { status, finishedAt: at, failure })
    .where(and(eq(catalogueImports.librarySystemId, tx.librarySystemId), eq(catalogueImports.id, importId)));
}
