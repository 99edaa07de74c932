import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The reference service's pages (001 調べもの): the public web form and the staff desk that answers.
describe("reference pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  test("a patron asks on the web; staff start, answer and decline on the desk; the answer is mailed", async () => {
    const home = await pageBrowser(t).page("/takarazuka");
    assert.ok(home.html.includes('href="/takarazuka/reference"'), "the home page leads to the form");
    const visitor = pageBrowser(t);
    const form = await visitor.page("/takarazuka/reference");
    const formText = textOf(form.html);
    assert.match(formText, /お答えできないもの/);
    assert.match(formText, /学校の宿題/);
    const missing = await visitor.post("/takarazuka/reference", {
      askerName: "宝塚 太郎",
      email: "",
      question: "x",
    });
    assert.equal(missing.status, 422);
    assert.match(textOf(await missing.text()), /入力内容に誤りがあります/);
    const sent = await visitor.post("/takarazuka/reference", {
      askerName: "宝塚 太郎",
      email: "taro@example.jp",
      question: "手塚治虫の生家の場所を知りたい。",
    });
    assert.equal(sent.status, 303);
    const done = textOf((await visitor.page(sent.headers.get("location")!)).html);
    assert.match(done, /受付番号は \d+ です/);

    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const desk = await staff.page("/takarazuka/staff/reference");
    assert.match(textOf(desk.html), /手塚治虫の生家/);
    const id = /\/staff\/reference\/(\d+)"/.exec(desk.html)?.[1];
    assert.ok(id);
    assert.equal(
      (await staff.post(`/takarazuka/staff/reference/${id}`, { status: "inProgress" })).status,
      303,
    );
    const answered = await staff.post(`/takarazuka/staff/reference/${id}`, {
      status: "answered",
      answer: "宝塚市御殿山です。",
      sources: "『手塚治虫と宝塚』",
    });
    assert.equal(answered.status, 303);
    const answeredView = textOf((await staff.page("/takarazuka/staff/reference?view=answered")).html);
    assert.match(answeredView, /回答: 宝塚市御殿山です。/);
    const mail = (await s.outbox()).find((m) => m.to === "taro@example.jp" && /回答/.test(m.subject));
    assert.ok(mail);

    const taken = await staff.post("/takarazuka/staff/reference", {
      channel: "referenceCorner",
      servicePoint: "west",
      question: "懸賞クイズの答えを知りたい",
    });
    assert.equal(taken.status, 303);
    const open = await staff.page("/takarazuka/staff/reference");
    const quizId = [...open.html.matchAll(/\/staff\/reference\/(\d+)"/g)].map((m) => m[1]).at(-1);
    const twice = await staff.post(`/takarazuka/staff/reference/${id}`, { status: "inProgress" });
    assert.equal(twice.status, 409);
    assert.match(textOf(await twice.text()), /今の状態からその状態には変えられません/);
    const declined = await staff.post(`/takarazuka/staff/reference/${quizId}`, {
      status: "declined",
      declinedKind: "quiz",
    });
    assert.equal(declined.status, 303);
    assert.match(
      textOf((await staff.page("/takarazuka/staff/reference?view=declined")).html),
      /種類: クイズ・懸賞の解答/,
    );
  });

  test("a library without the service says so and offers no form", async () => {
    const page = await pageBrowser(t).page("/kashiwa/reference");
    assert.match(textOf(page.html), /ホームページからの調べもののご相談は受け付けていません/);
    assert.ok(!page.html.includes('name="question"'));
    const home = await pageBrowser(t).page("/kashiwa");
    assert.ok(!home.html.includes('href="/kashiwa/reference"'));
  });
});
