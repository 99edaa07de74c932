import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findRecordMatches } from "../../db/queries/catalogue-records.ts";
import { advanceSerialPast } from "../../db/queries/number-sequences.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { completeNumber } from "../../domain/barcodes/check-digit.ts";
import { addDays } from "../../domain/calendar/dates.ts";
import { loadCatalogueWriteContext } from "../catalogue/catalogue-write-context.ts";
import { type IncomingRecord, incomingRecord } from "../catalogue/incoming-record.ts";
import { writeRecordBatch } from "../catalogue/write-record-batch.ts";
import { generateCatalogue } from "./generate-catalogue.ts";

export const DEMO_RECORDS_PER_SYSTEM = 300;
// Service points that hold a collection; pickup points, return points and kit partners hold none.
const holdingTypes = new Set(["main", "branch", "branchOffice", "stationRoom", "bookmobile"]);

/**
 * A few hundred generated records with items at the system's libraries, received over the last year,
 * so that search, record pages and new arrivals show something. Skipped when the demo records exist.
 */
export async function seedDemoCatalogue(
  db: Db,
  librarySystemId: number,
  options: { seed: number; slug: string; now: Date; count: number },
): Promise<number> {
  const controlNumberPrefix = `DEMO-${options.slug}-`;
  const first = `${controlNumberPrefix}${"1".padStart(7, "0")}`;
  const existing = await withTenant(db, librarySystemId, (tx) =>
    findRecordMatches(tx, { controlNumbers: [first], isbns: [] }),
  );
  if (existing.length) return 0;
  const context = await loadCatalogueWriteContext(db, librarySystemId, options.now);
  const points = await withTenant(db, librarySystemId, (tx) => listServicePointRows(tx));
  const holding = points.filter((p) => holdingTypes.has(p.type)).map((p) => p.code);
  const today = japanDate(options.now);
  let lastSerial = 0;
  const records = generateCatalogue({
    seed: options.seed,
    count: options.count,
    servicePoints: holding,
    controlNumberPrefix,
    barcode: (serial) => {
      lastSerial = Math.max(lastSerial, serial);
      return completeNumber(context.itemBarcode, serial);
    },
    receivedFrom: addDays(today, -365),
    receivedTo: today,
  });
  let batch: IncomingRecord[] = [];
  let position = 0;
  const flush = async () => {
    const pending = batch;
    batch = [];
    await withTenant(db, librarySystemId, (tx) =>
      writeRecordBatch(tx, pending, { ...context, now: options.now }),
    );
  };
  for (const value of records) {
    batch.push(incomingRecord(++position, value));
    if (batch.length === 100) await flush();
  }
  if (batch.length) await flush();
  await withTenant(db, librarySystemId, (tx) => advanceSerialPast(tx, "item", lastSerial));
  return position;
}
