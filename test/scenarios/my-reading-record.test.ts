import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { registerAtCounter, uniqueKana, userpageResident } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// 003 (利用者のページ): 読書記録 — kept from the day the patron sets (設定した日以降), loans per month, a goal per
// fiscal year; 「履歴を残さない」 deletes it all. Checked in the database.
describe("The user page library (003) reading record", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "userpage");
    await s.at("2027-03-20");
  });
  after(() => t.close());

  const api = (token: string, path: string, init: { method?: string; json?: unknown } = {}) =>
    t.request(`/api/v1/userpage${path}`, { token, ...init });
  const lend = async (cardNumber: string) => {
    const book = await stockTitle(t, "userpage", s.token, [{ servicePoint: "main" }]);
    const res = await s.post("/loans", {
      credential: { kind: "card", value: cardNumber },
      itemBarcode: book.barcodes[0],
      servicePoint: "main",
    });
    assert.equal(res.status, 201, await res.clone().text());
    return book.barcodes[0]!;
  };
  const giveBack = async (barcode: string) =>
    assert.equal((await s.post("/returns", { itemBarcode: barcode, servicePoint: "main" })).status, 200);
  const count = async (table: "loan_history" | "reading_goals", patronId: string) =>
    (
      (await t.db.execute(
        sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE patron_id = ${patronId}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;

  test("from the chosen day, loans per month of the fiscal year, a goal with progress; off deletes it all", async () => {
    const p = await registerAtCounter(t, "userpage", s.token, userpageResident({ ...uniqueKana() }));
    let token = await signInOnWeb(t, "userpage", p);
    const before = await lend(p.cardNumber);
    await giveBack(before);
    assert.equal(await count("loan_history", p.id), 0, "off: nothing kept");

    const past = await api(token, "/me/reading-record/settings", {
      method: "PUT",
      json: { enabled: true, from: "2027-03-01" },
    });
    assert.equal((await json(past)).error.code, "READING_RECORD_FROM_INVALID");
    const noGoalYet = await api(token, "/me/reading-record/goals/2026", {
      method: "PUT",
      json: { goal: 10 },
    });
    assert.equal((await json(noGoalYet)).error.code, "READING_RECORD_OFF");

    const on = await json(
      await api(token, "/me/reading-record/settings", { method: "PUT", json: { enabled: true } }),
    );
    assert.equal(on.since, "2027-03-20");

    // Two loans in March 2027 (fiscal 2026): one returned, one still out; one in April (fiscal 2027).
    await giveBack(await lend(p.cardNumber));
    await lend(p.cardNumber);
    const goal = await api(token, "/me/reading-record/goals/2026", { method: "PUT", json: { goal: 4 } });
    assert.equal(goal.status, 200);
    assert.equal(
      (await json(await api(token, "/me/reading-record/goals/2026", { method: "PUT", json: { goal: 0 } })))
        .error.code,
      "READING_GOAL_INVALID",
    );
    await s.at("2027-04-02");
    token = await signInOnWeb(t, "userpage", p);
    await lend(p.cardNumber);
    const record = await json(await api(token, "/me/reading-record"));
    const [fy2027, fy2026] = record.years;
    assert.equal(fy2027.fiscalYear, 2027);
    assert.equal(fy2027.total, 1);
    assert.deepEqual(fy2027.months[0], { month: "2027-04", loans: 1 });
    assert.equal(fy2026.fiscalYear, 2026);
    assert.equal(fy2026.months.length, 12);
    assert.equal(fy2026.months[0].month, "2026-04");
    assert.deepEqual(fy2026.months[11], { month: "2027-03", loans: 2 });
    assert.deepEqual([fy2026.total, fy2026.goal, fy2026.progressPercent], [2, 4, 50]);
    assert.equal(await count("reading_goals", p.id), 1);
    assert.equal(await count("loan_history", p.id), 1, "the returned loan is kept");

    const unconfirmed = await api(token, "/me/reading-record/settings", {
      method: "PUT",
      json: { enabled: false },
    });
    assert.equal(unconfirmed.status, 409);
    assert.equal((await json(unconfirmed)).error.code, "CONFIRMATION_REQUIRED");
    assert.equal(await count("loan_history", p.id), 1, "nothing deleted without confirmation");

    const off = await api(token, "/me/reading-record/settings", {
      method: "PUT",
      json: { enabled: false, confirm: true },
    });
    assert.deepEqual(await json(off), { enabled: false, since: null, years: [] });
    assert.equal(await count("loan_history", p.id), 0, "turning off deletes the record");
    assert.equal(await count("reading_goals", p.id), 0, "and the goals");
  });
});
