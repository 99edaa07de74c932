import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The kit pages (004): staff make a batch, print its NW-7 labels and record the partner facility it went to;
// the applicant's form asks for the kit's number, the name on the card and online lending, and a third photo.
describe("registration kit pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "aomori");
    await s.at("2026-12-01");
  });
  after(() => t.close());

  async function staff() {
    const b = pageBrowser(t);
    await b.page("/aomori/staff/sign-in");
    await b.post("/aomori/staff/sign-in", { username: "admin", password: "shiori-admin" });
    return b;
  }

  test("a batch made, its labels printed, handed to a partner facility", async () => {
    const b = await staff();
    assert.match(textOf((await b.page("/aomori/staff")).html), /オンライン利用者登録セット/);
    await b.page("/aomori/staff/registration-kits");
    const made = await b.post("/aomori/staff/registration-kits", { count: "3" });
    assert.equal(made.status, 303);
    const labels = await b.page(made.headers.get("location")!);
    assert.equal((labels.html.match(/<svg/g) ?? []).length, 3);
    assert.match(textOf(labels.html), /番号を割り当てました/);
    const list = await b.page("/aomori/staff/registration-kits");
    const action = /action="(\/aomori\/staff\/registration-kits\/\d+\/hand-over)"/.exec(list.html)![1]!;
    assert.match(list.html, /<option value="partner-59">新郷村 /);
    const handed = await b.post(action, { servicePoint: "partner-10" });
    assert.equal(handed.status, 303);
    const after = textOf((await b.page(handed.headers.get("location")!)).html);
    assert.match(after, /配布先を記録しました/);
    assert.match(after, /つがる市立図書館/);

    const refused = await b.post("/aomori/staff/registration-kits", { count: "0" });
    assert.equal(refused.status, 422);
  });

  test("the applicant's form asks for the kit; a mistyped number is shown beside its field", async () => {
    const email = "kitpage@example.jp";
    const applicant = pageBrowser(t);
    await applicant.page("/aomori/apply");
    await applicant.post("/aomori/apply", { email });
    const key = /key=([\w-]+)/.exec((await s.outbox()).find((m) => m.to === email)!.text)![1]!;
    await applicant.page(`/aomori/apply/continue?key=${key}`);
    assert.equal((await applicant.post("/aomori/apply/continue", { key })).status, 303);
    const form = await applicant.page("/aomori/apply/form");
    const text = textOf(form.html);
    assert.match(text, /オンライン利用者登録セット/);
    assert.match(text, /利用者カードに名前を書きました/);
    assert.match(text, /オンライン貸出サービスも申し込む/);
    assert.match(form.html, /action="\/aomori\/apply\/photos\/card"/);

    const kana = uniqueKana();
    const saved = await applicant.post("/aomori/apply/form", {
      consent: "on",
      procedure: "newRegistration",
      kitNumber: "A2000000000A", // as a scanner sends it: the NW-7 start and stop letters are dropped
      nameWrittenOnCard: "on",
      deliveryLending: "on",
      familyName: "青森",
      givenName: "申子",
      familyNameKana: kana.familyNameKana,
      givenNameKana: kana.givenNameKana,
      birthDate: "1990-01-01",
      "address.postalCode": "030-0801",
      "address.prefecture": "青森県",
      "address.city": "青森市",
      "address.street": "新町1-1",
      basis: "resident",
      municipality: "青森市",
      "idDocument.type": "driversLicence",
      "idDocument.showsCurrentAddress": "on",
    });
    assert.equal(saved.status, 303, await saved.clone().text());
    const token = applicant.jar.cookies.get("shiori_apply")!;
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    for (const side of ["front", "back", "card"]) {
      const res = await t.request(`/api/v1/aomori/applications/current/photos/${side}`, {
        method: "PUT",
        token,
        body: new Uint8Array(jpeg),
      });
      assert.equal(res.status, 200);
    }
    const current = await json(await t.request("/api/v1/aomori/applications/current", { token }));
    assert.equal(current.form.kitNumber, "2000000000");
    assert.equal(current.form.deliveryLending, true);
    await applicant.page("/aomori/apply/form");
    const submitted = await applicant.post("/aomori/apply/submit", {});
    assert.equal(submitted.status, 422);
    const html = await submitted.text();
    assert.match(html, /id="apply-kitNumber-error"/);
    assert.match(textOf(html), /チェックデジットが正しくありません/);
  });
});
