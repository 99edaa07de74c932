import type { CalendarRules, IsoDate } from "../calendar/calendar-rules.ts";
import { compareDates } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";
import { dueDateAfter } from "./due-date.ts";
import type { Refusal } from "./refusal.ts";

/**
 * Loan renewal (貸出延長・貸出更新; DOMAIN.md "Loans, renewals, returns"): once per item in both seeds,
 * refused when overdue, reserved by someone else, borrowed from another library, or already renewed.
 */

type RenewalPolicy = Policy["loans"]["renewal"];
export type RenewalChannel = RenewalPolicy["channels"][number];

export type RenewableLoan = {
  loanedOn: IsoDate;
  firstDueOn: IsoDate;
  dueOn: IsoDate;
  renewals: number;
  isIll: boolean;
  /** Someone else is waiting for the title (a pending reservation, or the item kept for another patron). */
  reservedByOther: boolean;
};

export function refuseLoanRenewal(
  renewal: RenewalPolicy,
  loan: RenewableLoan,
  channel: RenewalChannel,
  today: IsoDate,
): Refusal[] {
  const refusals: Refusal[] = [];
  if (!renewal.channels.includes(channel)) {
    refusals.push({ code: "RENEWAL_CHANNEL_NOT_OFFERED", details: { channel } });
  }
  if (renewal.refuseIll && loan.isIll) refusals.push({ code: "ILL_NOT_RENEWABLE", details: {} });
  if (renewal.refuseWhenOverdue && compareDates(today, loan.dueOn) > 0) {
    refusals.push({ code: "LOAN_OVERDUE", details: { dueDate: loan.dueOn } });
  }
  if (renewal.refuseWhenReservedByOther && loan.reservedByOther) {
    refusals.push({ code: "ITEM_RESERVED_BY_OTHER", details: {} });
  }
  if (loan.renewals >= renewal.maxRenewals) {
    refusals.push({
      code: "RENEWAL_LIMIT_REACHED",
      details: { maxRenewals: renewal.maxRenewals, renewals: loan.renewals },
    });
  }
  // 003: 即日更新可能 — where a policy forbids it, the loan day itself is refused.
  if (!renewal.allowedOnLoanDay && loan.loanedOn === today) {
    refusals.push({ code: "RENEWAL_NOT_ON_LOAN_DAY", details: { loanedOn: loan.loanedOn } });
  }
  return refusals;
}

/**
 * 001: 手続きをされた日から2週間; 003: 最初の返却期限日から2週間. Moved to an opening day of the lending
 * service point, and never earlier than the current due date (a renewal must not shorten a loan).
 */
export function renewedDueDate(
  renewal: RenewalPolicy,
  loan: Pick<RenewableLoan, "dueOn">,
  calendar: CalendarRules,
  today: IsoDate,
): IsoDate {
  // With one renewal (003) the current due date is the first one; with more, each adds to the last.
  const from = renewal.base === "renewalDate" ? today : loan.dueOn;
  const next = dueDateAfter(calendar, from, renewal.periodDays);
  return compareDates(next, loan.dueOn) < 0 ? loan.dueOn : next;
}
