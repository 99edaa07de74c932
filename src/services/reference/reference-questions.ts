import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import {
  countReferenceQuestionsByStatus,
  findReferenceQuestion,
  insertReferenceQuestion,
  listReferenceQuestions,
  type ReferenceQuestionRow,
  updateReferenceQuestion,
} from "../../db/queries/reference-questions.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import {
  type ReferenceChannel,
  type ReferenceStatus,
  refuseReferenceQuestion,
  refuseReferenceTransition,
  type UnansweredKind,
} from "../../domain/reference/reference-questions.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { referenceAnsweredMail, referenceDeclinedMail, referenceReceivedMail } from "./reference-mail.ts";

type Context = { db: Db; librarySystemId: number; now: Date; library: { ja: string; en: string } };

export type QuestionInput = {
  channel: ReferenceChannel;
  question: string;
  /** The kind, when the asker or staff already say what it is (a quiz, homework …). */
  kind?: UnansweredKind | null;
  servicePoint?: string | null;
  askerName?: string | null;
  email?: string | null;
  phone?: string | null;
  patronId?: string | null;
  wantedBy?: string | null;
};

/**
 * Takes a question: at the reference room or corner and by phone from staff, through the web form from
 * anyone. A web question needs a name and an e-mail address for the answer and is acknowledged by mail.
 * A kind the library does not answer is refused at once with the reason, and nothing is kept.
 */
export async function askReferenceQuestion(
  ctx: Context & { staff: StaffActor | null },
  input: QuestionInput,
): Promise<ReferenceQuestionRow> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  refuseReferenceQuestion(policy.reference, { channel: input.channel, kind: input.kind ?? null });
  if (input.channel === "web") {
    if (!input.askerName) throw new AppError("VALIDATION_FAILED", { field: "askerName" });
    if (!input.email) throw new AppError("VALIDATION_FAILED", { field: "email" });
  }
  return withTenant(db, librarySystemId, async (tx) => {
    const point = input.servicePoint ? await requireServicePoint(tx, input.servicePoint) : null;
    if (input.patronId && !(await findPatron(tx, input.patronId))) throw new AppError("PATRON_NOT_FOUND", {});
    const { id } = await insertReferenceQuestion(tx, {
      channel: input.channel,
      servicePointId: point?.id ?? null,
      question: input.question,
      askerName: input.askerName ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      patronId: input.patronId ?? null,
      wantedBy: input.wantedBy ?? null,
      receivedBy: ctx.staff?.staffId ?? null,
      now,
    });
    if (input.email) {
      const mail = referenceReceivedMail(ctx.library, {
        name: input.askerName ?? "",
        id,
        question: input.question,
      });
      await queueMail(tx, { to: input.email, ...mail }, now);
    }
    return (await findReferenceQuestion(tx, id))!;
  });
}

export type ReferenceChange = {
  status: ReferenceStatus;
  answer?: string | null;
  sources?: string | null;
  declinedKind?: UnansweredKind | null;
};

/** Moves a question on; the answer, or the reason it is declined, is mailed where an address was given. */
export async function moveReferenceQuestion(
  ctx: Context & { staff: StaffActor },
  id: number,
  change: ReferenceChange,
): Promise<ReferenceQuestionRow> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  return withTenant(db, librarySystemId, async (tx) => {
    const question = await requireQuestion(tx, id, true);
    const declinedKind = change.status === "declined" ? (change.declinedKind ?? null) : null;
    refuseReferenceTransition(policy.reference, question.status, change.status, {
      answer: change.answer ?? null,
      declinedKind,
    });
    await updateReferenceQuestion(tx, id, {
      status: change.status,
      answer: change.status === "answered" ? (change.answer ?? null) : null,
      sources: change.sources ?? null,
      declinedKind,
      handledBy: ctx.staff.staffId,
      now,
    });
    const about = { name: question.askerName ?? "", id, question: question.question };
    if (question.email && change.status === "answered") {
      const mail = referenceAnsweredMail(ctx.library, {
        ...about,
        answer: change.answer!,
        sources: change.sources ?? null,
      });
      await queueMail(tx, { to: question.email, ...mail }, now);
    }
    if (question.email && declinedKind) {
      await queueMail(
        tx,
        { to: question.email, ...referenceDeclinedMail(ctx.library, { ...about, kind: declinedKind }) },
        now,
      );
    }
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: `reference.${change.status}`,
      subjectType: "referenceQuestion",
      subjectId: String(id),
      details: {
        previousStatus: question.status,
        ...(declinedKind ? { kind: declinedKind } : {}),
        ...actorDetails(ctx.staff),
      },
      at: now,
    });
    return (await findReferenceQuestion(tx, id))!;
  });
}

export async function getReferenceQuestion(
  ctx: { db: Db; librarySystemId: number },
  id: number,
): Promise<ReferenceQuestionRow> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => requireQuestion(tx, id));
}

/** The views of the staff desk: open questions first. */
export const referenceDeskViews = {
  open: ["received", "inProgress"],
  answered: ["answered"],
  declined: ["declined"],
} as const satisfies Record<string, readonly ReferenceStatus[]>;
export type ReferenceDeskView = keyof typeof referenceDeskViews;

export async function getReferenceDesk(
  ctx: { db: Db; librarySystemId: number },
  statuses: readonly ReferenceStatus[],
): Promise<{ rows: ReferenceQuestionRow[]; counts: Record<string, number> }> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => ({
    rows: await listReferenceQuestions(tx, statuses),
    counts: await countReferenceQuestionsByStatus(tx),
  }));
}

async function requireQuestion(tx: TenantTx, id: number, lock = false): Promise<ReferenceQuestionRow> {
  const row = await findReferenceQuestion(tx, id, lock);
  if (!row) throw new AppError("REFERENCE_QUESTION_NOT_FOUND", { questionId: id });
  return row;
}
