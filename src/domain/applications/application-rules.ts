import { addOpeningDays, isOpen } from "../calendar/calendar.ts";
import type { CalendarRules, IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, compareDates } from "../calendar/dates.ts";
import { AppError } from "../errors.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { onlineProcedures } from "../vocabulary.ts";

/**
 * Smart registration (002): the rules of an application from its first e-mail to the reviewer's decision.
 */

export type ApplicationStatus = "draft" | "submitted" | "inquiry" | "approved" | "rejected" | "cancelled";
export type OnlineProcedure = (typeof onlineProcedures)[number];

/** The receipt number in the seed's form: the prefix and the serial in so many digits (WR0000, WR0001 …). */
export function receiptNumberOf(rules: Policy["onlineRegistration"], serial: number): string {
  return `${rules.receiptNumberPrefix}${String(serial).padStart(rules.receiptNumberDigits, "0")}`;
}

/**
 * The day the card is usually usable (002: 通常申請から2開館日後より利用可能): that many opening days of the main
 * library after the day of the application. It is the review's target, not a promise.
 */
export function expectedUsableOn(
  rules: Policy["onlineRegistration"],
  mainCalendar: CalendarRules,
  submittedOn: IsoDate,
): IsoDate {
  return addOpeningDays(mainCalendar, submittedOn, rules.usableFromOpeningDay);
}

/**
 * How long an application has waited, in opening days of the main library (the queue's age): the opening days
 * after the day it was sent, up to today — 1 on the next opening day, as `expectedUsableOn` counts.
 */
export function ageInOpeningDays(mainCalendar: CalendarRules, submittedOn: IsoDate, today: IsoDate): number {
  let age = 0;
  // a year's days at most: an application waits weeks, never that long, before it is decided or cancelled
  for (
    let day = addDays(submittedOn, 1), n = 0;
    compareDates(day, today) <= 0 && n < 366;
    day = addDays(day, 1), n++
  ) {
    if (isOpen(mainCalendar, day)) age++;
  }
  return age;
}

/** Whether the library takes this procedure online at all (Hiratsuka: new registrations only). */
export function refuseProcedure(rules: Policy["onlineRegistration"], procedure: OnlineProcedure): void {
  if (!rules.offered) throw new AppError("ONLINE_REGISTRATION_NOT_OFFERED", {});
  if (!rules.procedures.includes(procedure)) {
    throw new AppError("PROCEDURE_NOT_OFFERED", { procedure, procedures: rules.procedures });
  }
}

/** A draft can be changed; once submitted, the application belongs to the review. */
export function refuseChange(status: ApplicationStatus): void {
  if (status !== "draft") throw new AppError("APPLICATION_NOT_EDITABLE", { status });
}

/** Only an application under review can be decided (or asked about), and a decision is final. */
export function refuseDecision(status: ApplicationStatus): void {
  if (status !== "submitted" && status !== "inquiry")
    throw new AppError("APPLICATION_ALREADY_DECIDED", { status });
}

/** An answer is taken only while its application waits for it. */
export function refuseAnswer(status: ApplicationStatus): void {
  if (status === "cancelled") throw new AppError("APPLICATION_CANCELLED", {});
  if (status !== "inquiry") throw new AppError("APPLICATION_ALREADY_DECIDED", { status });
}

/**
 * Whether an application waiting on inquiries is cancelled (002: 一定回数のお問い合わせに応じていただけない場合):
 * when as many inquiries as the policy allows are unanswered, or the oldest unanswered one has waited the
 * policy's number of opening days.
 */
export function shouldCancel(
  rules: Policy["onlineRegistration"],
  facts: {
    unanswered: number;
    oldestUnansweredOn: IsoDate | null;
    today: IsoDate;
    mainCalendar: CalendarRules;
  },
): boolean {
  if (facts.unanswered >= rules.unansweredInquiryLimit) return true;
  if (facts.oldestUnansweredOn === null) return false;
  return addOpeningDays(facts.mainCalendar, facts.oldestUnansweredOn, rules.inquiryReplyDays) <= facts.today;
}

/** The reasons a reissue is applied for online (002: 紛失してしまったかた・氏名の変更があったかた). */
export const onlineReissueReasons = ["lost", "nameChange"] as const;
export type OnlineReissueReason = (typeof onlineReissueReasons)[number];

/**
 * The procedures for a registered patron (reissue, renewal, change of details, the e-library password): the
 * applicant names themself by the reading and birth date on record — the reading before a name change — and the
 * identity document's photos let the reviewer confirm it is them.
 */
export function isForRegisteredPatron(procedure: OnlineProcedure): boolean {
  return procedure !== "newRegistration" && procedure !== "forgotCardNumber";
}

/** The reading that names the registered patron: the previous one when the name itself is what changed. */
export function identifyingReading(form: {
  reissueReason?: string;
  familyNameKana?: string;
  givenNameKana?: string;
  previousFamilyNameKana?: string;
  previousGivenNameKana?: string;
}): { familyNameKana?: string; givenNameKana?: string } {
  return form.reissueReason === "nameChange"
    ? { familyNameKana: form.previousFamilyNameKana, givenNameKana: form.previousGivenNameKana }
    : { familyNameKana: form.familyNameKana, givenNameKana: form.givenNameKana };
}
