import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  answerInquiries,
  findApplication,
  type InquiryRow,
  insertApplicationToken,
  insertInquiry,
  listInquiries,
  listWaitingOnInquiries,
  setApplicationStatus,
  takeApplicationToken,
} from "../../db/queries/applications.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { refuseAnswer, refuseDecision, shouldCancel } from "../../domain/applications/application-rules.ts";
import type { CalendarRules } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { cancelledMail, inquiryMail } from "./application-mail.ts";

type Library = { slug: string; ja: string; en: string };

/** How long the answer link lives: the reply period counts opening days, so calendar days are generous. */
const inquiryLinkDays = 60;

/**
 * A reviewer's question (002): mailed with a one-time link to answer through; the application waits in
 * `inquiry` until it is answered, decided, or cancelled by the nightly job.
 */
export async function askApplicant(
  ctx: { db: Db; librarySystemId: number; now: Date; staff: StaffActor; library: Library; publicUrl: string },
  applicationId: string,
  question: string,
): Promise<InquiryRow[]> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  return withTenant(db, librarySystemId, async (tx) => {
    const application = await findApplication(tx, applicationId, true);
    if (!application) throw new AppError("APPLICATION_NOT_FOUND", {});
    refuseDecision(application.status);
    await insertInquiry(tx, {
      applicationId,
      question,
      askedBy: ctx.staff.staffId,
      now,
      today: japanDate(now),
    });
    await setApplicationStatus(tx, applicationId, "inquiry", now);
    const key = newSessionToken();
    await insertApplicationToken(tx, {
      applicationId,
      purpose: "inquiry",
      tokenHash: hashSessionToken(key),
      expiresAt: new Date(now.getTime() + inquiryLinkDays * 86_400_000),
    });
    const link = `${ctx.publicUrl}/${ctx.library.slug}/apply/answer?key=${key}`;
    const mail = inquiryMail(
      ctx.library,
      application.receiptNumber!,
      question,
      link,
      policy.onlineRegistration.inquiryReplyDays,
    );
    await queueMail(tx, { to: application.email, ...mail }, now);
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "application.inquiry",
      subjectType: "application",
      subjectId: applicationId,
      details: actorDetails(ctx.staff),
      at: now,
    });
    return listInquiries(tx, applicationId);
  });
}

export async function getInquiries(
  ctx: { db: Db; librarySystemId: number },
  applicationId: string,
): Promise<InquiryRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listInquiries(tx, applicationId));
}

/** The applicant's answer through the mailed link: every open question is answered and the review goes on. */
export async function answerApplicantInquiry(
  ctx: { db: Db; librarySystemId: number; now: Date },
  key: string,
  answer: string,
): Promise<{ receiptNumber: string }> {
  const { db, librarySystemId, now } = ctx;
  return withTenant(db, librarySystemId, async (tx) => {
    const id = await takeInquiryKey(tx, key, now);
    const application = (await findApplication(tx, id, true))!;
    refuseAnswer(application.status);
    await answerInquiries(tx, id, answer, now);
    await setApplicationStatus(tx, id, "submitted", now);
    return { receiptNumber: application.receiptNumber! };
  });
}

/** An inquiry link stays usable for later questions of the same application until it expires. */
async function takeInquiryKey(tx: TenantTx, key: string, now: Date): Promise<string> {
  const id = key ? await takeApplicationToken(tx, "inquiry", hashSessionToken(key), now) : undefined;
  if (!id) throw new AppError("APPLICATION_LINK_INVALID", {});
  return id;
}

/**
 * The daily job `cancelApplications`: an application waiting on inquiries is cancelled, with a mail, when the
 * policy's number of inquiries are unanswered or the oldest has waited its opening days (main library).
 */
export async function cancelUnansweredApplications(db: Db, now: Date): Promise<Record<string, number>> {
  const today = japanDate(now);
  const report: Record<string, number> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, today);
    const library = { slug: system.slug, ja: system.nameJa, en: system.nameEn };
    report[system.slug] = await withTenant(db, system.id, async (tx) => {
      const main = (await listServicePointRows(tx)).find((p) => p.type === "main");
      if (!main) return 0;
      let cancelled = 0;
      for (const waiting of await listWaitingOnInquiries(tx)) {
        const cancel = shouldCancel(policy.onlineRegistration, {
          unanswered: waiting.unanswered,
          oldestUnansweredOn: waiting.oldestOn,
          today,
          mainCalendar: main.calendar as CalendarRules,
        });
        if (!cancel) continue;
        await setApplicationStatus(tx, waiting.id, "cancelled", now);
        await queueMail(tx, { to: waiting.email, ...cancelledMail(library, waiting.receiptNumber) }, now);
        cancelled++;
      }
      return cancelled;
    });
  }
  return report;
}
