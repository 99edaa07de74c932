import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, addMonths, compareDates } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { Basis } from "../vocabulary.ts";

/**
 * What a patron's card lets them do today (DOMAIN.md "Card lifecycle"), loss and reissue, and the My Number
 * card's automatic validity renewal. Pure: the policy, the stored facts and today in, a decision out.
 */

type Registration = Policy["registration"];

export type PatronStatus = "active" | "expired" | "blocked" | "deleted";
export type CardKind = "card" | "temporary";
export type CardStatus = "active" | "lost" | "replaced" | "retired";

export type CardStanding = {
  patron: { status: PatronStatus; expiresOn: IsoDate };
  card: { number: string; kind: CardKind; status: CardStatus };
};

/** What the patron wants to do with the card: borrow at the counter, reserve, or use the web services. */
export type CardUse = "borrow" | "reserve" | "web";

export type CardRefusal = { code: string; details: Record<string, unknown> };

/**
 * Every reason the card cannot be used for `use` today. Returns are never refused (an expired registration
 * blocks loans and reservations but not returns), so there is no "return" use.
 */
export function refuseCardUse(
  registration: Registration,
  standing: CardStanding,
  use: CardUse,
  today: IsoDate,
): CardRefusal[] {
  const { patron, card } = standing;
  const refusals: CardRefusal[] = [];
  if (patron.status === "deleted") return [{ code: "PATRON_NOT_FOUND", details: {} }];
  if (patron.status === "blocked") refusals.push({ code: "PATRON_BLOCKED", details: {} });
  if (patron.status === "expired" || compareDates(today, patron.expiresOn) > 0) {
    refusals.push({ code: "REGISTRATION_EXPIRED", details: { expiresOn: patron.expiresOn } });
  }
  if (card.status !== "active") {
    refusals.push({ code: "CARD_LOST", details: { cardNumber: card.number, cardStatus: card.status } });
  }
  // 001: 紛失届を出されても貸出しできます — a temporary card borrows where the policy says so
  if (card.kind === "temporary" && use === "borrow" && !registration.loss.temporaryCardCanBorrow) {
    refusals.push({ code: "TEMPORARY_CARD_CANNOT_BORROW", details: { cardNumber: card.number } });
  }
  if (use === "web" && mustRenewBeforeWebUse(registration, card.number)) {
    refusals.push({
      code: "CARD_MUST_BE_RENEWED",
      details: { cardNumber: card.number, prefix: registration.cardNumber.mustRenewPrefix },
    });
  }
  return refusals;
}

/** 003: 07で始まる利用者番号の方は、カウンターで利用者カードの更新手続きが必要です. */
export function mustRenewBeforeWebUse(registration: Registration, cardNumber: string): boolean {
  const prefix = registration.cardNumber.mustRenewPrefix;
  return prefix !== null && cardNumber.startsWith(prefix);
}

/** The first day a lost card may be reissued: 001 「1ヶ月経過しても利用券が見つからない場合」, 002 at once. */
export function reissueAllowedFrom(loss: Registration["loss"], lostOn: IsoDate): IsoDate {
  return loss.reissueAfterDays === null ? lostOn : addDays(lostOn, loss.reissueAfterDays);
}

export type ReissueRefusal = {
  code: "REISSUE_TOO_EARLY";
  details: { lostOn: IsoDate; allowedFrom: IsoDate };
};

export function refuseWhenReissueTooEarly(
  loss: Registration["loss"],
  lostOn: IsoDate,
  today: IsoDate,
): ReissueRefusal | null {
  const allowedFrom = reissueAllowedFrom(loss, lostOn);
  if (compareDates(today, allowedFrom) >= 0) return null;
  return { code: "REISSUE_TOO_EARLY", details: { lostOn, allowedFrom } };
}

export type MyNumberRenewalDecision =
  | { kind: "extend"; expiresOn: IsoDate }
  | { kind: "unchanged"; expiresOn: IsoDate }
  | { kind: "excluded"; reason: "notOffered" | "nonResidentWorkerOrStudent" };

/**
 * 000: 署名用電子証明書…失効していなければ、確認日から1年後の日付まで、図書館カードの有効期間を自動的に更新します;
 * 平塚市外にお住まいで市内在勤・在学として登録している方 are excluded (their workplace must be checked). The
 * validity is never shortened: a registration valid beyond the new date keeps its expiry.
 */
export function decideMyNumberRenewal(
  myNumber: Registration["myNumber"],
  patron: { basis: Basis; livesInArea: boolean; expiresOn: IsoDate },
  checkedOn: IsoDate,
): MyNumberRenewalDecision {
  if (myNumber.autoRenewalMonths === null) return { kind: "excluded", reason: "notOffered" };
  if (
    myNumber.autoRenewalExcludesNonResidentWorkersStudents &&
    patron.basis !== "resident" &&
    !patron.livesInArea
  ) {
    return { kind: "excluded", reason: "nonResidentWorkerOrStudent" };
  }
  const extended = addMonths(checkedOn, myNumber.autoRenewalMonths);
  if (compareDates(extended, patron.expiresOn) <= 0)
    return { kind: "unchanged", expiresOn: patron.expiresOn };
  return { kind: "extend", expiresOn: extended };
}
