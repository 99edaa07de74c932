import {
  allocateRecordIds,
  findItemOwners,
  findRecordMatches,
  type HoldingsSummary,
  type ItemWrite,
  insertRecords,
  type RecordWrite,
  refreshRecordSummaries,
  updateRecords,
  upsertItems,
} from "../../db/queries/catalogue-records.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { type NumberFormat, verifyNumber } from "../../domain/barcodes/check-digit.ts";
import type { ImportedRecord } from "../../domain/catalogue/bibliographic-record.ts";
import type { IncomingRecord } from "./incoming-record.ts";

export type BatchOutcome = {
  imported: number;
  updated: number;
  errors: { position: number; reason: string }[];
};

/**
 * Writes a batch of mapped records in one transaction, matching each on its control number (001),
 * then on its ISBN, so that importing a file twice updates instead of duplicating. A record whose
 * items cannot be written is refused whole, with its position and the reason.
 */
export async function writeRecordBatch(
  tx: TenantTx,
  batch: readonly IncomingRecord[],
  context: { servicePointIds: ReadonlyMap<string, string>; itemBarcode: NumberFormat; now: Date },
): Promise<BatchOutcome> {
  const errors: BatchOutcome["errors"] = [];
  const checked = batch.filter((incoming) => {
    const reason = itemProblem(incoming.value, context);
    if (reason) errors.push({ position: incoming.position, reason });
    return !reason;
  });

  const matches = await findRecordMatches(tx, {
    controlNumbers: checked.flatMap((r) =>
      r.value.record.controlNumber ? [r.value.record.controlNumber] : [],
    ),
    isbns: checked.flatMap((r) => (r.value.record.isbn13 ? [r.value.record.isbn13] : [])),
  });
  const byControlNumber = new Map(matches.filter((m) => m.controlNumber).map((m) => [m.controlNumber, m.id]));
  // The ISBN only matches a record that carries no control number of its own, or an incoming record without one.
  const byIsbn = new Map(matches.filter((m) => m.isbn13).map((m) => [m.isbn13, m]));

  // Records of this batch by id; a later record with the same key replaces an earlier one.
  const pendingNew = new Map<string, { incoming: IncomingRecord }>();
  const toUpdate = new Map<number, IncomingRecord>();
  // A record with neither key can only be new, and is kept apart by its position in the file.
  const newKey = (r: IncomingRecord) =>
    r.value.record.controlNumber ??
    (r.value.record.isbn13 ? `isbn:${r.value.record.isbn13}` : `at:${r.position}`);
  let updated = 0;
  for (const incoming of checked) {
    const { controlNumber, isbn13 } = incoming.value.record;
    const isbnMatch = isbn13 ? byIsbn.get(isbn13) : undefined;
    const existingId =
      (controlNumber ? byControlNumber.get(controlNumber) : undefined) ??
      (isbnMatch && (!isbnMatch.controlNumber || !controlNumber) ? isbnMatch.id : undefined);
    if (existingId !== undefined) {
      toUpdate.set(existingId, incoming);
      updated++;
      continue;
    }
    const key = newKey(incoming);
    if (pendingNew.has(key)) updated++;
    pendingNew.set(key, { incoming });
  }

  const ids = await allocateRecordIds(tx, pendingNew.size);
  const recordIdOf = new Map<IncomingRecord, number>();
  const inserts: RecordWrite[] = [...pendingNew.values()].map(({ incoming }, i) => {
    const id = ids[i] as number;
    recordIdOf.set(incoming, id);
    return { id, record: incoming.value.record, searchVector: incoming.searchVector };
  });
  const updates: RecordWrite[] = [...toUpdate].map(([id, incoming]) => {
    recordIdOf.set(incoming, id);
    return { id, record: incoming.value.record, searchVector: incoming.searchVector };
  });

  // An item barcode already belonging to another record refuses the incoming record.
  const written = [...recordIdOf.keys()];
  const owners = new Map(
    (
      await findItemOwners(
        tx,
        written.flatMap((r) => r.value.items.map((i) => i.barcode)),
      )
    ).map((o) => [o.barcode, o.recordId]),
  );
  const items: ItemWrite[] = [];
  const claimed = new Map<string, number>();
  let refusedNew = 0;
  for (const incoming of written) {
    const recordId = recordIdOf.get(incoming) as number;
    const clash = incoming.value.items.find((item) => {
      const owner = owners.get(item.barcode) ?? claimed.get(item.barcode);
      return owner !== undefined && owner !== recordId;
    });
    if (clash) {
      errors.push({
        position: incoming.position,
        reason: `item barcode ${clash.barcode} belongs to another record`,
      });
      recordIdOf.delete(incoming);
      if (toUpdate.get(recordId) === incoming) {
        toUpdate.delete(recordId);
        updated--;
      } else refusedNew++;
      continue;
    }
    for (const item of incoming.value.items) {
      claimed.set(item.barcode, recordId);
      items.push({
        recordId,
        barcode: item.barcode,
        materialType: item.materialType,
        callNumber: item.callNumber,
        servicePointId: context.servicePointIds.get(item.servicePoint) as string,
        flags: item.flags,
        receivedOn: item.receivedOn,
      });
    }
  }
  const kept = new Set(recordIdOf.values());
  const itemsOf = new Map<number, ItemWrite[]>();
  for (const item of items) {
    const list = itemsOf.get(item.recordId);
    if (list) list.push(item);
    else itemsOf.set(item.recordId, [item]);
  }
  await insertRecords(
    tx,
    inserts
      .filter((r) => kept.has(r.id))
      .map((r) => ({ ...r, holdings: newHoldings(itemsOf.get(r.id) ?? []) })),
    context.now,
  );
  const updatedRecords = updates.filter((r) => kept.has(r.id));
  await updateRecords(tx, updatedRecords, context.now);
  await upsertItems(tx, items, context.now);
  // An updated record may keep items that are not in the file, on loan or withdrawn.
  await refreshRecordSummaries(
    tx,
    updatedRecords.filter((r) => itemsOf.has(r.id)).map((r) => r.id),
  );
  return { imported: pendingNew.size - refusedNew, updated, errors };
}

/**
 * The holdings summary of a new record: its items are all new, so all on the shelf. What
 * `refresh_record_summary` would make of them, worked out here so the record is written once.
 */
function newHoldings(items: readonly ItemWrite[]): HoldingsSummary {
  const distinct = (values: string[]) => [...new Set(values)].sort();
  return {
    materialTypes: distinct(items.map((i) => i.materialType)),
    servicePointIds: distinct(items.map((i) => i.servicePointId)),
    itemCount: items.length,
    availableItemCount: items.length,
  };
}

function itemProblem(
  record: ImportedRecord,
  context: { servicePointIds: ReadonlyMap<string, string>; itemBarcode: NumberFormat },
): string | null {
  const seen = new Set<string>();
  for (const item of record.items) {
    if (seen.has(item.barcode)) return `item barcode ${item.barcode} appears twice`;
    seen.add(item.barcode);
    const verdict = verifyNumber(context.itemBarcode, item.barcode);
    if (!verdict.ok) {
      return verdict.reason === "checkDigit"
        ? `item barcode ${item.barcode}: wrong check digit`
        : `item barcode ${item.barcode}: not a barcode of this library system (${verdict.reason})`;
    }
    if (!context.servicePointIds.has(item.servicePoint)) {
      return `item ${item.barcode}: unknown service point "${item.servicePoint}"`;
    }
  }
  return null;
}
