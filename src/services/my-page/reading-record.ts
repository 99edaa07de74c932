import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  deleteReadingRecord,
  listReadingGoals,
  readingLoanDays,
  readOptIns,
  setReadingRecordFrom,
  upsertReadingGoal,
} from "../../db/queries/loan-history.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import {
  type FiscalYearRecord,
  readingYears,
  refuseReadingGoal,
  refuseReadingRecordStart,
} from "../../domain/my-page/reading-record.ts";
import { throwRefusals } from "../patrons/field-checks.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

type Ctx = { db: Db; librarySystemId: number; patronId: string; now: Date };

export type ReadingRecordView = {
  enabled: boolean;
  since: string | null;
  years: FiscalYearRecord[];
};

async function requireOffered(ctx: Ctx): Promise<void> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  if (!policy.webServices.readingRecord) throw new AppError("READING_RECORD_NOT_OFFERED");
}

/** 003's reading record: the loans of each fiscal year month by month, the year's goal and the progress. */
export async function getReadingRecord(ctx: Ctx): Promise<ReadingRecordView> {
  await requireOffered(ctx);
  const today = japanDate(ctx.now);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const optIns = await readOptIns(tx, ctx.patronId);
    if (!optIns) throw new AppError("PATRON_NOT_FOUND", {});
    const since = optIns.readingRecordFrom;
    if (since === null) return { enabled: false, since: null, years: [] };
    const days = await readingLoanDays(tx, ctx.patronId, since);
    const goals = await listReadingGoals(tx, ctx.patronId);
    return { enabled: true, since, years: readingYears(days, goals, today) };
  });
}

/**
 * Turns the record on from a day (003: 設定した日以降の記録を残す; today unless another is given) or off —
 * which deletes the whole record with its goals (「履歴を残さない」に変更すると、履歴がすべて削除されます), so
 * it needs `confirm`.
 */
export async function setReadingRecord(
  ctx: Ctx & { enabled: boolean; from?: string; confirm?: boolean },
): Promise<ReadingRecordView> {
  await requireOffered(ctx);
  const today = japanDate(ctx.now);
  if (ctx.enabled) {
    const from = ctx.from ?? today;
    const refusal = refuseReadingRecordStart(from, today);
    throwRefusals(refusal ? [refusal] : []);
    await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
      const optIns = await readOptIns(tx, ctx.patronId);
      if (!optIns) throw new AppError("PATRON_NOT_FOUND", {});
      // Already on: the day does not move back and forth, or loans would drop in and out of the record.
      if (optIns.readingRecordFrom === null) await setReadingRecordFrom(tx, ctx.patronId, from, ctx.now);
    });
    return getReadingRecord(ctx);
  }
  if (!ctx.confirm) throw new AppError("CONFIRMATION_REQUIRED", { deletes: "readingRecord" });
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    if (!(await readOptIns(tx, ctx.patronId))) throw new AppError("PATRON_NOT_FOUND", {});
    await deleteReadingRecord(tx, ctx.patronId);
    await setReadingRecordFrom(tx, ctx.patronId, null, ctx.now);
  });
  return getReadingRecord(ctx);
}

/** The goal of a fiscal year (年度単位で目標), 1 to 1,000 loans; the record must be on. */
export async function setReadingGoal(
  ctx: Ctx & { fiscalYear: number; goal: number },
): Promise<ReadingRecordView> {
  await requireOffered(ctx);
  const today = japanDate(ctx.now);
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const optIns = await readOptIns(tx, ctx.patronId);
    if (!optIns) throw new AppError("PATRON_NOT_FOUND", {});
    if (optIns.readingRecordFrom === null) throw new AppError("READING_RECORD_OFF");
    const refusal = refuseReadingGoal(ctx.fiscalYear, ctx.goal, optIns.readingRecordFrom, today);
    throwRefusals(refusal ? [refusal] : []);
    await upsertReadingGoal(tx, {
      patronId: ctx.patronId,
      fiscalYear: ctx.fiscalYear,
      goal: ctx.goal,
      at: ctx.now,
    });
  });
  return getReadingRecord(ctx);
}
