import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  type ApplicationRow,
  findApplication,
  listSubmitted,
  markDecided,
  readSealedPhoto,
} from "../../db/queries/applications.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { withTenant } from "../../db/tenant.ts";
import { refuseDecision } from "../../domain/applications/application-rules.ts";
import { AppError } from "../../domain/errors.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { rejectedMail } from "./application-mail.ts";
import { openPhoto, type PhotoSide } from "./identity-photos.ts";
import { performProcedure } from "./perform-procedure.ts";

type ReviewContext = {
  db: Db;
  librarySystemId: number;
  now: Date;
  staff: StaffActor;
  library: { slug: string; ja: string; en: string };
};

/** The review queue (reviewer role): submitted applications, the oldest first. */
export async function listReviewQueue(
  ctx: Omit<ReviewContext, "staff" | "library">,
): Promise<ApplicationRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listSubmitted(tx, 500));
}

/** One application for a reviewer; every look at an applicant's details is audited. */
export async function getApplicationForReview(ctx: ReviewContext, id: string): Promise<ApplicationRow> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const row = await findApplication(tx, id);
    if (!row) throw new AppError("APPLICATION_NOT_FOUND", {});
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "application.view",
      subjectType: "application",
      subjectId: id,
      details: actorDetails(ctx.staff),
      at: ctx.now,
    });
    return row;
  });
}

/** A photo of the identity document, unsealed for a reviewer only; audited. */
export async function getApplicationPhoto(
  ctx: ReviewContext & { secretKey: Buffer },
  id: string,
  side: PhotoSide,
): Promise<Buffer> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const sealed = await readSealedPhoto(tx, id, side);
    if (!sealed) throw new AppError("APPLICATION_PHOTO_NOT_FOUND", { side });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "application.photo",
      subjectType: "application",
      subjectId: id,
      details: { side, ...actorDetails(ctx.staff) },
      at: ctx.now,
    });
    return openPhoto(ctx.secretKey, id, sealed);
  });
}

/**
 * The decision. Approval performs the procedure in the same transaction — for a new registration the patron
 * and a card without plastic (the smartphone card), registered via `online` — and mails the card number;
 * rejection mails the reason. Either is final.
 */
export async function decideApplication(
  ctx: ReviewContext,
  id: string,
  decision: { approve: boolean; reason?: string | null },
): Promise<ApplicationRow> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  if (!decision.approve && !decision.reason) throw new AppError("VALIDATION_FAILED", { field: "reason" });
  return withTenant(db, librarySystemId, async (tx) => {
    const application = await findApplication(tx, id, true);
    if (!application) throw new AppError("APPLICATION_NOT_FOUND", {});
    refuseDecision(application.status);
    let patronId: string | null = application.patronId;
    if (decision.approve) {
      const done = await performProcedure(
        tx,
        policy,
        { staff: ctx.staff, library: ctx.library, now },
        application,
      );
      patronId = done.patronId;
      await queueMail(tx, { to: application.email, ...done.mail }, now);
    } else {
      await queueMail(
        tx,
        { to: application.email, ...rejectedMail(ctx.library, application.receiptNumber!, decision.reason!) },
        now,
      );
    }
    await markDecided(tx, id, {
      status: decision.approve ? "approved" : "rejected",
      reason: decision.reason ?? null,
      decidedBy: ctx.staff.staffId,
      patronId,
      now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: decision.approve ? "application.approved" : "application.rejected",
      subjectType: "application",
      subjectId: id,
      details: { patronId, ...actorDetails(ctx.staff) },
      at: now,
    });
    return (await findApplication(tx, id))!;
  });
}
