import type { IsoDate } from "../calendar/calendar-rules.ts";
import { daysBetween } from "../calendar/dates.ts";
import { AppError } from "../errors.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { OnlineProcedure } from "./application-rules.ts";

/**
 * Registration kits (004): a blank card with a pre-printed number, picked up at a partner facility, with which a
 * new registration is applied for online. Renewal and changes need no kit (この場合「オンライン利用者登録セット」は
 * 必要ありません).
 */
type OnlineRules = Policy["onlineRegistration"];

export type PhotoSide = "front" | "back" | "card";

/** Whether this procedure is applied for with a kit: a new registration where the library hands out kits. */
export function needsKit(rules: OnlineRules, procedure: OnlineProcedure): boolean {
  return rules.registrationKits && procedure === "newRegistration";
}

/**
 * The photos an application needs: the identity document's two sides (004: 氏名・住所の確認書類の画像), and the
 * kit's card with the name written on it (「利用者カード」の画像); none to be told one's card number.
 */
export function requiredPhotos(rules: OnlineRules, procedure: OnlineProcedure): PhotoSide[] {
  if (procedure === "forgotCardNumber") return [];
  return needsKit(rules, procedure) ? ["front", "back", "card"] : ["front", "back"];
}

export type KitFacts = { handedOver: boolean; used: boolean; claimedByAnotherApplication: boolean };

/**
 * The number must be a kit handed out to a partner facility (a printed batch still at the library, or a number
 * never printed, is unknown) and not used by an earlier registration or application.
 */
export function refuseKitNumber(kit: KitFacts | undefined, number: string): void {
  if (!kit?.handedOver) throw new AppError("KIT_NUMBER_UNKNOWN", { kitNumber: number });
  if (kit.used || kit.claimedByAnotherApplication)
    throw new AppError("KIT_NUMBER_USED", { kitNumber: number });
}

/** 004: 1～3日程度 — an application waiting longer than the review's upper bound, in days, is shown as overdue. */
export function isReviewOverdue(rules: OnlineRules, submittedOn: IsoDate, today: IsoDate): boolean {
  return daysBetween(submittedOn, today) > rules.reviewOpeningDays.max;
}
