import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import {
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
  userpageResident,
} from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("loan history and reading record pages", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  async function signedIn(system: string, body: Record<string, unknown>) {
    const staff = await t.signIn(system);
    const p = await registerAtCounter(t, system, staff, body);
    await signInOnWeb(t, system, p);
    const b = pageBrowser(t);
    await b.signIn(system, p.cardNumber, webPassword);
    return { b, p, staff };
  }

  test("the loan history starts only with consent, lists returns, deletes, and downloads as CSV", async () => {
    const { b, p, staff } = await signedIn("takarazuka", takarazukaResident(uniqueKana()));
    const off = (await b.page("/takarazuka/my/history")).html;
    assert.match(textOf(off), /ご本人が同意された場合のみ/);
    const noConsent = await b.post("/takarazuka/my/history/settings", { enabled: "yes" });
    assert.equal(noConsent.status, 422);
    const forged = await b.post("/takarazuka/my/history/settings", {
      enabled: "yes",
      consent: "yes",
      _csrf: "x",
    });
    assert.equal(forged.status, 403);
    const on = await b.post("/takarazuka/my/history/settings", { enabled: "yes", consent: "yes" });
    assert.equal(on.status, 303);

    const book = await stockTitle(t, "takarazuka", staff, [{ servicePoint: "central" }]);
    const send = (path: string, json: unknown) =>
      t.request(`/api/v1/takarazuka${path}`, { method: "POST", token: staff, json });
    await send("/loans", {
      credential: { kind: "card", value: p.cardNumber },
      itemBarcode: book.barcodes[0],
      servicePoint: "central",
    });
    await send("/returns", { itemBarcode: book.barcodes[0], servicePoint: "central" });
    const listed = (await b.page("/takarazuka/my/history")).html;
    assert.match(textOf(listed), /から貸出履歴を保存しています/);
    assert.match(textOf(listed), /予約試験資料/);
    const csv = await b.get("/takarazuka/my/history.csv");
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /予約試験資料/);
    const id = /\/my\/history\/(\d+)\/delete/.exec(listed)![1];
    const deleted = await b.post(`/takarazuka/my/history/${id}/delete`, {});
    assert.equal(deleted.status, 303);
    assert.match(textOf((await b.page(deleted.headers.get("location")!)).html), /保存された履歴はありません/);
  });

  test("the reading record: on, a goal with chart and table, and off only after confirming", async () => {
    const { b } = await signedIn("userpage", userpageResident({ ...uniqueKana() }));
    await b.page("/userpage/my/reading");
    assert.equal((await b.post("/userpage/my/reading/settings", { enabled: "yes" })).status, 303);
    let html = (await b.page("/userpage/my/reading")).html;
    assert.match(html, /<svg class="reading-chart"[^>]*role="img"/);
    assert.match(html, /<table class="reading-table"><caption>/);
    assert.equal((html.match(/<th scope="row">/g) ?? []).length, 12);
    const year = /action="\/userpage\/my\/reading\/goals\/(\d{4})"/.exec(html)![1];
    const goal = await b.post(`/userpage/my/reading/goals/${year}`, { goal: "24" });
    assert.equal(goal.status, 303);
    html = (await b.page("/userpage/my/reading")).html;
    assert.match(textOf(html), /目標 24 冊のうち 0 冊\(0%\)/);
    assert.match(html, /<progress max="24" value="0"/);
    const bad = await b.post(`/userpage/my/reading/goals/${year}`, { goal: "0" });
    assert.equal(bad.status, 422);

    const asked = await b.post("/userpage/my/reading/settings", { enabled: "no" });
    assert.equal(asked.status, 200);
    assert.match(textOf(await asked.text()), /読書記録をすべて削除しますか/);
    assert.match(
      textOf((await b.page("/userpage/my/reading")).html),
      /以降の貸出を記録しています/,
      "still on",
    );
    const off = await b.post("/userpage/my/reading/settings", { enabled: "no", confirm: "yes" });
    assert.equal(off.status, 303);
    assert.match(textOf((await b.page("/userpage/my/reading")).html), /読書記録は残していません/);
  });
});
