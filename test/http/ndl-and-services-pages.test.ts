import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The NDL desk (001) from application to hand-over, and the public services page drawn from the policy.
describe("NDL desk and library services pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-12");
  });
  after(() => t.close());

  test("the services page states the fees, terminals, the NDL rules and the reference service", async () => {
    const page = textOf((await pageBrowser(t).page("/takarazuka/services")).html);
    assert.match(page, /白黒1枚10円、カラー1枚30円/);
    assert.match(page, /宝塚市立中央図書館: 2台/);
    assert.match(page, /宝塚市立西図書館: 1台/);
    assert.match(page, /データのダウンロードはできません。/);
    assert.match(page, /お一人1日60分まで/);
    assert.match(page, /学校の宿題/);
    const kashiwa = textOf((await pageBrowser(t).page("/kashiwa/services")).html);
    assert.doesNotMatch(kashiwa, /インターネット検索用端末/);
    assert.doesNotMatch(kashiwa, /デジタル送信サービス/);
  });

  test("staff take an application, refuse one without the rules, ask for prints and hand them over later", async () => {
    const p = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    await staff.page("/takarazuka/staff/ndl");
    const noRules = await staff.post("/takarazuka/staff/ndl", {
      servicePoint: "central",
      cardNumber: p.cardNumber,
      minutes: "60",
    });
    assert.equal(noRules.status, 409);
    assert.match(textOf(await noRules.text()), /注意事項.*への同意が必要です/);
    const accepted = [
      ["servicePoint", "central"],
      ["cardNumber", p.cardNumber],
      ["minutes", "60"],
      ["accepted", "noDownload"],
      ["accepted", "noScreenCopy"],
      ["accepted", "noPhotographs"],
      ["accepted", "printsByStaff"],
    ] as [string, string][];
    const taken = await staff.post("/takarazuka/staff/ndl", accepted);
    assert.equal(taken.status, 303);
    const desk = await staff.page("/takarazuka/staff/ndl");
    assert.match(textOf(desk.html), new RegExp(`${p.cardNumber} · 60分`));
    const again = await staff.post(
      "/takarazuka/staff/ndl",
      accepted.map(([k, v]) => [k, k === "minutes" ? "5" : v]) as [string, string][],
    );
    assert.equal(again.status, 409);
    assert.match(textOf(await again.text()), /利用時間はお一人1日の上限まで/);

    const sessionId = /\/staff\/ndl\/sessions\/(\d+)\/prints/.exec(desk.html)?.[1];
    const asked = await staff.post(`/takarazuka/staff/ndl/sessions/${sessionId}/prints`, [
      ["title", "官報"],
      ["monoPages", "6"],
      ["confirmed", "forResearch"],
      ["confirmed", "onePerPerson"],
      ["confirmed", "withinScope"],
    ]);
    assert.equal(asked.status, 303);
    const waiting = await staff.page("/takarazuka/staff/ndl");
    assert.match(textOf(waiting.html), /官報 · .* · 60円 · お渡し日: 2026年12月13日/);
    const printId = /\/staff\/ndl\/prints\/(\d+)\/hand-over/.exec(waiting.html)?.[1];
    const early = await staff.post(`/takarazuka/staff/ndl/prints/${printId}/hand-over`, {});
    assert.equal(early.status, 409);
    assert.match(textOf(await early.text()), /複写物のお渡しは後日です/);

    await s.at("2026-12-13");
    const staffNext = pageBrowser(t);
    await staffNext.page("/takarazuka/staff/sign-in");
    await staffNext.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    await staffNext.page("/takarazuka/staff/ndl");
    const handed = await staffNext.post(`/takarazuka/staff/ndl/prints/${printId}/hand-over`, {});
    assert.equal(handed.status, 303);
    const receipt = textOf((await staffNext.page(handed.headers.get("location")!)).html);
    assert.match(receipt, /領収書/);
    assert.match(receipt, /デジタル化資料の複写/);
    assert.match(receipt, /60円/);
  });
});
