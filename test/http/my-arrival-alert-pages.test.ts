import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("new-arrival mail pages", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("keywords added and removed through the page; a patron without an address is told; CSRF refused", async () => {
    const staff = await t.signIn("takarazuka");
    const p = await registerAtCounter(
      t,
      "takarazuka",
      staff,
      takarazukaResident({ ...uniqueKana(), email: null }),
    );
    await signInOnWeb(t, "takarazuka", p);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    const page = textOf((await b.page("/takarazuka/my/alerts")).html);
    assert.match(page, /毎週月曜日にメールでお知らせします/);
    assert.match(page, /メールアドレスが登録されていません/);
    const refused = await b.post("/takarazuka/my/alerts", { kind: "keyword", value: "ねこ" });
    assert.equal(refused.status, 409, "EMAIL_REQUIRED");

    const withMail = await registerAtCounter(t, "takarazuka", staff, takarazukaResident(uniqueKana()));
    await signInOnWeb(t, "takarazuka", withMail);
    const c = pageBrowser(t);
    await c.signIn("takarazuka", withMail.cardNumber, webPassword);
    await c.page("/takarazuka/my/alerts");
    assert.equal(
      (await c.post("/takarazuka/my/alerts", { kind: "keyword", value: "ねこ", _csrf: "x" })).status,
      403,
    );
    const added = await c.post("/takarazuka/my/alerts", { kind: "keyword", value: "ねこ" });
    assert.equal(added.status, 303);
    const html = (await c.page("/takarazuka/my/alerts")).html;
    assert.match(textOf(html), /キーワード: ねこ/);
    const remove = /action="(\/takarazuka\/my\/alerts\/\d+\/remove)"/.exec(html)![1]!;
    assert.equal((await c.post(remove, {})).status, 303);
    assert.match(textOf((await c.page("/takarazuka/my/alerts")).html), /登録された条件はありません/);
  });

  test("an unknown unsubscribe key is refused in words", async () => {
    const b = pageBrowser(t);
    await b.page("/takarazuka/arrival-alerts/unsubscribe?token=unknown-token-0123456789");
    const res = await b.post("/takarazuka/arrival-alerts/unsubscribe", { token: "unknown-token-0123456789" });
    assert.equal(res.status, 410);
    assert.match(textOf(await res.text()), /期限切れか、すでに使われています/);
  });
});
