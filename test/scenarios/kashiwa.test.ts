import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { kashiwaResident, registerAtCounter, uniqueKana } from "../support/patron-fixtures.ts";
import { licence, scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 002 (柏市立図書館): renewal from one month before expiry, or at once after 3 years without use; a lost
// card is reissued at once with a new number, and the e-library does not keep its loans.
describe("Kashiwa (002) patrons", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  const register = (body: Record<string, unknown>) => registerAtCounter(t, "kashiwa", s.token, body);
  const renew = (id: string) => s.post(`/patrons/${id}/registration-renewals`, { idDocument: licence });

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "kashiwa");
  });
  after(() => t.close());

  test("registration renewal opens 30 days before the expiry", async () => {
    await s.at("2026-04-01");
    const patron = await register(kashiwaResident(uniqueKana()));
    assert.equal(patron.expiresOn, "2029-03-31");
    await s.at("2029-02-28");
    const early = await renew(patron.id);
    assert.equal(early.status, 409);
    assert.deepEqual((await json(early)).error.details.opensOn, "2029-03-01");
    await s.at("2029-03-01");
    const renewed = await renew(patron.id);
    assert.equal(renewed.status, 201);
    assert.equal((await json(renewed)).expiresOn, "2032-03-31");
  });

  test("after 3 years without use the registration may be renewed at any time", async () => {
    await s.at("2026-04-01");
    const patron = await register(kashiwaResident(uniqueKana()));
    // A registration carried over from the previous system: last used three years ago.
    await t.db.execute(sql`UPDATE patrons SET last_used_on = '2023-04-01' WHERE id = ${patron.id}`);
    const view = await s.patron(patron.id);
    assert.equal(view.registration.mustRenewBecauseUnused, true);
    assert.equal(view.registration.renewableNow, true);
    const renewed = await renew(patron.id);
    assert.equal(renewed.status, 201, await renewed.clone().text());
    assert.equal((await json(renewed)).patron.lastUsedOn, "2026-04-01");
  });

  test("a lost card is reissued at once with a new number; no temporary card", async () => {
    await s.at("2026-04-01");
    const patron = await register(kashiwaResident(uniqueKana()));
    const lost = await json(await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/loss`));
    assert.equal(lost.temporaryCardNumber, null);
    assert.deepEqual(
      lost.patron.standing.borrow.map((r: { code: string }) => r.code),
      ["NO_CURRENT_CARD"],
    );
    const reissued = await s.post(`/patrons/${patron.id}/cards`, { reason: "lost", idDocument: licence });
    assert.equal(reissued.status, 201, await reissued.clone().text());
    const body = await json(reissued);
    assert.notEqual(body.cardNumber, patron.cardNumber);
    await t.runJobs();
    const events = t.elibrary.calls.filter((c) => c.system === "kashiwa").map((c) => c.event);
    assert.ok(events.some((e) => e.kind === "register" && e.cardNumber === patron.cardNumber));
    assert.ok(events.some((e) => e.kind === "cardNumberChanged" && e.cardNumber === body.cardNumber));
  });

  test("a patron registered without a plastic card gets one through a reissue at the counter", async () => {
    await s.at("2026-04-01");
    const patron = await register(kashiwaResident(uniqueKana()));
    // Online registration (issue 6) issues the number only; the counter's reissue prints a card.
    await t.db.execute(sql`UPDATE patron_cards SET physical = false WHERE number = ${patron.cardNumber}`);
    const reissued = await json(await s.post(`/patrons/${patron.id}/cards`, { reason: "plasticCard" }));
    const active = reissued.patron.cards.filter((c: { status: string }) => c.status === "active");
    assert.equal(active.length, 1);
    assert.equal(active[0].physical, true);
  });

  test("Kamagaya (鎌ケ谷市, written either way) is a wide-area municipality", async () => {
    await s.at("2026-04-01");
    const patron = await register(
      kashiwaResident({
        ...uniqueKana(),
        municipality: "鎌ケ谷市",
        address: { postalCode: "273-0195", prefecture: "千葉県", city: "鎌ケ谷市", street: "新鎌ケ谷2-6-1" },
      }),
    );
    assert.equal((await s.patron(patron.id)).registrationKind, "wideArea");
  });
});
