import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, compareDates } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * Which notice an open loan needs today, if any: a courtesy reminder shortly before the due date, then
 * overdue notices from the policy's day after it, repeated as set. The job records each notice on the loan,
 * so running it twice in a day sends nothing twice.
 */

export type NoticeState = {
  dueOn: IsoDate;
  courtesyNoticeOn: IsoDate | null;
  overdueNotices: number;
  lastOverdueNoticeOn: IsoDate | null;
};

export type LoanNoticeKind = "courtesy" | "overdue";

export function noticeDue(
  notices: Policy["loans"]["notices"],
  loan: NoticeState,
  today: IsoDate,
): LoanNoticeKind | null {
  const firstOverdueDay = addDays(loan.dueOn, notices.overdueDaysAfterDue);
  if (compareDates(today, firstOverdueDay) >= 0) {
    if (loan.overdueNotices >= notices.overdueMaxNotices) return null;
    if (loan.overdueNotices === 0 || loan.lastOverdueNoticeOn === null) return "overdue";
    if (notices.overdueRepeatDays === null) return null;
    return compareDates(today, addDays(loan.lastOverdueNoticeOn, notices.overdueRepeatDays)) >= 0
      ? "overdue"
      : null;
  }
  if (notices.courtesyDaysBeforeDue === null || loan.courtesyNoticeOn !== null) return null;
  const from = addDays(loan.dueOn, -notices.courtesyDaysBeforeDue);
  return compareDates(today, from) >= 0 && compareDates(today, loan.dueOn) <= 0 ? "courtesy" : null;
}
