import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  type FeeEntryRow,
  type FeeTotalRow,
  feeTotals,
  findFeeEntry,
  insertFeeEntry,
  listFeeEntries,
} from "../../db/queries/fee-ledger.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays, isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { refundAmount } from "../../domain/fees/fee-ledger.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

type Context = { db: Db; librarySystemId: number; now: Date };

/** The longest range of daily totals one request may ask for. */
export const feeTotalsMaxDays = 366;

export async function getFeeEntry(ctx: Context, id: number): Promise<FeeEntryRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) => findFeeEntry(tx, id));
  if (!row) throw new AppError("FEE_ENTRY_NOT_FOUND", { entryId: id });
  return row;
}

/**
 * Gives back all or part of an entry, with the reason, at the service point that gives it: a negative entry
 * naming the one it refunds, on today's ledger, audited. The entry is locked so that two refunds at once
 * cannot give back more than was paid.
 */
export async function refundFee(
  ctx: Context & { staff: StaffActor },
  id: number,
  input: { reason: string; amountYen?: number | null; servicePoint?: string | null },
): Promise<FeeEntryRow> {
  const { db, librarySystemId, now } = ctx;
  return withTenant(db, librarySystemId, async (tx) => {
    const entry = await findFeeEntry(tx, id, true);
    if (!entry) throw new AppError("FEE_ENTRY_NOT_FOUND", { entryId: id });
    const amount = refundAmount(entry, input.amountYen ?? null);
    const point = input.servicePoint ? await requireServicePoint(tx, input.servicePoint) : null;
    const refund = await insertFeeEntry(tx, {
      servicePointId: point?.id ?? entry.servicePointId,
      kind: entry.kind,
      amountYen: -amount,
      refundOf: entry.id,
      reason: input.reason,
      patronId: entry.patronId,
      subjectType: entry.subjectType ?? "feeEntry",
      subjectId: entry.subjectId ?? String(entry.id),
      recordedBy: ctx.staff.staffId!,
      recordedOn: japanDate(now),
      now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "fee.refunded",
      subjectType: "feeEntry",
      subjectId: String(entry.id),
      details: {
        refundEntryId: refund.id,
        amountYen: amount,
        reason: input.reason,
        ...actorDetails(ctx.staff),
      },
      at: now,
    });
    return (await findFeeEntry(tx, refund.id))!;
  });
}

/** One day's entries at a service point (all points when none is named). */
export async function getFeeDay(
  ctx: Context,
  day: string,
  servicePoint: string | null,
): Promise<{ entries: FeeEntryRow[]; totals: FeeTotalRow[] }> {
  if (!isIsoDate(day)) throw new AppError("INVALID_DATE", { date: day });
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const pointId = servicePoint ? (await requireServicePoint(tx, servicePoint)).id : null;
    const [entries, totals] = await Promise.all([
      listFeeEntries(tx, day, pointId),
      feeTotals(tx, day, day, pointId),
    ]);
    return { entries, totals };
  });
}

/** Daily totals per service point and kind over a range of at most a year. */
export async function getFeeTotals(
  ctx: Context,
  range: { from: string; to: string; servicePoint: string | null },
): Promise<FeeTotalRow[]> {
  const { from, to } = range;
  if (!isIsoDate(from)) throw new AppError("INVALID_DATE", { date: from });
  if (!isIsoDate(to)) throw new AppError("INVALID_DATE", { date: to });
  if (to < from || addDays(from, feeTotalsMaxDays - 1) < to)
    throw new AppError("INVALID_RANGE", { from, to });
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const pointId = range.servicePoint ? (await requireServicePoint(tx, range.servicePoint)).id : null;
    return feeTotals(tx, from, to, pointId);
  });
}

/** The postage a service point takes for a postal loan (or a request) sent at the patron's cost. */
export async function recordPostage(
  ctx: Context & { staff: StaffActor },
  input: {
    kind: "postalLoanPostage" | "requestPostage";
    servicePoint: string;
    amountYen: number;
    patronId?: string | null;
    reference?: string | null;
  },
): Promise<FeeEntryRow> {
  const { db, librarySystemId, now } = ctx;
  return withTenant(db, librarySystemId, async (tx) => {
    const point = await requireServicePoint(tx, input.servicePoint);
    if (input.patronId && !(await findPatron(tx, input.patronId))) throw new AppError("PATRON_NOT_FOUND", {});
    const { id } = await insertFeeEntry(tx, {
      servicePointId: point.id,
      kind: input.kind,
      amountYen: input.amountYen,
      patronId: input.patronId ?? null,
      subjectType: "postage",
      subjectId: input.reference ?? "",
      recordedBy: ctx.staff.staffId!,
      recordedOn: japanDate(now),
      now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "fee.postage",
      subjectType: "feeEntry",
      subjectId: String(id),
      details: { kind: input.kind, amountYen: input.amountYen, ...actorDetails(ctx.staff) },
      at: now,
    });
    return (await findFeeEntry(tx, id))!;
  });
}
