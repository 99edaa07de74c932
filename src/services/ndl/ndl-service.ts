import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { insertFeeEntry } from "../../db/queries/fee-ledger.ts";
import { lockHoldPatron } from "../../db/queries/holds.ts";
import {
  findNdlPrint,
  findNdlSession,
  insertNdlPrint,
  insertNdlSession,
  listNdlSessionsOn,
  listWaitingNdlPrints,
  markNdlPrintHandedOver,
  minutesUsedOn,
  type NdlPrintRow,
  type NdlSessionRow,
} from "../../db/queries/ndl-service.ts";
import { withTenant } from "../../db/tenant.ts";
import { addOpeningDays } from "../../domain/calendar/calendar.ts";
import { AppError } from "../../domain/errors.ts";
import { type PhotocopyScope, photocopyFee, refusePhotocopy } from "../../domain/fees/photocopy-rules.ts";
import { refuseNdlHandOver, refuseNdlSession } from "../../domain/ndl/ndl-service.ts";
import { refuseCardUse } from "../../domain/patrons/card-lifecycle.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { listServicePoints, requireServicePointView } from "../service-points/list-service-points.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

type Context = { db: Db; librarySystemId: number; now: Date; staff: StaffActor };

/**
 * Records an application for the NDL digital transmission service (001): a card holder at a participating
 * service point, the rules accepted, within the minutes a person may use it a day. The patron row is locked
 * so that two applications at once cannot pass the daily limit together.
 */
export async function recordNdlSession(
  ctx: Context,
  input: { patronId: string; servicePoint: string; minutes: number; accepted: readonly string[] },
): Promise<NdlSessionRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const [{ policy }, point] = await Promise.all([
    getPolicyInForce(db, librarySystemId, today),
    requireServicePointView(db, librarySystemId, input.servicePoint),
  ]);
  return withTenant(db, librarySystemId, async (tx) => {
    const patron = await lockHoldPatron(tx, input.patronId);
    if (!patron || patron.status === "deleted" || !patron.cardNumber)
      throw new AppError("PATRON_NOT_FOUND", {});
    const [refusal] = refuseCardUse(
      policy.registration,
      {
        patron: { status: patron.status, expiresOn: patron.expiresOn },
        card: { number: patron.cardNumber, kind: patron.cardKind!, status: patron.cardStatus! },
      },
      "reserve",
      today,
    );
    if (refusal) throw new AppError(refusal.code, refusal.details);
    refuseNdlSession({
      servicePoint: point,
      accepted: input.accepted,
      minutes: input.minutes,
      minutesUsedToday: await minutesUsedOn(tx, patron.patronId, today),
      minutesPerDay: policy.fees.ndlMinutesPerPersonPerDay,
    });
    const { id } = await insertNdlSession(tx, {
      servicePointId: point.id,
      patronId: patron.patronId,
      day: today,
      minutes: input.minutes,
      recordedBy: ctx.staff.staffId!,
      now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "ndl.session",
      subjectType: "patron",
      subjectId: patron.patronId,
      details: { sessionId: id, minutes: input.minutes, ...actorDetails(ctx.staff) },
      at: now,
    });
    return (await findNdlSession(tx, id))!;
  });
}

export type NdlPrintInput = {
  title: string;
  pagesDescription?: string | null;
  scope: PhotocopyScope;
  periodical?: boolean;
  currentIssue?: boolean;
  copies: number;
  monoPages: number;
  colourPages: number;
  confirmed: readonly string[];
};

/** A print of a session's material, made by staff within art. 31, ready on the point's next opening day. */
export async function requestNdlPrint(
  ctx: Context,
  sessionId: number,
  input: NdlPrintInput,
): Promise<NdlPrintRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const points = await listServicePoints(db, librarySystemId);
  return withTenant(db, librarySystemId, async (tx) => {
    const session = await findNdlSession(tx, sessionId);
    if (!session) throw new AppError("NDL_SESSION_NOT_FOUND", { sessionId });
    refusePhotocopy({
      source: { periodical: input.periodical ?? false, currentIssue: input.currentIssue ?? false },
      scope: input.scope,
      copies: input.copies,
      confirmed: input.confirmed,
    });
    const point = points.find((p) => p.id === session.servicePointId)!;
    const { id } = await insertNdlPrint(tx, {
      sessionId,
      title: input.title,
      pagesDescription: input.pagesDescription ?? null,
      scope: input.scope as "partOfWork" | "wholeArticle",
      monoPages: input.monoPages,
      colourPages: input.colourPages,
      amountYen: photocopyFee({ mono: input.monoPages, colour: input.colourPages }, policy.fees),
      readyOn: addOpeningDays(point.calendar, today, 1),
      recordedBy: ctx.staff.staffId!,
      now,
    });
    return (await findNdlPrint(tx, id))!;
  });
}

/** Hands a print over from its ready day on; its fee goes to the ledger (kind `ndlPrint`). */
export async function handOverNdlPrint(ctx: Context, printId: number): Promise<NdlPrintRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  return withTenant(db, librarySystemId, async (tx) => {
    const print = await findNdlPrint(tx, printId, true);
    if (!print) throw new AppError("NDL_PRINT_NOT_FOUND", { printId });
    refuseNdlHandOver(print, today);
    await markNdlPrintHandedOver(tx, printId, now);
    await insertFeeEntry(tx, {
      servicePointId: print.servicePointId,
      kind: "ndlPrint",
      amountYen: print.amountYen,
      patronId: print.patronId,
      subjectType: "ndlPrint",
      subjectId: String(printId),
      recordedBy: ctx.staff.staffId!,
      recordedOn: today,
      now,
    });
    return (await findNdlPrint(tx, printId))!;
  });
}

export async function getNdlDesk(
  ctx: Omit<Context, "staff">,
): Promise<{ sessions: NdlSessionRow[]; prints: NdlPrintRow[]; minutesPerDay: number }> {
  const today = japanDate(ctx.now);
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, today);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => ({
    sessions: await listNdlSessionsOn(tx, today),
    prints: await listWaitingNdlPrints(tx),
    minutesPerDay: policy.fees.ndlMinutesPerPersonPerDay,
  }));
}
