import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { appendImportChunk, insertCatalogueImport } from "../../db/queries/catalogue-imports.ts";
import { insertJob } from "../../db/queries/jobs.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { detectImportFormat } from "./formats/detect-import-format.ts";

const CHUNK_BYTES = 1024 * 1024;
const SNIFF_BYTES = 512;

export const IMPORT_JOB = "importCatalogue";
export type ImportJobPayload = { librarySystemId: number; importId: string };

/**
 * Stores an uploaded catalogue file and queues its import. The format is checked against the first
 * bytes before anything is kept; the file, the import and its job are written in one transaction.
 */
export async function startCatalogueImport(options: {
  db: Db;
  librarySystemId: number;
  actorStaffId: string | null;
  contentType: string | undefined;
  fileName: string | null;
  body: AsyncIterable<Uint8Array>;
  now: Date;
  /** false when the caller runs the import itself (the CLI), so that no worker takes it as well. */
  queueJob?: boolean;
}): Promise<{ id: string; status: "queued"; format: string }> {
  const iterator = options.body[Symbol.asyncIterator]();
  // Read enough to recognise the format before opening a transaction.
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(Buffer.from(next.value));
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  if (first.toString("utf8").trim().length === 0) throw new AppError("IMPORT_FILE_EMPTY");
  const format = detectImportFormat(options.contentType, first);
  if (!format) {
    throw new AppError("UNSUPPORTED_IMPORT_FORMAT", { contentType: options.contentType ?? null });
  }

  return withTenant(options.db, options.librarySystemId, async (tx) => {
    const row = await insertCatalogueImport(tx, {
      format,
      fileName: options.fileName,
      createdBy: options.actorStaffId,
      now: options.now,
    });
    let seq = 0;
    let pending: Buffer[] = [first];
    let pendingBytes = first.length;
    const flush = async () => {
      if (!pendingBytes) return;
      await appendImportChunk(tx, row.id, seq++, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    };
    while (!ended) {
      const next = await iterator.next();
      if (next.done) break;
      pending.push(Buffer.from(next.value));
      pendingBytes += next.value.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    if (options.queueJob !== false) {
      await insertJob(tx, {
        name: IMPORT_JOB,
        payload: { librarySystemId: options.librarySystemId, importId: row.id } satisfies ImportJobPayload,
        runAt: options.now,
        uniqueKey: `${IMPORT_JOB}:${row.id}`,
        maxAttempts: 3,
        now: options.now,
      });
    }
    await insertAuditEntry(tx, {
      actorStaffId: options.actorStaffId,
      action: "catalogue.import.start",
      subjectType: "catalogueImport",
      subjectId: row.id,
      details: { format, fileName: options.fileName, bytes: seq },
      at: options.now,
    });
    return { id: row.id, status: "queued" as const, format };
  });
}
