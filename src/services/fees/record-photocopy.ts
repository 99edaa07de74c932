import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findRecord } from "../../db/queries/bibliographic-records.ts";
import { insertFeeEntry } from "../../db/queries/fee-ledger.ts";
import { findItemByBarcode } from "../../db/queries/items.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import {
  findPhotocopyRequest,
  insertPhotocopyRequest,
  type PhotocopyRequestRow,
} from "../../db/queries/photocopy-requests.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type PhotocopyScope, photocopyFee, refusePhotocopy } from "../../domain/fees/photocopy-rules.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

export type PhotocopyInput = {
  servicePoint: string;
  /** The copied item when it has a barcode: its title, and whether it is a periodical's current issue. */
  itemBarcode?: string | null;
  /** Material without a barcode (or to name the part): the title and what it is, as the form says. */
  title?: string | null;
  periodical?: boolean;
  currentIssue?: boolean;
  scope: PhotocopyScope;
  pagesDescription?: string | null;
  copies: number;
  monoPages: number;
  colourPages: number;
  confirmed: readonly string[];
  patronId?: string | null;
};

type Context = { db: Db; librarySystemId: number; staff: StaffActor; now: Date };

const periodicalTypes = new Set(["magazine", "weeklyMagazine"]);

/**
 * Records a photocopy request at the counter (001): checked against the art. 31 checklist, charged at the
 * policy's prices, and entered in the fee ledger — request, fee and audit entry in one transaction.
 */
export async function recordPhotocopy(ctx: Context, input: PhotocopyInput): Promise<PhotocopyRequestRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const point = await requireServicePoint(tx, input.servicePoint);
    const source = await (async () => {
      if (!input.itemBarcode) {
        if (!input.title) throw new AppError("VALIDATION_FAILED", { field: "title" });
        return {
          barcode: null,
          title: input.title,
          periodical: input.periodical ?? false,
          currentIssue: input.currentIssue ?? false,
        };
      }
      const item = await findItemByBarcode(tx, input.itemBarcode);
      if (!item || item.withdrawnAt) throw new AppError("ITEM_NOT_FOUND", { barcode: input.itemBarcode });
      const record = await findRecord(tx, item.recordId);
      return {
        barcode: item.barcode,
        title: input.title ?? record?.title ?? item.barcode,
        periodical: periodicalTypes.has(item.materialType),
        currentIssue: item.flags.includes("latestIssue"),
      };
    })();
    refusePhotocopy({ source, scope: input.scope, copies: input.copies, confirmed: input.confirmed });
    if (input.patronId && !(await findPatron(tx, input.patronId))) throw new AppError("PATRON_NOT_FOUND", {});
    const amountYen = photocopyFee({ mono: input.monoPages, colour: input.colourPages }, policy.fees);
    const recordedBy = ctx.staff.staffId!;
    const patronId = input.patronId ?? null;
    const { id } = await insertPhotocopyRequest(tx, {
      servicePointId: point.id,
      itemBarcode: source.barcode,
      title: source.title,
      periodical: source.periodical,
      currentIssue: source.currentIssue,
      scope: input.scope as "partOfWork" | "wholeArticle",
      pagesDescription: input.pagesDescription ?? null,
      monoPages: input.monoPages,
      colourPages: input.colourPages,
      amountYen,
      confirmed: input.confirmed,
      patronId,
      recordedBy,
      now,
    });
    await insertFeeEntry(tx, {
      servicePointId: point.id,
      kind: "photocopy",
      amountYen,
      patronId,
      subjectType: "photocopyRequest",
      subjectId: String(id),
      recordedBy,
      recordedOn: today,
      now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "photocopy.recorded",
      subjectType: "photocopyRequest",
      subjectId: String(id),
      details: {
        amountYen,
        monoPages: input.monoPages,
        colourPages: input.colourPages,
        ...actorDetails(ctx.staff),
      },
      at: now,
    });
    return (await findPhotocopyRequest(tx, id))!;
  });
}

export async function getPhotocopyRequest(
  ctx: { db: Db; librarySystemId: number },
  id: number,
): Promise<PhotocopyRequestRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) => findPhotocopyRequest(tx, id));
  if (!row) throw new AppError("PHOTOCOPY_NOT_FOUND", { photocopyId: id });
  return row;
}
