import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ageInOpeningDays } from "../../../src/domain/applications/application-rules.ts";
import { addOpeningDays } from "../../../src/domain/calendar/calendar.ts";
import { usualLibraryCalendar } from "../../../src/policies/calendars.ts";

// The review queue's age: opening days of the main library since the day an application was sent, counted as the
// card's usual day is (002: 通常申請から2開館日後).
describe("an application's age in opening days", () => {
  const calendar = usualLibraryCalendar(); // closed on Mondays and over the New Year

  test("the day it was sent is 0; each opening day after it counts one; closed days do not", () => {
    assert.equal(ageInOpeningDays(calendar, "2026-12-04", "2026-12-04"), 0); // Friday
    assert.equal(ageInOpeningDays(calendar, "2026-12-04", "2026-12-05"), 1); // Saturday
    assert.equal(ageInOpeningDays(calendar, "2026-12-04", "2026-12-08"), 3); // Monday closed
  });

  test("over the New Year closure the age stands still", () => {
    assert.equal(
      ageInOpeningDays(calendar, "2026-12-27", "2027-01-04"),
      ageInOpeningDays(calendar, "2026-12-27", "2026-12-28"),
    );
  });

  test("it agrees with the day the card is usually usable", () => {
    for (const sent of ["2026-12-04", "2026-12-26", "2027-01-08"]) {
      assert.equal(ageInOpeningDays(calendar, sent, addOpeningDays(calendar, sent, 2)), 2, sent);
    }
  });
});
