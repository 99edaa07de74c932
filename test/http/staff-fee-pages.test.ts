import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The counter's fee pages (001): a photocopy taken with the art. 31 checklist, its receipt, the day's ledger
// with totals per service point, and a refund with its reason.
describe("staff fee pages", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ testClock: true });
    await (await scenario(t, "takarazuka")).at("2026-12-04");
  });
  after(() => t.close());

  async function staff() {
    const b = pageBrowser(t);
    await b.page("/takarazuka/staff/sign-in");
    await b.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    return b;
  }
  const confirmedAll = (fields: Record<string, string>): [string, string][] => [
    ...Object.entries(fields),
    ["confirmed", "forResearch"],
    ["confirmed", "onePerPerson"],
    ["confirmed", "withinScope"],
  ];

  test("sign-in is required", async () => {
    const res = await t.request("/takarazuka/staff/photocopies");
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /\/takarazuka\/staff\/sign-in$/);
  });

  test("a photocopy: refused with the rule, then taken; the receipt shows the lines and the amount", async () => {
    const b = await staff();
    const menu = await b.page("/takarazuka/staff");
    assert.ok(menu.html.includes('href="/takarazuka/staff/photocopies"'), "on the staff menu");
    const form = await b.page("/takarazuka/staff/photocopies");
    assert.match(textOf(form.html), /白黒1枚10円、カラー1枚30円/);
    assert.match(textOf(form.html), /調査研究のための複写です。/);

    const unconfirmed = await b.post("/takarazuka/staff/photocopies", {
      servicePoint: "central",
      title: "宝塚市史",
      scope: "partOfWork",
      monoPages: "4",
    });
    assert.equal(unconfirmed.status, 409);
    const refusedHtml = await unconfirmed.text();
    assert.match(textOf(refusedHtml), /確認事項.*すべてにご確認/);
    assert.ok(refusedHtml.includes('value="宝塚市史"'), "the form keeps its values");

    const currentIssue = await b.post(
      "/takarazuka/staff/photocopies",
      confirmedAll({
        servicePoint: "central",
        title: "週刊誌",
        periodical: "yes",
        currentIssue: "yes",
        scope: "wholeArticle",
        monoPages: "2",
      }),
    );
    assert.equal(currentIssue.status, 409);
    assert.match(textOf(await currentIssue.text()), /最新号の雑誌は、記事全体を複写できません/);

    const taken = await b.post(
      "/takarazuka/staff/photocopies",
      confirmedAll({
        servicePoint: "west",
        title: "宝塚市史 第2巻",
        scope: "partOfWork",
        pagesDescription: "p.10-21",
        monoPages: "12",
        colourPages: "3",
      }),
    );
    assert.equal(taken.status, 303);
    const receipt = await b.page(taken.headers.get("location")!);
    const text = textOf(receipt.html);
    assert.match(text, /領収書/);
    assert.match(text, /宝塚市史 第2巻 \(p\.10-21\)/);
    assert.match(text, /12 × 10円/);
    assert.match(text, /3 × 30円/);
    assert.match(text, /210円/);
    assert.match(text, /西図書館/);
  });

  test("the ledger: totals per service point, a refund with a reason, refusals shown", async () => {
    const b = await staff();
    await b.page("/takarazuka/staff/photocopies");
    await b.post(
      "/takarazuka/staff/photocopies",
      confirmedAll({ servicePoint: "central", title: "郷土資料", scope: "partOfWork", monoPages: "5" }),
    );
    const ledger = await b.page("/takarazuka/staff/fees?date=2026-12-04");
    const text = textOf(ledger.html);
    assert.match(text, /中央図書館 複写料金 1 50円 0円 50円/);
    const entryId = [...ledger.html.matchAll(/\/staff\/fees\/(\d+)\/refund/g)].at(-1)?.[1];
    assert.ok(entryId);
    const noReason = await b.post(`/takarazuka/staff/fees/${entryId}/refund`, {
      day: "2026-12-04",
      reason: "",
    });
    assert.equal(noReason.status, 409);
    const tooMuch = await b.post(`/takarazuka/staff/fees/${entryId}/refund`, {
      day: "2026-12-04",
      reason: "誤り",
      amountYen: "99999",
    });
    assert.equal(tooMuch.status, 409);
    assert.match(textOf(await tooMuch.text()), /返金額が、受け取った額/);
    const refunded = await b.post(`/takarazuka/staff/fees/${entryId}/refund`, {
      day: "2026-12-04",
      reason: "重複して記録",
    });
    assert.equal(refunded.status, 303);
    const after = textOf((await b.page(refunded.headers.get("location")!)).html);
    assert.match(after, /記録しました。/);
    assert.match(after, new RegExp(`No\\.${entryId} の返金: 重複して記録`));
    assert.match(after, /合計 260円 50円 210円/);
  });

  test("postage recorded from the ledger page, with its receipt", async () => {
    const b = await staff();
    await b.page("/takarazuka/staff/fees");
    const bad = await b.post("/takarazuka/staff/fees/postage", {
      kind: "postalLoanPostage",
      servicePoint: "west",
      amountYen: "0",
    });
    assert.equal(bad.status, 409);
    const made = await b.post("/takarazuka/staff/fees/postage", {
      kind: "postalLoanPostage",
      servicePoint: "west",
      amountYen: "720",
      reference: "ゆうパック",
    });
    assert.equal(made.status, 303);
    const receipt = textOf((await b.page(made.headers.get("location")!)).html);
    assert.match(receipt, /郵送貸出の送料/);
    assert.match(receipt, /720円/);
  });

  test("a form posted without the CSRF token is refused", async () => {
    const b = await staff();
    const res = await b.post("/takarazuka/staff/photocopies", { _csrf: "x".repeat(43), title: "x" });
    assert.equal(res.status, 403);
  });
});
