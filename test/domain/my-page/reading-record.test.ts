import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  fiscalYearMonths,
  fiscalYearOf,
  readingYears,
  refuseReadingGoal,
  refuseReadingRecordStart,
} from "../../../src/domain/my-page/reading-record.ts";

describe("the reading record", () => {
  test("fiscalYearOf: April starts the fiscal year (年度)", () => {
    assert.equal(fiscalYearOf("2026-03-31"), 2025);
    assert.equal(fiscalYearOf("2026-04-01"), 2026);
    assert.equal(fiscalYearOf("2027-01-15"), 2026);
  });

  test("fiscalYearMonths runs April to March across the calendar year", () => {
    const months = fiscalYearMonths(2026);
    assert.equal(months.length, 12);
    assert.deepEqual(
      [months[0], months[8], months[9], months[11]],
      ["2026-04", "2026-12", "2027-01", "2027-03"],
    );
  });

  test("readingYears counts per month, newest year first, with every year up to today's", () => {
    const years = readingYears(
      ["2025-05-01", "2025-05-20", "2027-02-01"],
      new Map([[2026, 3]]),
      "2027-04-10",
    );
    assert.deepEqual(
      years.map((y) => [y.fiscalYear, y.total, y.goal, y.progressPercent]),
      [
        [2027, 0, null, null],
        [2026, 1, 3, 33],
        [2025, 2, null, null],
      ],
    );
    assert.equal(years[2]!.months[1]!.loans, 2, "May");
  });

  test("readingYears shows progress past the goal", () => {
    const [year] = readingYears(
      ["2026-05-01", "2026-06-01", "2026-07-01"],
      new Map([[2026, 2]]),
      "2026-08-01",
    );
    assert.equal(year!.progressPercent, 150);
  });

  test("refuseReadingRecordStart: today up to a year ahead", () => {
    assert.equal(refuseReadingRecordStart("2026-06-01", "2026-06-01"), null);
    assert.equal(refuseReadingRecordStart("2027-06-01", "2026-06-01"), null);
    assert.equal(refuseReadingRecordStart("2026-05-31", "2026-06-01")?.code, "READING_RECORD_FROM_INVALID");
    assert.equal(refuseReadingRecordStart("2027-06-02", "2026-06-01")?.code, "READING_RECORD_FROM_INVALID");
  });

  test("refuseReadingGoal: 1 to 1,000, from the record's first fiscal year to next year", () => {
    assert.equal(refuseReadingGoal(2026, 1, "2026-06-01", "2026-06-01"), null);
    assert.equal(refuseReadingGoal(2027, 1000, "2026-06-01", "2026-06-01"), null);
    assert.equal(refuseReadingGoal(2026, 0, "2026-06-01", "2026-06-01")?.code, "READING_GOAL_INVALID");
    assert.equal(refuseReadingGoal(2026, 1001, "2026-06-01", "2026-06-01")?.code, "READING_GOAL_INVALID");
    assert.equal(refuseReadingGoal(2025, 10, "2026-06-01", "2026-06-01")?.code, "READING_GOAL_INVALID");
    assert.equal(refuseReadingGoal(2028, 10, "2026-06-01", "2026-06-01")?.code, "READING_GOAL_INVALID");
  });
});
