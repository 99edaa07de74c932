import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("my lists pages", () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
  });
  after(() => t.close());

  async function signedIn() {
    const p = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    await signInOnWeb(t, "takarazuka", p);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    return b;
  }

  test("the record page offers sign-in to a visitor and the lists to a patron; a book goes on and off", async () => {
    const { recordId } = await stockTitle(t, "takarazuka", token, [{ servicePoint: "central" }]);
    const record = `/takarazuka/records/${recordId}`;
    const visitor = await pageBrowser(t).page(record);
    assert.ok(visitor.html.includes(`/takarazuka/login?next=${encodeURIComponent(record)}`));
    assert.match(visitor.html, /ログインしてリストに追加/);

    const b = await signedIn();
    const page = (await b.page(record)).html;
    for (const list of ["favourites", "wantToRead", "haveRead"]) {
      assert.ok(page.includes(`action="/takarazuka/my/lists/${list}/${recordId}"`), list);
    }
    assert.equal(page.includes("/my/lists/readLater/"), false, "001 has no read-later list");

    const forged = await b.post(`/takarazuka/my/lists/favourites/${recordId}`, {
      _csrf: "forged",
      return: record,
    });
    assert.equal(forged.status, 403);
    const added = await b.post(`/takarazuka/my/lists/favourites/${recordId}`, { return: record });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get("location"), `${record}?listed=1#my-lists-block`);
    const after = (await b.page(`${record}?listed=1`)).html;
    assert.ok(after.includes(`action="/takarazuka/my/lists/favourites/${recordId}/remove"`));
    assert.match(textOf(after), /リストを更新しました/);

    const mine = textOf((await b.page("/takarazuka/my/lists")).html);
    assert.match(mine, /お気に入り \(1\)/);
    assert.match(mine, /予約試験資料/);
  });

  test("My bookshelf on the lists page: comment, move to 'have read', remove", async () => {
    const { recordId } = await stockTitle(t, "takarazuka", token, [{ servicePoint: "central" }]);
    const b = await signedIn();
    await b.page("/takarazuka/my/lists");
    await b.post(`/takarazuka/my/lists/wantToRead/${recordId}`, { return: "/takarazuka/my/lists" });
    const commented = await b.post(`/takarazuka/my/lists/wantToRead/${recordId}`, {
      comment: "夏休みに読む",
      return: "/takarazuka/my/lists",
    });
    assert.equal(commented.headers.get("location"), "/takarazuka/my/lists?saved=1");
    let html = (await b.page("/takarazuka/my/lists")).html;
    assert.match(html, /夏休みに読む<\/textarea>/);
    assert.match(html, /読んだ本へ移す/);

    await b.post(`/takarazuka/my/lists/haveRead/${recordId}`, { return: "/takarazuka/my/lists" });
    html = (await b.page("/takarazuka/my/lists")).html;
    assert.match(textOf(html), /My本棚:読みたい本 \(0\)/);
    assert.match(textOf(html), /My本棚:読んだ本 \(1\)/);
    assert.match(html, /夏休みに読む<\/textarea>/, "the comment moved with the book");

    const tooLong = await b.post(`/takarazuka/my/lists/haveRead/${recordId}`, {
      comment: "あ".repeat(401),
      return: "/takarazuka/my/lists",
    });
    assert.equal(tooLong.status, 422);
    assert.match(textOf(await tooLong.text()), /400文字以内/);

    const removed = await b.post(`/takarazuka/my/lists/haveRead/${recordId}/remove`, {
      return: "/takarazuka/my/lists",
    });
    assert.equal(removed.status, 303);
    assert.match(textOf((await b.page("/takarazuka/my/lists")).html), /My本棚:読んだ本 \(0\)/);
  });
});
