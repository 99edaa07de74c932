import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { kashiwaResident, registerAtCounter, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The review pages: a question asked on the application's page, answered through the applicant's page, and a
// rejection with its reason; the applicant's status page.
describe("application pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "kashiwa");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  async function submitted(email: string) {
    const api = (path: string, init: Parameters<TestApp["request"]>[1] = {}) =>
      t.request(`/api/v1/kashiwa${path}`, init);
    await api("/applications", { method: "POST", json: { email } });
    const mail = (await s.outbox()).find((m) => m.to === email)!;
    const key = /key=([\w-]+)/.exec(mail.text)![1];
    const { token } = await json(await api("/applications/verification", { method: "POST", json: { key } }));
    const { email: _e, ...form } = kashiwaResident(uniqueKana());
    await api("/applications/current", {
      method: "PUT",
      token,
      json: { procedure: "newRegistration", consent: true, form },
    });
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, { method: "PUT", token, body: new Uint8Array(jpeg) });
    }
    return json(await api("/applications/current/submission", { method: "POST", token }));
  }

  test("a question asked on the review page is answered on the applicant's page; then rejected with a reason", async () => {
    const application = await submitted("pages@example.jp");
    const reviewer = pageBrowser(t);
    await reviewer.page("/kashiwa/staff/sign-in");
    await reviewer.post("/kashiwa/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const queue = textOf((await reviewer.page("/kashiwa/staff/applications")).html);
    assert.match(queue, new RegExp(application.receiptNumber));
    assert.match(queue, /経過\(開館日\)/);
    const base = `/kashiwa/staff/applications/${application.id}`;
    await reviewer.page(base);
    const asked = await reviewer.post(`${base}/inquiries`, { question: "勤務先を教えてください" });
    assert.equal(asked.status, 303);
    const mail = (await s.outbox()).find(
      (m) => m.to === "pages@example.jp" && /お問い合わせ/.test(m.subject),
    )!;
    const link = /\/kashiwa\/apply\/answer\?key=[\w-]+/.exec(mail.text)![0];
    const applicant = pageBrowser(t);
    await applicant.page(link);
    const key = /key=([\w-]+)/.exec(link)![1]!;
    const answered = await applicant.post("/kashiwa/apply/answer", { key, answer: "市内の会社です" });
    assert.equal(answered.status, 200);
    assert.match(textOf(await answered.text()), /回答を受け付けました/);
    const detail = textOf((await reviewer.page(base)).html);
    assert.match(detail, /勤務先を教えてください 回答: 市内の会社です/);
    const noReason = await reviewer.post(base, { decision: "reject", reason: "" });
    assert.equal(noReason.status, 409);
    const rejected = await reviewer.post(base, { decision: "reject", reason: "在勤の確認ができません" });
    assert.equal(rejected.status, 303);
    const status = textOf(
      (
        await pageBrowser(t).page(
          `/kashiwa/apply/status?receiptNumber=${application.receiptNumber}&email=pages@example.jp`,
        )
      ).html,
    );
    assert.match(status, /お受けできませんでした/);
  });

  test("the applicant's page offers the card-number reminder with only the name and birth date", async () => {
    const visitor = pageBrowser(t);
    await visitor.page("/kashiwa/apply");
    assert.equal((await visitor.post("/kashiwa/apply", { email: "reminder@example.jp" })).status, 200);
    const mail = (await s.outbox()).find((m) => m.to === "reminder@example.jp")!;
    const key = /key=([\w-]+)/.exec(mail.text)![1]!;
    await visitor.page(`/kashiwa/apply/continue?key=${key}`);
    assert.equal((await visitor.post("/kashiwa/apply/continue", { key })).status, 303);
    const form = await visitor.page("/kashiwa/apply/form");
    assert.match(textOf(form.html), /利用券番号が分からなくなってしまった/);
    const saved = await visitor.post("/kashiwa/apply/form", {
      procedure: "forgotCardNumber",
      consent: "on",
      familyName: "柏",
      givenName: "忘子",
      familyNameKana: "かしわ",
      givenNameKana: "ワスレコ",
      birthDate: "1990-05-15",
    });
    assert.equal(saved.status, 303, await saved.clone().text());
    const sent = await visitor.post("/kashiwa/apply/submit", {});
    assert.equal(sent.status, 409);
    assert.match(textOf(await sent.text()), /スマート登録された方が見つかりません/);
  });

  test("a reissue for a new name on the applicant's page: the earlier reading names the patron", async () => {
    const before = uniqueKana();
    const patron = await registerAtCounter(t, "kashiwa", s.token, kashiwaResident(before));
    const visitor = pageBrowser(t);
    await visitor.page("/kashiwa/apply");
    await visitor.post("/kashiwa/apply", { email: "newname@example.jp" });
    const key = /key=([\w-]+)/.exec((await s.outbox()).find((m) => m.to === "newname@example.jp")!.text)![1]!;
    await visitor.page(`/kashiwa/apply/continue?key=${key}`);
    await visitor.post("/kashiwa/apply/continue", { key });
    const form = textOf((await visitor.page("/kashiwa/apply/form")).html);
    for (const offered of [
      "再発行",
      "有効期限の更新",
      "登録内容の変更",
      "電子図書館サービス」のパスワード",
      "変更前のセイ",
    ]) {
      assert.ok(form.includes(offered), offered);
    }
    const after = uniqueKana();
    const fields = {
      procedure: "reissue",
      reissueReason: "nameChange",
      consent: "on",
      previousFamilyNameKana: before.familyNameKana,
      previousGivenNameKana: before.givenNameKana,
      familyName: "新柏",
      givenName: "花子",
      familyNameKana: after.familyNameKana,
      givenNameKana: after.givenNameKana,
      birthDate: "1990-05-15",
      "idDocument.type": "driversLicence",
      "idDocument.showsCurrentAddress": "on",
    };
    const wrong = await visitor.post("/kashiwa/apply/form", {
      ...fields,
      previousFamilyNameKana: "ダレデモナイ",
    });
    assert.equal(wrong.status, 303);
    const token = visitor.jar.cookies.get("shiori_apply")!;
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    for (const side of ["front", "back"]) {
      await t.request(`/api/v1/kashiwa/applications/current/photos/${side}`, {
        method: "PUT",
        token,
        body: new Uint8Array(jpeg),
      });
    }
    await visitor.page("/kashiwa/apply/form");
    const refused = await visitor.post("/kashiwa/apply/submit", {});
    assert.equal(refused.status, 409);
    const html = await refused.text();
    assert.match(html, /id="apply-familyNameKana-error"/);
    assert.match(textOf(html), /ご登録が見つかりません/);

    assert.equal((await visitor.post("/kashiwa/apply/form", fields)).status, 303);
    await visitor.page("/kashiwa/apply/form");
    assert.equal((await visitor.post("/kashiwa/apply/submit", {})).status, 303);
    // 002: 入力内容を印刷する — the receipt shows what was sent, to print
    const receipt = textOf((await visitor.page("/kashiwa/apply/receipt")).html);
    assert.match(receipt, /入力内容/);
    assert.match(receipt, /再発行\(紛失・氏名の変更\)/);
    assert.match(receipt, /氏名が変わった/);
    assert.match(receipt, /新柏 花子/);
    assert.match(receipt, /運転免許証/);
    const application = (await json(await t.request("/api/v1/kashiwa/applications/current", { token }))) as {
      id: string;
      form: { reissueReason: string; previousFamilyNameKana: string };
    };
    assert.equal(application.form.reissueReason, "nameChange");
    assert.equal(application.form.previousFamilyNameKana, before.familyNameKana);
    assert.equal(
      (await s.post(`/applications/${application.id}/decision`, { decision: "approve" })).status,
      200,
    );
    const renamed = await s.patron(patron.id);
    assert.equal(renamed.familyName, "新柏");
    assert.notEqual(renamed.cardNumber, patron.cardNumber);
  });

  test("the review pages are for reviewers; the applicant's form asks for the link again without a session", async () => {
    assert.equal((await t.request("/kashiwa/staff/applications")).status, 303);
    const res = await t.request("/kashiwa/apply/form");
    assert.equal(res.status, 401);
    assert.match(textOf(await res.text()), /メールで届いたリンクを開き直してください/);
    const hiratsuka = textOf((await pageBrowser(t).page("/userpage/apply")).html);
    assert.match(hiratsuka, /ホームページからの利用申請を受け付けていません/);
  });
});
