import type { ImportedRecord } from "../../domain/catalogue/bibliographic-record.ts";
import { searchDocument } from "../../domain/catalogue/search-document.ts";

/** A mapped record of an import file, with its position in the file and its full-text search vector. */
export type IncomingRecord = { position: number; value: ImportedRecord; searchVector: string };

/**
 * Prepares a mapped record for `writeRecordBatch`. The search vector is worked out here, as the record is
 * read, so that the batch's transaction holds no more than the writing: an import reads and maps the next
 * batch while the database writes this one.
 */
export function incomingRecord(position: number, value: ImportedRecord): IncomingRecord {
  return { position, value, searchVector: searchDocument(value.record) };
}
