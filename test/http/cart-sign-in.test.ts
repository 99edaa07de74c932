import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, uniqueKana, userpageResident } from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// 003: the cart belongs to the signed-in patron, so adding asks for sign-in first; the titles ticked on the
// result list must not be lost on the way.
describe("the user page library's cart: sign in when adding (003)", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("titles ticked before signing in come back after it, and are added with one press", async () => {
    const staff = await t.signIn("userpage");
    const books = [
      await stockTitle(t, "userpage", staff, [{ servicePoint: "main" }]),
      await stockTitle(t, "userpage", staff, [{ servicePoint: "main" }]),
    ];
    const p = await registerAtCounter(t, "userpage", staff, userpageResident(uniqueKana()));
    await signInOnWeb(t, "userpage", p);

    const b = pageBrowser(t);
    await b.page(`/userpage/search?q=${encodeURIComponent("予約試験資料")}`);
    const ticked = await b.post(
      "/userpage/cart/add",
      books.map((book) => ["recordId", String(book.recordId)] as [string, string]),
    );
    assert.equal(ticked.status, 303);
    const login = new URL(ticked.headers.get("location")!, "http://x");
    assert.equal(login.pathname, "/userpage/login");
    const next = login.searchParams.get("next")!;
    assert.match(next, /^\/userpage\/cart\/add\?recordId=\d+&recordId=\d+&return=/);

    await b.page(ticked.headers.get("location")!);
    const signedIn = await b.post(`/userpage/login?next=${encodeURIComponent(next)}`, {
      cardNumber: p.cardNumber,
      password: webPassword,
      next,
    });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get("location"), next, "back to the ticked titles");
    const ask = await b.page(next);
    assert.equal(ask.res.status, 200);
    const asked = textOf(ask.html);
    assert.match(asked, /ログイン前に選んだ資料です/);
    assert.equal(asked.match(/予約試験資料/g)?.length, 2);
    assert.match(textOf((await b.page("/userpage/cart")).html), /カートは空です/, "a GET adds nothing");

    await b.page(next);
    const added = await b.post("/userpage/cart/add", [
      ...books.map((book) => ["recordId", String(book.recordId)] as [string, string]),
      ["return", "/userpage/cart"],
    ]);
    assert.equal(added.headers.get("location"), "/userpage/cart?added=2");
  });
});
