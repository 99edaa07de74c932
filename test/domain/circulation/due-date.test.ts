import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CalendarRules } from "../../../src/domain/calendar/calendar-rules.ts";
import { dueDateAfter } from "../../../src/domain/circulation/due-date.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";

// Takarazuka's central library: closed on Mondays (a holiday Monday opens, the next weekday closes), on the
// 3rd Thursday (2026-06-18) and from 12-29 to 01-03. 2026-07-20 is a Monday holiday (海の日).

function centralCalendar(): CalendarRules {
  const central = takarazukaPreset.servicePoints.find((point) => point.code === "central");
  assert.ok(central, "no central library in the Takarazuka preset");
  return central.calendar;
}

const central = centralCalendar();

describe("dueDateAfter", () => {
  test("dueDateAfter counts the loan period in calendar days when it ends on an opening day", () => {
    assert.equal(dueDateAfter(central, "2026-05-27", 14), "2026-06-10");
  });

  test("dueDateAfter moves a due date on the monthly housekeeping day to the next day", () => {
    assert.equal(dueDateAfter(central, "2026-06-04", 14), "2026-06-19");
  });

  test("dueDateAfter moves a due date on a weekly closed Monday to Tuesday", () => {
    assert.equal(dueDateAfter(central, "2026-06-01", 14), "2026-06-16");
  });

  test("dueDateAfter keeps a due date on a holiday Monday the library opens", () => {
    assert.equal(dueDateAfter(central, "2026-07-06", 14), "2026-07-20");
  });

  test("dueDateAfter moves a due date off the substitute closed day after a holiday Monday", () => {
    assert.equal(dueDateAfter(central, "2026-07-07", 14), "2026-07-22");
  });

  test("dueDateAfter moves a due date in the New Year closure past it", () => {
    assert.equal(dueDateAfter(central, "2026-12-16", 14), "2027-01-05");
  });

  test("dueDateAfter counts a 21-day postal loan period", () => {
    assert.equal(dueDateAfter(central, "2026-06-03", 21), "2026-06-24");
  });
});
