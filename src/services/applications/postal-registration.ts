import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  findPostalRegistration,
  insertPostalMember,
  insertPostalRegistration,
  listPostalRegistrations,
  markPostalMailed,
  type PostalRegistrationRow,
} from "../../db/queries/postal-registrations.ts";
import { withTenant } from "../../db/tenant.ts";
import {
  type PostalRelation,
  refusePostalApplication,
  replyDueOn,
} from "../../domain/applications/postal-registration-rules.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import {
  checkRegistration,
  insertRegistration,
  type PatronRegistration,
  type RegisteredPatron,
} from "../patrons/register-patron.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

type PostalContext = { db: Db; librarySystemId: number; now: Date; staff: StaffActor };

export type PostalMember = Omit<PatronRegistration, "guardianId" | "householdOf" | "proxy"> & {
  relation: PostalRelation;
  /** Both sides of the member's identity document were copied and enclosed (000: 保険証(両面)、免許証(両面)). */
  identityCopy: { front: boolean; back: boolean };
};

export type PostalApplication = {
  procedure: string;
  /** The day the post arrived; today when not given. */
  receivedOn?: IsoDate;
  /** The stamps on the enclosed return envelope, in yen (0: none enclosed). */
  returnEnvelopeYen: number;
  members: PostalMember[];
};

/** A refusal about one member names their position in the application, so the form can point at them. */
function aboutMember(error: unknown, member: number): unknown {
  if (!isAppError(error)) return error;
  const refusals = Array.isArray(error.details.refusals)
    ? (error.details.refusals as { code: string; details: Record<string, unknown> }[]).map((r) => ({
        ...r,
        details: { ...r.details, member },
      }))
    : undefined;
  return new AppError(error.code, { ...error.details, member, ...(refusals ? { refusals } : {}) });
}

/**
 * Enters a postal application (000): the post's own rules, then every member by the counter's eligibility
 * rules, then all of them registered in one transaction — a refusal for any member registers nobody. The
 * household shares one household; children are linked to the applicant as their guardian. Cards are plastic,
 * to go back in the return envelope.
 */
export async function registerByPost(
  ctx: PostalContext,
  input: PostalApplication,
): Promise<PostalRegistrationRow> {
  const { db, librarySystemId, now, staff } = ctx;
  const today = japanDate(now);
  const receivedOn = input.receivedOn ?? today;
  if (compareDates(receivedOn, today) > 0) {
    throw new AppError("VALIDATION_FAILED", { field: "receivedOn", problem: "future" });
  }
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const rules = policy.onlineRegistration.postal;
  refusePostalApplication(rules, input, today);
  const kinds = input.members.map((member, index) => {
    try {
      return checkRegistration(policy, { ...member, proxy: null }, now);
    } catch (error) {
      throw aboutMember(error, index);
    }
  });
  // the applicant first: the household is theirs and children are theirs to guard
  const order = input.members.map((_, index) => index);
  const self = input.members.findIndex((m) => m.relation === "self");
  if (self > 0) order.unshift(...order.splice(self, 1));

  return withTenant(db, librarySystemId, async (tx) => {
    const registrationId = await insertPostalRegistration(tx, {
      receivedOn,
      replyBy: replyDueOn(rules!, receivedOn),
      returnEnvelopeYen: input.returnEnvelopeYen,
      enteredBy: staff.staffId,
      now,
    });
    let headId: string | null = null;
    for (const index of order) {
      const { relation, identityCopy: _copy, ...registration } = input.members[index]!;
      const registered: RegisteredPatron = await insertRegistration(tx, {
        policy,
        actor: staff,
        registration: {
          ...registration,
          guardianId: relation === "child" && self >= 0 ? headId : null,
          householdOf: headId,
        },
        kind: kinds[index]!,
        now,
        channel: { via: "postal", physicalCard: true },
      }).catch((error: unknown) => {
        throw aboutMember(error, index);
      });
      headId ??= registered.id;
      await insertPostalMember(tx, {
        registrationId,
        position: index,
        relation,
        patronId: registered.id,
        cardNumber: registered.cardNumber,
      });
    }
    await insertAuditEntry(tx, {
      actorStaffId: staff.staffId,
      action: "postal.register",
      subjectType: "postalRegistration",
      subjectId: registrationId,
      details: { members: input.members.length, ...actorDetails(staff) },
      at: now,
    });
    return (await findPostalRegistration(tx, registrationId))!;
  });
}

export async function listPostal(
  ctx: Omit<PostalContext, "staff">,
  which: "toMail" | "mailed",
): Promise<PostalRegistrationRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listPostalRegistrations(tx, which, 200));
}

export async function getPostal(
  ctx: Omit<PostalContext, "staff">,
  id: string,
): Promise<PostalRegistrationRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) => findPostalRegistration(tx, id));
  if (!row) throw new AppError("POSTAL_REGISTRATION_NOT_FOUND", {});
  return row;
}

/** The cards went into the return envelope and into the post: recorded once, with who and when. */
export async function markCardsMailed(ctx: PostalContext, id: string): Promise<PostalRegistrationRow> {
  const { now, staff } = ctx;
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const row = await findPostalRegistration(tx, id, true);
    if (!row) throw new AppError("POSTAL_REGISTRATION_NOT_FOUND", {});
    if (row.mailedOn) throw new AppError("CARDS_ALREADY_MAILED", { mailedOn: row.mailedOn });
    await markPostalMailed(tx, id, { on: japanDate(now), by: staff.staffId, now });
    await insertAuditEntry(tx, {
      actorStaffId: staff.staffId,
      action: "postal.mailed",
      subjectType: "postalRegistration",
      subjectId: id,
      details: actorDetails(staff),
      at: now,
    });
    return (await findPostalRegistration(tx, id))!;
  });
}
