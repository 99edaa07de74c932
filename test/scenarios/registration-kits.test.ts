import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { aomoriPreset } from "../../src/policies/aomori.ts";
import { registerAtCounter, residentOf, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 004 (青森県立図書館 オンライン利用者登録サービス): kits with pre-numbered blank cards printed in batches and
// handed to partner facilities; the applicant applies online with the kit's number, a photo of the card with the
// name written on it and of an identity document, and may apply for online lending at once; the library
// accepts within 1–3 days (older ones are shown), mails its acceptance, and the card in hand works from then.
describe("Aomori (004) registration kits", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let jpeg: Buffer;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "aomori");
    await s.at("2026-12-01");
    jpeg = await sharp({ create: { width: 16, height: 10, channels: 3, background: "#ccddee" } })
      .jpeg()
      .toBuffer();
  });
  after(() => t.close());

  const api = (path: string, init: Parameters<TestApp["request"]>[1] = {}) =>
    t.request(`/api/v1/aomori${path}`, init);
  const aomoriResident = () =>
    residentOf("青森市", "青森県", {
      familyName: "青森",
      ...uniqueKana(),
      address: { postalCode: "030-0801", prefecture: "青森県", city: "青森市", street: "新町1-1" },
    });

  async function printAndHandOver(count: number, facility = "partner-07") {
    const printed = await s.post("/kit-batches", { count });
    assert.equal(printed.status, 201, await printed.clone().text());
    const batch = await json(printed);
    const handed = await s.post(`/kit-batches/${batch.id}/hand-over`, { servicePoint: facility });
    assert.equal(handed.status, 200, await handed.clone().text());
    return batch as { id: number; numbers: string[] };
  }

  /** An applicant up to the point of submitting: verified address, form, photos as given. */
  async function draft(email: string, form: Record<string, unknown>, photos = ["front", "back", "card"]) {
    assert.equal((await api("/applications", { method: "POST", json: { email } })).status, 202);
    const mail = (await s.outbox()).find((m) => m.to === email)!;
    const key = /key=([\w-]+)/.exec(mail.text)![1];
    const { token } = await json(await api("/applications/verification", { method: "POST", json: { key } }));
    const { email: _e, ...details } = aomoriResident();
    const saved = await api("/applications/current", {
      method: "PUT",
      token,
      json: { procedure: "newRegistration", consent: true, form: { ...details, ...form } },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    for (const side of photos) {
      const res = await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token,
        body: new Uint8Array(jpeg),
      });
      assert.equal(res.status, 200);
    }
    return token as string;
  }
  const submit = (token: string) => api("/applications/current/submission", { method: "POST", token });

  test("a kit handed out, applied with, accepted: the card in hand is the patron's, online lending on", async () => {
    const batch = await printAndHandOver(3);
    assert.equal(batch.numbers.length, 3);
    assert.equal(new Set(batch.numbers).size, 3);
    const number = batch.numbers[1]!;
    const token = await draft("kit@example.jp", {
      kitNumber: number,
      nameWrittenOnCard: true,
      deliveryLending: true,
    });
    const res = await submit(token);
    assert.equal(res.status, 200, await res.clone().text());
    const application = await json(res);
    assert.equal(application.kitNumber, number);
    assert.deepEqual([...application.photos].sort(), ["back", "card", "front"]);

    const batches = await json(await api("/kit-batches", { token: s.token }));
    const listed = batches.batches.find((b: { id: number }) => b.id === batch.id);
    assert.equal(listed.servicePoint, "partner-07");
    assert.equal(listed.servicePointName.ja, "五所川原市立図書館");
    assert.equal(listed.pending, 1);

    const card = await api(`/applications/${application.id}/photos/card`, { token: s.token });
    assert.equal(card.status, 200);
    assert.equal(card.headers.get("content-type"), "image/jpeg");

    const decided = await s.post(`/applications/${application.id}/decision`, { decision: "approve" });
    assert.equal(decided.status, 200, await decided.clone().text());
    const row = await t.db.execute(sql`SELECT patron_id FROM applications WHERE id = ${application.id}`);
    const patron = await s.patron((row as { rows: { patron_id: string }[] }).rows[0]!.patron_id);
    assert.equal(patron.registeredVia, "kit");
    assert.equal(patron.cardNumber, number);
    assert.equal(patron.cards[0].physical, true);
    assert.equal(patron.preferences.deliveryLending, true);
    const mail = (await s.outbox()).find((m) => m.to === "kit@example.jp" && /受理/.test(m.subject))!;
    assert.match(mail.text, new RegExp(`番号 ${number}`));
    assert.match(mail.text, /オンライン貸出サービス/);
    const after = (await json(await api(`/kit-batches/${batch.id}`, { token: s.token }))).kits;
    assert.deepEqual(
      after.filter((k: { used: boolean }) => k.used).map((k: { number: string }) => k.number),
      [number],
    );
  });

  test("unknown, not yet handed out, used, and claimed numbers are refused; kit fields and the card photo are required", async () => {
    const printed = await json(await s.post("/kit-batches", { count: 2 }));
    const atLibrary = printed.numbers[0];
    const neverPrinted = completeNumber(aomoriPreset.policy.registration.cardNumber, 87_654_321);
    const typo = `${atLibrary.slice(0, -1)}${(Number(atLibrary.at(-1)) + 1) % 10}`;
    const cases: [Record<string, unknown>, string[] | undefined, number, string][] = [
      // a well-formed number no kit carries, and a kit's number with a typo in it
      [{ kitNumber: neverPrinted, nameWrittenOnCard: true }, undefined, 409, "KIT_NUMBER_UNKNOWN"],
      [{ kitNumber: typo, nameWrittenOnCard: true }, undefined, 422, "INVALID_BARCODE_CHECK_DIGIT"],
      [{ kitNumber: atLibrary, nameWrittenOnCard: true }, undefined, 409, "KIT_NUMBER_UNKNOWN"],
      [{ nameWrittenOnCard: true }, undefined, 422, "APPLICATION_INCOMPLETE"],
      [{ kitNumber: atLibrary, nameWrittenOnCard: false }, undefined, 422, "APPLICATION_INCOMPLETE"],
      [{ kitNumber: atLibrary, nameWrittenOnCard: true }, ["front", "back"], 422, "PHOTOS_REQUIRED"],
    ];
    let n = 0;
    for (const [form, photos, status, code] of cases) {
      const res = await submit(await draft(`refused${n++}@example.jp`, form, photos));
      const body = await json(res);
      assert.equal(res.status, status, `${code}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, code);
    }

    const batch = await printAndHandOver(1, "partner-50");
    const number = batch.numbers[0]!;
    assert.equal(
      (await submit(await draft("first@example.jp", { kitNumber: number, nameWrittenOnCard: true }))).status,
      200,
    );
    const second = await submit(
      await draft("second@example.jp", { kitNumber: number, nameWrittenOnCard: true }),
    );
    assert.equal(second.status, 409);
    assert.equal((await json(second)).error.code, "KIT_NUMBER_USED");
  });

  test("a renewal needs no kit (004: この場合「オンライン利用者登録セット」は必要ありません)", async () => {
    const resident = aomoriResident();
    const patron = await registerAtCounter(t, "aomori", s.token, resident);
    await t.db.execute(sql`UPDATE patrons SET expires_on = '2026-12-20' WHERE id = ${patron.id}`);
    const token = await draft(
      "renew-aomori@example.jp",
      { familyNameKana: resident.familyNameKana, givenNameKana: resident.givenNameKana },
      ["front", "back"],
    );
    await api("/applications/current", { method: "PUT", token, json: { procedure: "renewRegistration" } });
    const res = await submit(token);
    assert.equal(res.status, 200, await res.clone().text());
    const application = await json(res);
    assert.equal(application.kitNumber, null);
    assert.equal(
      (await s.post(`/applications/${application.id}/decision`, { decision: "approve" })).status,
      200,
    );
    assert.ok((await s.patron(patron.id)).expiresOn > "2026-12-20");
  });

  test("batches go only to partner facilities, once; printing needs an administrator; other systems have no kits", async () => {
    const batch = await json(await s.post("/kit-batches", { count: 1 }));
    const main = await s.post(`/kit-batches/${batch.id}/hand-over`, { servicePoint: "main" });
    assert.equal(main.status, 409);
    assert.equal((await json(main)).error.code, "KIT_FACILITY_NOT_PARTNER");
    assert.equal(
      (await s.post(`/kit-batches/${batch.id}/hand-over`, { servicePoint: "partner-01" })).status,
      200,
    );
    const twice = await s.post(`/kit-batches/${batch.id}/hand-over`, { servicePoint: "partner-02" });
    assert.equal((await json(twice)).error.code, "KIT_BATCH_ALREADY_HANDED_OVER");
    assert.equal((await s.post("/kit-batches", { count: 0 })).status, 422);
    assert.equal((await s.post("/kit-batches", { count: 501 })).status, 422);

    const kashiwa = await t.signIn("kashiwa");
    const res = await t.request("/api/v1/kashiwa/kit-batches", {
      method: "POST",
      token: kashiwa,
      json: { count: 1 },
    });
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "REGISTRATION_KITS_NOT_OFFERED");
  });
});
