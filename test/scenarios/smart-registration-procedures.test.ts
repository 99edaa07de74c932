import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { kashiwaResident, registerAtCounter, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 002's other procedures (再発行, 有効期限更新, 登録内容変更, 電子図書館のパスワード): the applicant names their
// registration by the reading and birth date, shows the identity document, and the reviewer's approval performs
// the counter's procedure in the same transaction, mailing what was done.
describe("Kashiwa (002) smart registration for registered patrons", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let jpeg: Buffer;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "kashiwa");
    await s.at("2026-12-04");
    jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#abc" } })
      .jpeg()
      .toBuffer();
  });
  after(() => t.close());

  const api = (path: string, init: Parameters<TestApp["request"]>[1] = {}) =>
    t.request(`/api/v1/kashiwa${path}`, init);

  async function registered() {
    const kana = uniqueKana();
    const patron = await registerAtCounter(t, "kashiwa", s.token, kashiwaResident(kana));
    return { ...patron, ...kana };
  }

  async function apply(email: string, procedure: string, form: Record<string, unknown>) {
    await api("/applications", { method: "POST", json: { email } });
    const key = /key=([\w-]+)/.exec((await s.outbox()).find((m) => m.to === email)!.text)![1];
    const { token } = await json(await api("/applications/verification", { method: "POST", json: { key } }));
    const saved = await api("/applications/current", {
      method: "PUT",
      token,
      json: {
        procedure,
        consent: true,
        form: {
          birthDate: "1990-05-15",
          idDocument: { type: "driversLicence", expiresOn: "2030-01-01" },
          ...form,
        },
      },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, { method: "PUT", token, body: new Uint8Array(jpeg) });
    }
    return api("/applications/current/submission", { method: "POST", token });
  }

  async function approved(email: string, procedure: string, form: Record<string, unknown>) {
    const res = await apply(email, procedure, form);
    assert.equal(res.status, 200, await res.clone().text());
    const application = await json(res);
    const decided = await s.post(`/applications/${application.id}/decision`, { decision: "approve" });
    assert.equal(decided.status, 200, await decided.clone().text());
    return (await s.outbox()).find((m) => m.to === email && /完了/.test(m.subject))!;
  }

  test("a lost card reissued online: a new number on the smartphone, the old one replaced, mailed", async () => {
    const patron = await registered();
    const mail = await approved("reissue@example.jp", "reissue", {
      reissueReason: "lost",
      familyNameKana: patron.familyNameKana,
      givenNameKana: patron.givenNameKana,
    });
    const after = await s.patron(patron.id);
    assert.notEqual(after.cardNumber, patron.cardNumber);
    assert.match(mail.text, new RegExp(`新しい利用券番号: ${after.cardNumber}`));
    const old = after.cards.find((c: { number: string }) => c.number === patron.cardNumber);
    assert.equal(old.status, "replaced");
    assert.equal(after.cards.find((c: { number: string }) => c.number === after.cardNumber).physical, false);
  });

  test("a new name: the reading before the change names the patron; the card is reissued under the new name", async () => {
    const patron = await registered();
    const renamed = uniqueKana();
    await approved("rename@example.jp", "reissue", {
      reissueReason: "nameChange",
      previousFamilyNameKana: patron.familyNameKana,
      previousGivenNameKana: patron.givenNameKana,
      familyName: "新姓",
      givenName: "花子",
      ...renamed,
    });
    const after = await s.patron(patron.id);
    assert.equal(after.familyName, "新姓");
    assert.equal(after.familyNameKana, renamed.familyNameKana);
    assert.notEqual(after.cardNumber, patron.cardNumber);
  });

  test("renewal only from a month before expiry; then the expiry moves on", async () => {
    const patron = await registered();
    const early = await apply("early@example.jp", "renewRegistration", {
      familyNameKana: patron.familyNameKana,
      givenNameKana: patron.givenNameKana,
    });
    assert.equal(early.status, 409);
    assert.equal((await json(early)).error.code, "REGISTRATION_RENEWAL_TOO_EARLY");
    await t.db.execute(sql`UPDATE patrons SET expires_on = '2026-12-20' WHERE id = ${patron.id}`);
    const mail = await approved("renew@example.jp", "renewRegistration", {
      familyNameKana: patron.familyNameKana,
      givenNameKana: patron.givenNameKana,
    });
    const after = await s.patron(patron.id);
    assert.ok(after.expiresOn > "2026-12-20", after.expiresOn);
    assert.match(mail.text, new RegExp(after.expiresOn));
    assert.equal(after.cardNumber, patron.cardNumber, "a renewal keeps the card");
  });

  test("a change of address and phone; the e-library password reset is sent to the e-library", async () => {
    const patron = await registered();
    await approved("move@example.jp", "changeOfDetails", {
      familyNameKana: patron.familyNameKana,
      givenNameKana: patron.givenNameKana,
      address: { postalCode: "277-0852", prefecture: "千葉県", city: "柏市", street: "旭町2-2-2" },
      phone: "04-7100-0000",
      municipality: "柏市",
    });
    const after = await s.patron(patron.id);
    assert.equal(after.address.street, "旭町2-2-2");
    assert.equal(after.phone, "04-7100-0000");

    const mail = await approved("elib@example.jp", "forgotElibraryPassword", {
      familyNameKana: patron.familyNameKana,
      givenNameKana: patron.givenNameKana,
    });
    assert.match(mail.text, /電子図書館サービスのパスワードを初期化しました/);
    await t.runJobs();
    assert.ok(
      t.elibrary.calls.some(
        (c) => c.event.kind === "passwordReset" && c.event.cardNumber === patron.cardNumber,
      ),
    );
  });

  test("a reading and birth date that name no registration are refused; nothing is written", async () => {
    const res = await apply("nobody@example.jp", "renewRegistration", uniqueKana());
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "REGISTRATION_NOT_FOUND");
    const noReason = await apply("noreason@example.jp", "reissue", uniqueKana());
    assert.equal(noReason.status, 422);
    assert.deepEqual((await json(noReason)).error.details.missing, ["reissueReason"]);
  });
});
