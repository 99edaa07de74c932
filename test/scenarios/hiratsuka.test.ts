import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { hiratsukaResident, registerAtCounter, uniqueKana } from "../support/patron-fixtures.ts";
import { licence, scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 000 (平塚市図書館): 5-year validity, the My Number card link in person only with the monthly automatic
// renewal (not for workers and students living outside the city), deletion a set time after expiry, proxies.
describe("Hiratsuka (000) patrons", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  const register = (body: Record<string, unknown>) => registerAtCounter(t, "hiratsuka", s.token, body);
  const cardFace = (birthDate = "1990-05-15") => ({
    name: "平塚 花子",
    address: "神奈川県平塚市浅間町12-41",
    birthDate,
  });
  const link = (patronId: string, cardId: string, extra: Record<string, unknown> = {}) =>
    s.post(`/patrons/${patronId}/my-number-link`, {
      userCertificate: `fake-cert:${cardId}`,
      cardFace: cardFace(),
      termsAccepted: true,
      ...extra,
    });
  const tokyoWorker = () =>
    hiratsukaResident({
      ...uniqueKana(),
      basis: "worker",
      municipality: "千代田区",
      address: { postalCode: "100-0001", prefecture: "東京都", city: "千代田区", street: "千代田1-1" },
      workplaceOrSchool: { name: "平塚市役所", municipality: "平塚市", proofShown: true },
    });

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "hiratsuka");
  });
  after(() => t.close());

  test("a registration is valid for 5 years, up to the day before the fifth anniversary", async () => {
    await s.at("2026-04-10");
    const patron = await register(hiratsukaResident(uniqueKana()));
    assert.equal(patron.expiresOn, "2031-04-09");
    await s.at("2031-03-09");
    const early = await s.post(`/patrons/${patron.id}/registration-renewals`, { idDocument: licence });
    assert.equal((await json(early)).error.details.opensOn, "2031-03-10");
    await s.at("2031-03-10");
    const renewed = await json(
      await s.post(`/patrons/${patron.id}/registration-renewals`, { idDocument: licence }),
    );
    assert.equal(renewed.expiresOn, "2036-04-09");
  });

  test("the My Number card is linked in person only, with a user certificate and the platform's terms", async () => {
    await s.at("2026-04-01");
    const patron = await register(hiratsukaResident(uniqueKana()));
    const proxy = {
      name: "代理 一郎",
      idDocumentType: "driversLicence",
      broughtPatronCard: true,
      letterOfAttorney: true,
      patronIdDocumentShown: true,
    };
    assert.equal((await json(await link(patron.id, "c1", { proxy }))).error.code, "NOT_IN_PERSON");
    const faceOnly = await link(patron.id, "x", { userCertificate: null });
    assert.equal((await json(faceOnly)).error.code, "NO_USER_CERTIFICATE");
    assert.equal(
      (await json(await link(patron.id, "c1", { termsAccepted: false }))).error.code,
      "MY_NUMBER_TERMS_NOT_ACCEPTED",
    );
    const otherPerson = await link(patron.id, "c1", { cardFace: cardFace("1991-01-01") });
    assert.equal((await json(otherPerson)).error.code, "MY_NUMBER_DETAILS_MISMATCH");

    const linked = await link(patron.id, "c1");
    assert.equal(linked.status, 201, await linked.clone().text());
    const view = (await json(linked)).patron;
    assert.equal(view.credentials[0].kind, "mynumber");
    assert.equal(view.credentials[0].value, null, "the platform identifier is not shown");
    assert.equal((await json(await s.resolve("mynumber", "mkp-hiratsuka-c1"))).patron.id, patron.id);
    assert.equal((await json(await link(patron.id, "c2"))).error.code, "MY_NUMBER_ALREADY_LINKED");

    // A lost My Number card is unlinked; a new one can be linked.
    const unlink = await t.request(
      `/api/v1/hiratsuka/patrons/${patron.id}/credentials/${view.credentials[0].id}?reason=lost`,
      { method: "DELETE", token: s.token },
    );
    assert.equal(unlink.status, 200);
    assert.equal((await s.resolve("mynumber", "mkp-hiratsuka-c1")).status, 404);
    assert.equal((await link(patron.id, "c2")).status, 201);
  });

  test("the monthly job extends to one year after the check, except workers living outside the city", async () => {
    await s.at("2026-04-01");
    const resident = await register(hiratsukaResident(uniqueKana()));
    const worker = await register(tokyoWorker());
    const revoked = await register(hiratsukaResident({ ...uniqueKana(), email: "revoked@example.jp" }));
    const noSignature = await register(hiratsukaResident(uniqueKana()));
    assert.equal((await link(resident.id, "resident")).status, 201);
    assert.equal((await link(worker.id, "worker")).status, 201);
    assert.equal((await link(revoked.id, "x-sigrevoked")).status, 201);
    assert.equal((await link(noSignature.id, "x-nosig")).status, 201);

    // Early on the 5-year validity is longer than a year: nothing is shortened.
    await s.at("2026-05-01");
    await s.runJob("myNumberRenewal");
    assert.equal((await s.patron(resident.id)).expiresOn, "2031-03-31");

    await s.at("2031-03-01");
    const report = (await s.runJob("myNumberRenewal")).hiratsuka;
    // The worker and the card without a signature certificate are not checked; the revoked one fails.
    assert.ok(report.extended >= 1 && report.excluded >= 2 && report.failed >= 1, JSON.stringify(report));
    assert.equal((await s.patron(resident.id)).expiresOn, "2032-03-01");
    assert.equal((await s.patron(worker.id)).expiresOn, "2031-03-31");
    assert.equal((await s.patron(revoked.id)).expiresOn, "2031-03-31");
    const mail = (await s.outbox()).filter((m) => m.to === "revoked@example.jp");
    assert.equal(mail.length, 1, "mailed once, when the check first failed");
    assert.match(mail[0]!.text, /カウンターで更新/);
    await s.at("2031-04-01");
    await s.runJob("myNumberRenewal");
    assert.equal(
      (await s.outbox()).filter((m) => m.to === "revoked@example.jp").length,
      1,
      "not mailed again",
    );
  });

  test("a registration is deleted with its cards a year after expiry, and the deletion is audited", async () => {
    await s.at("2026-04-01");
    const patron = await register(hiratsukaResident(uniqueKana()));
    assert.equal(patron.expiresOn, "2031-03-31");
    await s.at("2031-04-01");
    await s.runJob("expireRegistrations");
    assert.equal((await s.patron(patron.id)).status, "expired");
    await s.at("2032-03-29");
    await s.runJob("purgeExpiredRegistrations");
    assert.equal((await s.patron(patron.id)).status, "expired");
    await s.at("2032-03-30");
    const purged = await s.runJob("purgeExpiredRegistrations");
    assert.ok(purged.hiratsuka >= 1);
    const gone = await t.request(`/api/v1/hiratsuka/patrons/${patron.id}`, { token: s.token });
    assert.equal(gone.status, 404);
    assert.equal((await s.resolve("card", patron.cardNumber)).status, 404);
    const { sql } = await import("drizzle-orm");
    const audit = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patron.purge' AND subject_id = ${patron.id}`,
    );
    assert.equal((audit as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
    await t.runJobs();
    assert.ok(
      t.elibrary.calls.some((c) => c.event.kind === "unregister" && c.event.cardNumber === patron.cardNumber),
      "the e-library account goes with the registration",
    );
  });

  test("a move out of the city ends the registration today; a move to Oiso makes a wide-area patron", async () => {
    await s.at("2026-04-01");
    const patron = await register(hiratsukaResident(uniqueKana()));
    const toOiso = await t.request(`/api/v1/hiratsuka/patrons/${patron.id}`, {
      method: "PATCH",
      token: s.token,
      json: {
        municipality: "大磯町",
        address: { postalCode: "255-0003", prefecture: "神奈川県", city: "中郡大磯町", street: "大磯1" },
        idDocument: licence,
      },
    });
    assert.equal(toOiso.status, 200, await toOiso.clone().text());
    const moved = await json(toOiso);
    assert.equal(moved.eligibility.kind, "wideArea");
    assert.equal(moved.patron.registrationKind, "wideArea");
    const toYokohama = await json(
      await t.request(`/api/v1/hiratsuka/patrons/${patron.id}`, {
        method: "PATCH",
        token: s.token,
        json: {
          municipality: "横浜市",
          address: {
            postalCode: "231-0005",
            prefecture: "神奈川県",
            city: "横浜市中区",
            street: "本町6-50-10",
          },
          idDocument: licence,
        },
      }),
    );
    assert.deepEqual(toYokohama.eligibility.consequences, ["registrationEnds"]);
    assert.equal(toYokohama.patron.expiresOn, "2026-04-01");
    const noDocument = await t.request(`/api/v1/hiratsuka/patrons/${patron.id}`, {
      method: "PATCH",
      token: s.token,
      json: { phone: "0463-00-0000", idDocument: { type: "pointCard" } },
    });
    assert.equal((await json(noDocument)).error.code, "ID_DOCUMENT_NOT_ACCEPTED");
  });

  test("a reissue changes the number and tells the e-library; a proxy with only a letter is refused", async () => {
    await s.at("2026-04-01");
    const patron = await register(hiratsukaResident(uniqueKana()));
    await s.post(`/patrons/${patron.id}/cards/${patron.cardNumber}/loss`);
    const letterOnly = await s.post(`/patrons/${patron.id}/cards`, {
      reason: "lost",
      proxy: {
        name: "代理 一郎",
        idDocumentType: "driversLicence",
        broughtPatronCard: false,
        letterOfAttorney: true,
        patronIdDocumentShown: false,
      },
    });
    assert.equal((await json(letterOnly)).error.code, "PROXY_NEEDS_CARD");
    // Showing an identity document is optional for a reissue (000).
    const reissued = await json(await s.post(`/patrons/${patron.id}/cards`, { reason: "lost" }));
    assert.notEqual(reissued.cardNumber, patron.cardNumber);
    await t.runJobs();
    assert.ok(
      t.elibrary.calls.some(
        (c) =>
          c.event.kind === "cardNumberChanged" &&
          c.event.cardNumber === reissued.cardNumber &&
          c.event.previousCardNumber === patron.cardNumber,
      ),
    );
  });
});
