import { setImmediate } from "node:timers/promises";
import { sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  type CatalogueImportRow,
  commitImportBatchAsynchronously,
  deleteImportChunks,
  findCatalogueImport,
  readImportChunk,
  recordImportProgress,
  setImportStatus,
} from "../../db/queries/catalogue-imports.ts";
import { withTenant } from "../../db/tenant.ts";
import { loadCatalogueWriteContext } from "./catalogue-write-context.ts";
import type { ImportFormat } from "./formats/read-result.ts";
import type { IncomingRecord } from "./incoming-record.ts";
import { readIncoming, readIncomingInWorker } from "./read-in-worker.ts";
import { writeRecordBatch } from "./write-record-batch.ts";

const BATCH_SIZE = 500;
const YIELD_EVERY_RECORDS = 20;
/** Files from this size (some 7,000 records of MARC) are read in a worker thread; below, starting one costs more. */
const READ_IN_WORKER_FROM_BYTES = 4 * 1024 * 1024;
const ANALYZE_AFTER_RECORDS = 10_000;
/** Errors kept on the import; the counters still count every failed record. */
export const IMPORT_ERROR_CAP = 1000;

export type ImportProgress = {
  processed: number;
  imported: number;
  updated: number;
  failed: number;
  bytesRead: number;
  byteSize: number;
};

/**
 * Runs a queued catalogue import: streams the stored file, maps and writes records in batches, each
 * batch and its counters in one transaction. A run that was cut off goes on after the records it
 * already counted, so the job can be retried safely.
 */
export async function runCatalogueImport(options: {
  db: Db;
  clock: Clock;
  librarySystemId: number;
  importId: string;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<CatalogueImportRow> {
  const { db, clock, librarySystemId, importId } = options;
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, librarySystemId, fn);
  const start = await inTenant((tx) => findCatalogueImport(tx, importId));
  if (!start) throw new Error(`catalogue import ${importId} not found`);
  if (start.status === "done" || start.status === "failed") return start;
  await inTenant((tx) => setImportStatus(tx, importId, "running", clock.now()));

  const progress: ImportProgress = {
    processed: start.processed,
    imported: start.imported,
    updated: start.updated,
    failed: start.failed,
    bytesRead: 0,
    byteSize: start.byteSize,
  };
  // The batch being written while the next one is read and mapped: reading is work for this process,
  // writing mostly for the database, so the two overlap. Batches are still written one after another,
  // in file order, because a batch may update a record the one before it inserted.
  let writing: Promise<void> | null = null;
  try {
    const context = await loadCatalogueWriteContext(db, librarySystemId, clock.now());
    const chunks = storedChunks(db, librarySystemId, importId, (n) => {
      progress.bytesRead += n;
    });
    let skip = start.processed;
    let batch: IncomingRecord[] = [];
    let failedInBatch: { position: number; reason: string }[] = [];
    const flush = async () => {
      if (!batch.length && !failedInBatch.length) return;
      const pending = batch;
      const mappingErrors = failedInBatch;
      batch = [];
      failedInBatch = [];
      if (writing) await writing;
      writing = writeBatch(pending, mappingErrors);
      // Handled where it is awaited (the next flush, or the end); this keeps a failure from being "unhandled" meanwhile.
      writing.catch(() => {});
    };
    const writeBatch = async (
      pending: IncomingRecord[],
      mappingErrors: { position: number; reason: string }[],
    ) => {
      const outcome = await inTenant(async (tx) => {
        await commitImportBatchAsynchronously(tx);
        const written = await writeRecordBatch(tx, pending, { ...context, now: clock.now() });
        const errors = [...mappingErrors, ...written.errors].sort((a, b) => a.position - b.position);
        await recordImportProgress(
          tx,
          importId,
          {
            processed: pending.length + mappingErrors.length,
            imported: written.imported,
            updated: written.updated,
            errors,
          },
          IMPORT_ERROR_CAP,
        );
        return { ...written, errors };
      });
      progress.processed += pending.length + mappingErrors.length;
      progress.imported += outcome.imported;
      progress.updated += outcome.updated;
      progress.failed += outcome.errors.length;
      options.onProgress?.({ ...progress });
    };
    const format = start.format as ImportFormat;
    const inWorker = start.byteSize >= READ_IN_WORKER_FROM_BYTES;
    const records = inWorker ? readIncomingInWorker(chunks, format) : readIncoming(chunks, format);
    for await (const read of records) {
      if (skip > 0) {
        skip--;
        continue;
      }
      if (read.ok) batch.push(read.incoming);
      else failedInBatch.push({ position: read.position, reason: read.reason });
      if (batch.length + failedInBatch.length >= BATCH_SIZE) await flush();
      // Reading in this thread is all microtasks, which would keep the database's answers to the batch
      // being written waiting until a whole piece of the file was read: let them in now and then.
      else if (!inWorker && (batch.length + failedInBatch.length) % YIELD_EVERY_RECORDS === 0)
        await setImmediate();
    }
    await flush();
    await writing;
    await inTenant(async (tx) => {
      await setImportStatus(tx, importId, "done", clock.now());
      await deleteImportChunks(tx, importId);
    });
    // A bulk load leaves the planner without statistics, and searches then choose slow plans.
    if (progress.imported > ANALYZE_AFTER_RECORDS)
      await db.execute(sql`ANALYZE bibliographic_records, items`);
  } catch (error) {
    // A batch still being written finishes (or fails) before the import is marked failed.
    await (writing as Promise<void> | null)?.catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await inTenant((tx) => setImportStatus(tx, importId, "failed", clock.now(), message.slice(0, 500)));
  }
  const finished = await inTenant((tx) => findCatalogueImport(tx, importId));
  return finished as CatalogueImportRow;
}

/** The stored file, one piece at a time, each read in its own short transaction. */
async function* storedChunks(
  db: Db,
  librarySystemId: number,
  importId: string,
  onRead: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await withTenant(db, librarySystemId, (tx) => readImportChunk(tx, importId, seq));
    if (!chunk) return;
    onRead(chunk.length);
    yield chunk;
  }
}
