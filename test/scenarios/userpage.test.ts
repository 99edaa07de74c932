import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { registerAtCounter, residentOf, uniqueKana } from "../support/patron-fixtures.ts";
import { licence, scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 003 (利用者のページ): cards whose number starts with 07 must be renewed at the counter before any web use.
describe("the user page library (003) patrons", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "userpage");
  });
  after(() => t.close());

  test("a 07 card must be renewed before web use; the renewal replaces it at once with a new number", async () => {
    await s.at("2026-04-01");
    const patron = await registerAtCounter(
      t,
      "userpage",
      s.token,
      residentOf("本市", "東京都", {
        ...uniqueKana(),
        address: { postalCode: "100-0001", prefecture: "東京都", city: "本市", street: "1-1" },
      }),
    );
    const policy = (await json(await t.request("/api/v1/userpage/policy"))).policy;
    const oldSeries = completeNumber({ ...policy.registration.cardNumber, prefix: "07" }, 4321);
    assert.ok(oldSeries.startsWith("07"));
    await t.db.execute(
      sql`UPDATE patron_cards SET number = ${oldSeries} WHERE number = ${patron.cardNumber}`,
    );

    const before = await json(await s.resolve("card", oldSeries));
    assert.deepEqual(
      before.patron.standing.web.map((r: { code: string }) => r.code),
      ["CARD_MUST_BE_RENEWED"],
    );
    assert.deepEqual(before.patron.standing.borrow, [], "the card still borrows at the counter");

    // Long before the renewal window: the 07 series is renewed at any time.
    const renewed = await s.post(`/patrons/${patron.id}/registration-renewals`, { idDocument: licence });
    assert.equal(renewed.status, 201, await renewed.clone().text());
    const body = await json(renewed);
    assert.ok(body.newCardNumber && !body.newCardNumber.startsWith("07"));
    assert.deepEqual(body.patron.standing.web, []);
    assert.equal((await s.resolve("card", oldSeries)).status, 409);
  });
});
