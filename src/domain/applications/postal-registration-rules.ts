import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays } from "../calendar/dates.ts";
import { AppError } from "../errors.ts";
import { refuseWhenChildTooOldForGuardian } from "../patrons/guardians.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * Registration by post (000: 郵送による新規登録). Who applies: the person themself or the guardian of children up
 * to primary school (本人または小学生以下の児童の保護者), and the household at once (同居のご家族の分を同時に申請).
 * What is enclosed: the form, a copy of every member's identity document (both sides: 保険証(両面)、免許証(両面)),
 * proof of work or school where it applies, and a stamped return envelope (110 yen).
 */
export type PostalRelation = "self" | "child" | "householdMember";
export const postalRelations = ["self", "child", "householdMember"] as const;

export type PostalMemberFacts = {
  relation: PostalRelation;
  birthDate: IsoDate;
  identityCopy: { front: boolean; back: boolean };
};

export type PostalApplicationFacts = {
  procedure: string;
  returnEnvelopeYen: number;
  members: PostalMemberFacts[];
};

type PostalRules = Policy["onlineRegistration"]["postal"];

/**
 * Everything a postal application must satisfy before anyone is registered; the first broken rule is thrown,
 * naming the member (their position in the application) where it is about one.
 */
export function refusePostalApplication(
  rules: PostalRules,
  facts: PostalApplicationFacts,
  today: IsoDate,
): void {
  if (!rules?.offered) throw new AppError("POSTAL_REGISTRATION_NOT_OFFERED", {});
  // 000: なお、再発行は郵送ではできません
  if (facts.procedure !== "newRegistration") {
    throw new AppError("NOT_AVAILABLE_BY_POST", { procedure: facts.procedure });
  }
  if (facts.returnEnvelopeYen < rules.returnEnvelopeYen) {
    throw new AppError("RETURN_ENVELOPE_REQUIRED", {
      requiredYen: rules.returnEnvelopeYen,
      enclosedYen: facts.returnEnvelopeYen,
    });
  }
  const selves = facts.members.filter((m) => m.relation === "self").length;
  if (selves > 1) throw new AppError("POSTAL_MEMBERS_INVALID", { problem: "moreThanOneSelf" });
  if (selves === 0 && facts.members.some((m) => m.relation === "householdMember")) {
    // the household is applied for together with the applicant's own registration
    throw new AppError("POSTAL_MEMBERS_INVALID", { problem: "householdWithoutApplicant" });
  }
  facts.members.forEach((member, index) => {
    const missing = (["front", "back"] as const).filter((side) => !member.identityCopy[side]);
    if (missing.length > 0) throw new AppError("IDENTITY_COPY_REQUIRED", { member: index, missing });
    if (member.relation === "child") {
      const refusal = refuseWhenChildTooOldForGuardian(member.birthDate, today);
      if (refusal) throw new AppError(refusal.code, { ...refusal.details, member: index });
    }
  });
}

/** The day the reply is due: 000's "about one week" from the day the post arrived. */
export function replyDueOn(rules: NonNullable<PostalRules>, receivedOn: IsoDate): IsoDate {
  return addDays(receivedOn, rules.processingDays);
}
