import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { lineChat, newLineUserId, replyText } from "../support/line-fixtures.ts";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import {
  hiratsukaResident,
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
} from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("my links pages (/my/links)", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const signedIn = async (system: string, body: Record<string, unknown>) => {
    const staff = await t.signIn(system);
    const p = await registerAtCounter(t, system, staff, body);
    await signInOnWeb(t, system, p);
    const b = pageBrowser(t);
    await b.signIn(system, p.cardNumber, webPassword);
    return { p, b };
  };

  test("the chat's link button: sign in first, confirm (CSRF checked), go on to LINE; then unlink with a question", async () => {
    const { p, b } = await signedIn("takarazuka", takarazukaResident(uniqueKana()));
    const overview = textOf((await b.page("/takarazuka/my")).html);
    assert.match(overview, /LINE・ICカード連携/, "the hub offers the page");
    const before = textOf((await b.page("/takarazuka/my/links")).html);
    assert.match(before, /LINEとは連携していません/);
    assert.match(before, /トーク画面で「連携」と送ります/);
    assert.match(before, /FeliCa.*登録していません/, "001: FeliCa is registered at the counter");
    assert.doesNotMatch(before, /マイナンバーカード/, "001 does not link the My Number card");

    const userId = newLineUserId();
    t.line.profiles.set(userId, "宝塚 花子");
    const chat = lineChat(t);
    const button = /"uri":"http:\/\/localhost:\d+(\/takarazuka\/my\/links\/line\?linkToken=[^"]+)"/.exec(
      replyText(await chat.say(userId, "連携")),
    )![1]!;
    // A visitor without a session is sent to sign in, and comes back to the same address.
    const anonymous = await pageBrowser(t).get(button);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get("location"), `/takarazuka/login?next=${encodeURIComponent(button)}`);
    const confirm = await b.page(button);
    assert.equal(confirm.res.headers.get("referrer-policy"), "no-referrer");
    assert.match(textOf(confirm.html), new RegExp(`利用者番号の末尾 ${p.cardNumber.slice(-4)}`));
    const linkToken = new URL(button, "http://x").searchParams.get("linkToken")!;
    assert.equal((await b.post("/takarazuka/my/links/line", { linkToken, _csrf: "forged" })).status, 403);
    const go = await b.post("/takarazuka/my/links/line", { linkToken });
    assert.equal(go.status, 303);
    const toLine = new URL(go.headers.get("location")!);
    assert.equal(toLine.host, "access.line.me");
    assert.match(
      replyText(await chat.accountLink(userId, toLine.searchParams.get("nonce")!)),
      /連携しました/,
    );

    const linked = textOf((await b.page("/takarazuka/my/links")).html);
    assert.match(linked, /からLINEと連携しています/);
    const ask = await b.post("/takarazuka/my/links/line/unlink", {});
    assert.equal(ask.status, 200);
    assert.match(textOf(await ask.text()), /LINE連携を解除しますか/);
    assert.match(
      textOf((await b.page("/takarazuka/my/links")).html),
      /からLINEと連携しています/,
      "asking changed nothing",
    );
    const done = await b.post("/takarazuka/my/links/line/unlink", { confirm: "yes" });
    assert.match(textOf(await done.text()), /LINE連携を解除しました/);
    assert.match(textOf((await b.page("/takarazuka/my/links")).html), /LINEとは連携していません/);
  });

  test("without the chat's link token the page says where to start; Hiratsuka shows no LINE section", async () => {
    const { b } = await signedIn("takarazuka", takarazukaResident(uniqueKana()));
    const bare = textOf((await b.page("/takarazuka/my/links/line")).html);
    assert.match(bare, /LINE のトーク画面の「連携する」ボタンからこのページを開いてください/);
    assert.doesNotMatch(bare, /連携を確定する/);
    assert.equal((await b.post("/takarazuka/my/links/line", { linkToken: "" })).status, 422);

    const h = await signedIn("hiratsuka", hiratsukaResident(uniqueKana()));
    const page = textOf((await h.b.page("/hiratsuka/my/links")).html);
    assert.doesNotMatch(page, /LINE連携/);
    assert.match(page, /マイナンバーカードとは連携していません/);
    assert.match(page, /ご本人がマイナンバーカードを持って窓口で/);
  });
});
