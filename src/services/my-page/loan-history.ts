import { stringify } from "csv-stringify/sync";
import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  deleteFromLoanHistory,
  type LoanHistoryRow,
  listLoanHistory,
  readOptIns,
  setLoanHistoryFrom,
} from "../../db/queries/loan-history.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

type Ctx = { db: Db; librarySystemId: number; patronId: string; now: Date };

export type LoanHistoryView = {
  enabled: boolean;
  /** The day keeping began; returns of loans made from then on are kept. */
  since: string | null;
  total: number;
  entries: LoanHistoryRow[];
};

/** 001: the loan history exists only where the library offers it. */
async function requireOffered(ctx: Ctx): Promise<void> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  if (!policy.webServices.loanHistory) throw new AppError("LOAN_HISTORY_NOT_OFFERED");
}

export async function getLoanHistory(ctx: Ctx, page = { limit: 50, offset: 0 }): Promise<LoanHistoryView> {
  await requireOffered(ctx);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const optIns = await readOptIns(tx, ctx.patronId);
    if (!optIns) throw new AppError("PATRON_NOT_FOUND", {});
    const { total, entries } = await listLoanHistory(tx, ctx.patronId, page);
    return { enabled: optIns.loanHistoryFrom !== null, since: optIns.loanHistoryFrom, total, entries };
  });
}

/**
 * Turns keeping on (001: 貸出履歴保存の合意 — only with the patron's explicit consent, which the caller
 * carries) or off (保存停止: nothing more is kept; what was kept stays until the patron deletes it).
 */
export async function setLoanHistory(
  ctx: Ctx & { enabled: boolean; consent: boolean },
): Promise<LoanHistoryView> {
  await requireOffered(ctx);
  if (ctx.enabled && !ctx.consent) throw new AppError("CONSENT_REQUIRED");
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const optIns = await readOptIns(tx, ctx.patronId);
    if (!optIns) throw new AppError("PATRON_NOT_FOUND", {});
    // Turning on again keeps the first day; turning off forgets it.
    const from = ctx.enabled ? (optIns.loanHistoryFrom ?? japanDate(ctx.now)) : null;
    await setLoanHistoryFrom(tx, ctx.patronId, from, ctx.now);
  });
  return getLoanHistory(ctx);
}

/** Deletes one entry of the history (001: それぞれの資料の「削除」), or all of them with `id` null. */
export async function deleteLoanHistory(ctx: Ctx & { id: number | null }): Promise<{ deleted: number }> {
  await requireOffered(ctx);
  const deleted = await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    await readOptIns(tx, ctx.patronId);
    return deleteFromLoanHistory(tx, ctx.patronId, ctx.id);
  });
  if (ctx.id !== null && deleted === 0) throw new AppError("LOAN_HISTORY_ENTRY_NOT_FOUND", { id: ctx.id });
  return { deleted };
}

/** The whole history as CSV, UTF-8 with a byte-order mark so that spreadsheet programs read Japanese right. */
export async function loanHistoryCsv(ctx: Ctx): Promise<string> {
  await requireOffered(ctx);
  const { entries } = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    listLoanHistory(tx, ctx.patronId, { limit: null, offset: 0 }),
  );
  const header = ["書名 title", "著者 author", "資料番号 barcode", "貸出日 borrowed", "返却日 returned"];
  const rows = entries.map((e) => [e.title, e.author ?? "", e.itemBarcode, e.loanedOn, e.returnedOn]);
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: "\r\n" })}`;
}
