import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { licence, scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館): renewal month every 3 years in the birth month, the counter reminder, loss →
// temporary card → reissue after one month, one FeliCa chip per patron, LINE after a portal password.
describe("Takarazuka (001) patrons", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  const register = (body: Record<string, unknown>) => registerAtCounter(t, "takarazuka", s.token, body);

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
  });
  after(() => t.close());

  test("the registration runs to the end of the birth month three years on, 29 February included", async () => {
    await s.at("2026-04-01");
    const leapling = await register(takarazukaResident({ ...uniqueKana(), birthDate: "1988-02-29" }));
    assert.equal(leapling.expiresOn, "2029-02-28");
    const may = await register(takarazukaResident({ ...uniqueKana(), birthDate: "1990-05-15" }));
    assert.equal(may.expiresOn, "2029-05-31");

    // Renewed in the renewal month, the next period ends in the birth month three years later (a leap year).
    await s.at("2029-01-27");
    const early = await s.post(`/patrons/${leapling.id}/registration-renewals`, { idDocument: licence });
    assert.equal(early.status, 409);
    assert.equal((await json(early)).error.code, "REGISTRATION_RENEWAL_TOO_EARLY");
    await s.at("2029-02-10");
    const renewed = await s.post(`/patrons/${leapling.id}/registration-renewals`, { idDocument: licence });
    assert.equal(renewed.status, 201, await renewed.clone().text());
    assert.equal((await json(renewed)).expiresOn, "2032-02-29");
  });

  test("the counter is told when the renewal month is near", async () => {
    await s.at("2026-04-01");
    const patron = await register(takarazukaResident({ ...uniqueKana(), birthDate: "1980-07-04" }));
    assert.equal(patron.expiresOn, "2029-07-31");
    await s.at("2029-05-31");
    assert.equal((await s.patron(patron.id)).registration.renewalMonthNear, false);
    await s.at("2029-06-01");
    const view = await s.patron(patron.id);
    assert.equal(view.registration.renewalMonthNear, true);
    // Told two months ahead; renewed in the renewal month itself.
    assert.equal(view.registration.renewableNow, false);
    await s.at("2029-07-01");
    assert.equal((await s.patron(patron.id)).registration.renewableNow, true);
  });

  test("an expired registration blocks loans and reservations once the daily job has run", async () => {
    await s.at("2026-04-01");
    const patron = await register(takarazukaResident({ ...uniqueKana(), birthDate: "1970-01-20" }));
    assert.equal(patron.expiresOn, "2029-01-31");
    await s.at("2029-02-01");
    const result = await s.runJob("expireRegistrations");
    assert.ok(result.takarazuka >= 1);
    const view = (await json(await s.resolve("card", patron.cardNumber))).patron;
    assert.equal(view.status, "expired");
    assert.deepEqual(
      view.standing.borrow.map((r: { code: string }) => r.code),
      ["REGISTRATION_EXPIRED"],
    );
    assert.deepEqual(
      view.standing.reserve.map((r: { code: string }) => r.code),
      ["REGISTRATION_EXPIRED"],
    );
    // A renewal after the expiry starts a new cycle and makes the registration active again.
    const renewed = await json(
      await s.post(`/patrons/${patron.id}/registration-renewals`, { idDocument: licence }),
    );
    assert.equal(renewed.expiresOn, "2032-01-31");
    assert.equal(renewed.patron.status, "active");
    assert.deepEqual(renewed.patron.standing.borrow, []);
  });

  test("loss: the card is blocked at once, a temporary card borrows, the reissue waits one month", async () => {
    await s.at("2026-04-01");
    const patron = await register(takarazukaResident(uniqueKana()));
    const lost = await json(await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/loss`));
    const temporary = lost.temporaryCardNumber as string;
    assert.ok(temporary);
    assert.notEqual(temporary, patron.cardNumber);

    const old = await s.resolve("card", patron.cardNumber);
    assert.equal(old.status, 409);
    assert.equal((await json(old)).error.code, "CARD_LOST");
    const viaTemporary = await json(await s.resolve("card", temporary));
    assert.equal(viaTemporary.patron.id, patron.id);
    assert.equal(viaTemporary.credential.cardKind, "temporary");
    assert.deepEqual(viaTemporary.patron.standing.borrow, []);

    await s.at("2026-04-30");
    const tooEarly = await s.post(`/patrons/${patron.id}/cards`, { reason: "lost" });
    assert.equal(tooEarly.status, 409);
    const error = (await json(tooEarly)).error;
    assert.equal(error.code, "REISSUE_TOO_EARLY");
    assert.equal(error.details.allowedFrom, "2026-05-01");

    await s.at("2026-05-01");
    const reissued = await json(await s.post(`/patrons/${patron.id}/cards`, { reason: "lost" }));
    assert.notEqual(reissued.cardNumber, patron.cardNumber);
    assert.deepEqual(
      reissued.patron.cards.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`),
      ["card:replaced", "temporary:retired", "card:active"],
    );
    assert.equal((await s.resolve("card", temporary)).status, 409);
    assert.equal((await json(await s.resolve("card", reissued.cardNumber))).patron.id, patron.id);
  });

  test("a lost card found before the reissue is used again and the temporary card is retired", async () => {
    await s.at("2026-04-01");
    const patron = await register(takarazukaResident(uniqueKana()));
    const lost = await json(await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/loss`));
    const found = await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/found`);
    assert.equal(found.status, 200);
    assert.equal((await json(await s.resolve("card", patron.cardNumber))).patron.id, patron.id);
    assert.equal((await s.resolve("card", lost.temporaryCardNumber)).status, 409);
    const again = await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/found`);
    assert.equal((await json(again)).error.code, "CARD_NOT_LOST");
  });

  test("one FeliCa chip per patron, unique in the system, found by its IDm however it is written", async () => {
    await s.at("2026-04-01");
    const first = await register(takarazukaResident(uniqueKana()));
    const second = await register(takarazukaResident(uniqueKana()));
    const idm = "0123456789abcdef";
    const linked = await s.post(`/patrons/${first.id}/felica`, { idm, idDocument: licence });
    assert.equal(linked.status, 201, await linked.clone().text());
    const taken = await s.post(`/patrons/${second.id}/felica`, {
      idm: "01:23:45:67:89:AB:CD:EF",
      idDocument: licence,
    });
    assert.equal(taken.status, 409);
    assert.equal((await json(taken)).error.code, "FELICA_ALREADY_REGISTERED");
    const another = await s.post(`/patrons/${first.id}/felica`, {
      idm: "FEDCBA9876543210",
      idDocument: licence,
    });
    assert.equal((await json(another)).error.code, "FELICA_LIMIT_REACHED");
    const bad = await s.post(`/patrons/${second.id}/felica`, { idm: "0123", idDocument: licence });
    assert.equal(bad.status, 422);
    assert.equal((await json(bad)).error.details.issues[0].code, "FELICA_IDM_FORMAT");
    const resolved = await json(await s.resolve("felica", "0123456789ABCDEF"));
    assert.equal(resolved.patron.id, first.id);

    // Unlinked, the chip identifies nobody and may be registered to someone else.
    const credentialId = resolved.patron.credentials[0].id;
    const unlinked = await t.request(`/api/v1/takarazuka/patrons/${first.id}/credentials/${credentialId}`, {
      method: "DELETE",
      token: s.token,
    });
    assert.equal(unlinked.status, 200);
    assert.equal((await s.resolve("felica", idm)).status, 404);
    assert.equal((await s.post(`/patrons/${second.id}/felica`, { idm, idDocument: licence })).status, 201);
  });

  test("LINE is linked only after a web password is set and when the names match", async () => {
    await s.at("2026-04-01");
    const patron = await register(
      takarazukaResident({
        familyName: "宝塚",
        givenName: "星子",
        familyNameKana: "タカラヅカ",
        givenNameKana: "ホシコ",
      }),
    );
    const userId = `U${"a".repeat(32)}`;
    const noPassword = await s.post(`/patrons/${patron.id}/line-link`, {
      idToken: `fake-line:${userId}:宝塚 星子`,
    });
    assert.equal((await json(noPassword)).error.code, "WEB_PASSWORD_REQUIRED");
    await s.setWebPassword(patron.id);
    const otherName = await s.post(`/patrons/${patron.id}/line-link`, {
      idToken: `fake-line:${userId}:山田 太郎`,
    });
    assert.equal((await json(otherName)).error.code, "LINE_NAME_MISMATCH");
    const badToken = await s.post(`/patrons/${patron.id}/line-link`, { idToken: "forged" });
    assert.equal((await json(badToken)).error.code, "LINE_TOKEN_INVALID");
    const linked = await s.post(`/patrons/${patron.id}/line-link`, {
      idToken: `fake-line:${userId}:ﾀｶﾗﾂﾞｶ ﾎｼｺ`,
    });
    assert.equal(linked.status, 201, await linked.clone().text());
    assert.equal((await json(await s.resolve("line", userId))).patron.id, patron.id);
  });

  test("a wide-area resident of Nishinomiya registers; a Nishinomiya worker does not", async () => {
    await s.at("2026-04-01");
    const address = { postalCode: "662-0918", prefecture: "兵庫県", city: "西宮市", street: "六湛寺町10-3" };
    const resident = await register(takarazukaResident({ ...uniqueKana(), municipality: "西宮市", address }));
    assert.equal((await s.patron(resident.id)).registrationKind, "wideArea");
    const worker = await s.post("/patrons", {
      ...takarazukaResident({ ...uniqueKana(), municipality: "大阪市", basis: "worker" }),
      address: { postalCode: "530-0001", prefecture: "大阪府", city: "大阪市北区", street: "梅田1-1" },
      workplaceOrSchool: { name: "西宮の会社", municipality: "西宮市", proofShown: true },
    });
    assert.equal(worker.status, 409);
    assert.equal((await json(worker)).error.details.reason, "wideAreaResidentsOnly");
  });
});
