import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseReceivedDate } from "../../../src/domain/catalogue/item-fields.ts";

describe("received dates of imported items", () => {
  test("dates that exist, with or without hyphens, leap days included", () => {
    for (const [text, iso] of <[string, string][]>[
      ["2026-03-01", "2026-03-01"],
      ["20261231", "2026-12-31"],
      ["2024-02-29", "2024-02-29"],
      ["2000-02-29", "2000-02-29"],
      [" 1999-01-31 ", "1999-01-31"],
    ]) {
      assert.deepEqual(parseReceivedDate(text), { ok: true, value: iso }, text);
    }
  });

  test("dates that do not exist are refused", () => {
    for (const text of ["2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"]) {
      assert.deepEqual(parseReceivedDate(text), {
        ok: false,
        reason: `received date "${text}" does not exist`,
      });
    }
  });

  test("empty is no date; other shapes are refused", () => {
    assert.deepEqual(parseReceivedDate("  "), { ok: true, value: null });
    assert.deepEqual(parseReceivedDate(undefined), { ok: true, value: null });
    assert.equal(parseReceivedDate("2026/03/01").ok, false);
  });
});
