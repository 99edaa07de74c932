import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type NoticeState, noticeDue } from "../../../src/domain/circulation/loan-notices.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";

// Takarazuka's notices: a courtesy reminder 2 days before the due date, the first overdue notice 1 day
// after it, then every 7 days, 3 at most.

type Notices = Policy["loans"]["notices"];

const notices: Notices = takarazukaPreset.policy.loans.notices;

/** Due on 2026-06-10, no notice sent yet. */
function loan(overrides: Partial<NoticeState> = {}): NoticeState {
  return {
    dueOn: "2026-06-10",
    courtesyNoticeOn: null,
    overdueNotices: 0,
    lastOverdueNoticeOn: null,
    ...overrides,
  };
}

describe("noticeDue: the courtesy reminder", () => {
  test("noticeDue sends nothing before the courtesy window", () => {
    assert.deepEqual(notices, {
      courtesyDaysBeforeDue: 2,
      overdueDaysAfterDue: 1,
      overdueRepeatDays: 7,
      overdueMaxNotices: 3,
    });
    assert.equal(noticeDue(notices, loan(), "2026-06-07"), null);
  });

  test("noticeDue sends a courtesy reminder from N days before the due date through the due date", () => {
    for (const today of ["2026-06-08", "2026-06-09", "2026-06-10"]) {
      assert.equal(noticeDue(notices, loan(), today), "courtesy", today);
    }
  });

  test("noticeDue sends the courtesy reminder only once", () => {
    const reminded = loan({ courtesyNoticeOn: "2026-06-08" });
    for (const today of ["2026-06-08", "2026-06-09", "2026-06-10"]) {
      assert.equal(noticeDue(notices, reminded, today), null, today);
    }
  });

  test("noticeDue sends no courtesy reminder where the policy has none", () => {
    const none = { ...notices, courtesyDaysBeforeDue: null };
    for (const today of ["2026-06-01", "2026-06-08", "2026-06-10"]) {
      assert.equal(noticeDue(none, loan(), today), null, today);
    }
  });

  test("noticeDue sends no courtesy reminder after the due date", () => {
    const late = { ...notices, overdueDaysAfterDue: 3 };
    assert.equal(noticeDue(late, loan(), "2026-06-11"), null);
  });
});

describe("noticeDue: overdue notices", () => {
  test("noticeDue sends the first overdue notice the set number of days after the due date", () => {
    assert.equal(noticeDue(notices, loan({ courtesyNoticeOn: "2026-06-08" }), "2026-06-11"), "overdue");
  });

  test("noticeDue sends the first overdue notice even when no courtesy reminder went out", () => {
    assert.equal(noticeDue(notices, loan(), "2026-06-11"), "overdue");
  });

  test("noticeDue waits for overdueDaysAfterDue before the first overdue notice", () => {
    const late = { ...notices, overdueDaysAfterDue: 3 };
    assert.equal(noticeDue(late, loan(), "2026-06-12"), null);
    assert.equal(noticeDue(late, loan(), "2026-06-13"), "overdue");
  });

  test("noticeDue sends a late first overdue notice when the job missed the day", () => {
    assert.equal(noticeDue(notices, loan(), "2026-06-20"), "overdue");
  });

  test("noticeDue repeats the overdue notice only after overdueRepeatDays", () => {
    const once = loan({ overdueNotices: 1, lastOverdueNoticeOn: "2026-06-11" });
    assert.equal(noticeDue(notices, once, "2026-06-11"), null);
    assert.equal(noticeDue(notices, once, "2026-06-17"), null);
    assert.equal(noticeDue(notices, once, "2026-06-18"), "overdue");
  });

  test("noticeDue counts the repeat from the last overdue notice", () => {
    const twice = loan({ overdueNotices: 2, lastOverdueNoticeOn: "2026-06-20" });
    assert.equal(noticeDue(notices, twice, "2026-06-26"), null);
    assert.equal(noticeDue(notices, twice, "2026-06-27"), "overdue");
  });

  test("noticeDue sends no overdue notice after overdueMaxNotices", () => {
    const done = loan({ overdueNotices: 3, lastOverdueNoticeOn: "2026-06-25" });
    assert.equal(noticeDue(notices, done, "2026-07-02"), null);
    assert.equal(noticeDue(notices, done, "2026-12-31"), null);
  });

  test("noticeDue sends one overdue notice only when overdueRepeatDays is null", () => {
    const oneOnly = { ...notices, overdueRepeatDays: null };
    assert.equal(noticeDue(oneOnly, loan(), "2026-06-11"), "overdue");
    const sent = loan({ overdueNotices: 1, lastOverdueNoticeOn: "2026-06-11" });
    assert.equal(noticeDue(oneOnly, sent, "2026-06-18"), null);
    assert.equal(noticeDue(oneOnly, sent, "2026-09-01"), null);
  });
});
