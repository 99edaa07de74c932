import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CalendarRules } from "../../../src/domain/calendar/calendar-rules.ts";
import {
  type RenewableLoan,
  refuseLoanRenewal,
  renewedDueDate,
} from "../../../src/domain/circulation/loan-renewal.ts";
import type { LibrarySystemPreset } from "../../../src/domain/library-system.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";
import { userpagePreset } from "../../../src/policies/userpage.ts";

// Takarazuka (001): renewed 14 days from the renewal day; closed on Mondays (a holiday Monday opens and the
// next weekday closes), on the 3rd Thursday and 12-29..01-03. The "user page" library (003): renewed
// 14 days from the first due date; closed on Mondays, on the 2nd Tuesday and 12-29..01-03.
// 2026-06-18 is Takarazuka's 3rd Thursday; 2026-06-09 the user page library's 2nd Tuesday.

type RenewalPolicy = Policy["loans"]["renewal"];

const takarazuka: RenewalPolicy = takarazukaPreset.policy.loans.renewal;
const userpage: RenewalPolicy = userpagePreset.policy.loans.renewal;

function calendarOf(preset: LibrarySystemPreset, code: string): CalendarRules {
  const point = preset.servicePoints.find((servicePoint) => servicePoint.code === code);
  assert.ok(point, `no service point ${code} in ${preset.slug}`);
  return point.calendar;
}

const takarazukaCentral = calendarOf(takarazukaPreset, "central");
const userpageMain = calendarOf(userpagePreset, "main");

/** Lent on Wednesday 2026-05-27, due Wednesday 2026-06-10, never renewed, nobody waiting. */
function loan(overrides: Partial<RenewableLoan> = {}): RenewableLoan {
  return {
    loanedOn: "2026-05-27",
    firstDueOn: "2026-06-10",
    dueOn: "2026-06-10",
    renewals: 0,
    isIll: false,
    reservedByOther: false,
    ...overrides,
  };
}

function codes(refusals: readonly { code: string }[]): string[] {
  return refusals.map((refusal) => refusal.code);
}

describe("refuseLoanRenewal", () => {
  test("refuseLoanRenewal renews a loan before its due date", () => {
    assert.deepEqual(refuseLoanRenewal(takarazuka, loan(), "web", "2026-06-03"), []);
  });

  test("refuseLoanRenewal refuses a loan already renewed as often as the policy allows (1回のみ)", () => {
    assert.equal(takarazuka.maxRenewals, 1);
    const refusals = refuseLoanRenewal(takarazuka, loan({ renewals: 1 }), "counter", "2026-06-03");
    assert.deepEqual(refusals, [{ code: "RENEWAL_LIMIT_REACHED", details: { maxRenewals: 1, renewals: 1 } }]);
  });

  test("refuseLoanRenewal renews on the due date itself", () => {
    assert.deepEqual(refuseLoanRenewal(takarazuka, loan(), "web", "2026-06-10"), []);
    assert.deepEqual(refuseLoanRenewal(userpage, loan(), "web", "2026-06-10"), []);
  });

  test("refuseLoanRenewal refuses an overdue loan from the day after the due date", () => {
    const refusals = refuseLoanRenewal(takarazuka, loan(), "web", "2026-06-11");
    assert.deepEqual(refusals, [{ code: "LOAN_OVERDUE", details: { dueDate: "2026-06-10" } }]);
  });

  test("refuseLoanRenewal refuses an item someone else has reserved", () => {
    const refusals = refuseLoanRenewal(takarazuka, loan({ reservedByOther: true }), "web", "2026-06-03");
    assert.deepEqual(refusals, [{ code: "ITEM_RESERVED_BY_OTHER", details: {} }]);
  });

  test("refuseLoanRenewal renews a reserved item where the policy does not refuse it", () => {
    const policy = { ...takarazuka, refuseWhenReservedByOther: false };
    assert.deepEqual(refuseLoanRenewal(policy, loan({ reservedByOther: true }), "web", "2026-06-03"), []);
  });

  test("refuseLoanRenewal refuses an inter-library loan item", () => {
    const refusals = refuseLoanRenewal(takarazuka, loan({ isIll: true }), "counter", "2026-06-03");
    assert.deepEqual(refusals, [{ code: "ILL_NOT_RENEWABLE", details: {} }]);
  });

  test("refuseLoanRenewal renews on the loan day where the policy allows it (即日更新可能)", () => {
    assert.equal(userpage.allowedOnLoanDay, true);
    assert.deepEqual(refuseLoanRenewal(userpage, loan(), "web", "2026-05-27"), []);
  });

  test("refuseLoanRenewal refuses renewal on the loan day where the policy forbids it", () => {
    const policy = { ...takarazuka, allowedOnLoanDay: false };
    const refusals = refuseLoanRenewal(policy, loan(), "counter", "2026-05-27");
    assert.deepEqual(refusals, [{ code: "RENEWAL_NOT_ON_LOAN_DAY", details: { loanedOn: "2026-05-27" } }]);
  });

  test("refuseLoanRenewal renews the day after the loan day where the loan day is forbidden", () => {
    const policy = { ...takarazuka, allowedOnLoanDay: false };
    assert.deepEqual(refuseLoanRenewal(policy, loan(), "counter", "2026-05-28"), []);
  });

  test("refuseLoanRenewal refuses a channel the policy does not offer (no phone renewals in 003)", () => {
    assert.ok(!userpage.channels.includes("phone"));
    const refusals = refuseLoanRenewal(userpage, loan(), "phone", "2026-06-03");
    assert.deepEqual(refusals, [{ code: "RENEWAL_CHANNEL_NOT_OFFERED", details: { channel: "phone" } }]);
  });

  test("refuseLoanRenewal renews by phone in Takarazuka (窓口、インターネット、電話)", () => {
    assert.deepEqual(refuseLoanRenewal(takarazuka, loan(), "phone", "2026-06-03"), []);
  });

  test("refuseLoanRenewal lists every refusal at once", () => {
    const refusals = refuseLoanRenewal(
      userpage,
      loan({ renewals: 1, isIll: true, reservedByOther: true }),
      "phone",
      "2026-06-12",
    );
    assert.deepEqual(codes(refusals), [
      "RENEWAL_CHANNEL_NOT_OFFERED",
      "ILL_NOT_RENEWABLE",
      "LOAN_OVERDUE",
      "ITEM_RESERVED_BY_OTHER",
      "RENEWAL_LIMIT_REACHED",
    ]);
  });
});

describe("renewedDueDate", () => {
  test("renewedDueDate counts 14 days from the renewal day in Takarazuka (手続きをされた日から2週間)", () => {
    assert.equal(takarazuka.base, "renewalDate");
    assert.equal(renewedDueDate(takarazuka, loan(), takarazukaCentral, "2026-06-03"), "2026-06-17");
    assert.equal(renewedDueDate(takarazuka, loan(), takarazukaCentral, "2026-06-10"), "2026-06-24");
  });

  test("renewedDueDate moves a renewal due date on a closed day to the next opening day", () => {
    // 2026-06-04 + 14 = Thursday 2026-06-18, Takarazuka's 3rd-Thursday housekeeping day.
    assert.equal(renewedDueDate(takarazuka, loan(), takarazukaCentral, "2026-06-04"), "2026-06-19");
  });

  test("renewedDueDate counts 14 days from the first due date in 003 (最初の返却期限日から2週間)", () => {
    assert.equal(userpage.base, "dueDate");
    assert.equal(renewedDueDate(userpage, loan(), userpageMain, "2026-05-27"), "2026-06-24");
    assert.equal(renewedDueDate(userpage, loan(), userpageMain, "2026-06-10"), "2026-06-24");
  });

  test("renewedDueDate from the first due date moves to an opening day too", () => {
    // 2026-05-26 + 14 = Tuesday 2026-06-09, the user page library's 2nd-Tuesday housekeeping day.
    const due = loan({ loanedOn: "2026-05-12", firstDueOn: "2026-05-26", dueOn: "2026-05-26" });
    assert.equal(renewedDueDate(userpage, due, userpageMain, "2026-05-20"), "2026-06-10");
  });

  test("renewedDueDate never gives a date earlier than the current due date", () => {
    // A three-week postal loan renewed on its loan day: 14 days from today would shorten it.
    const postal = loan({ loanedOn: "2026-06-03", firstDueOn: "2026-06-24", dueOn: "2026-06-24" });
    assert.equal(renewedDueDate(takarazuka, postal, takarazukaCentral, "2026-06-03"), "2026-06-24");
  });

  test("renewedDueDate under the due-date base adds the period to the current due date (a second renewal)", () => {
    const extended = loan({ dueOn: "2026-07-01" });
    assert.equal(renewedDueDate(userpage, extended, userpageMain, "2026-06-03"), "2026-07-15");
  });

  test("renewedDueDate moves a due date in the New Year closure to the first opening day after it", () => {
    // 2026-12-16 + 14 = 2026-12-30: closed to 01-03, then Monday 2027-01-04 (weekly closed).
    const december = loan({ loanedOn: "2026-12-02", firstDueOn: "2026-12-16", dueOn: "2026-12-16" });
    assert.equal(renewedDueDate(takarazuka, december, takarazukaCentral, "2026-12-16"), "2027-01-05");
    assert.equal(renewedDueDate(userpage, december, userpageMain, "2026-12-10"), "2027-01-05");
  });
});
