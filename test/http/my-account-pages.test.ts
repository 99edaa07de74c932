import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb, webPassword } from "../support/my-page-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("my page: overview, loans, account, password and e-mail pages, the smartphone card", () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
  });
  after(() => t.close());

  const patron = (overrides: Record<string, unknown> = {}) =>
    registerAtCounter(t, "takarazuka", token, takarazukaResident({ ...uniqueKana(), ...overrides }));
  const outbox = async () =>
    (await json(await t.request("/api/v1/takarazuka/outbox", { token }))).messages as {
      to: string;
      text: string;
    }[];
  const lend = async (cardNumber: string) => {
    const { barcodes } = await stockTitle(t, "takarazuka", token, [{ servicePoint: "central" }]);
    const res = await t.request("/api/v1/takarazuka/loans", {
      method: "POST",
      token,
      json: {
        credential: { kind: "card", value: cardNumber },
        itemBarcode: barcodes[0],
        servicePoint: "central",
      },
    });
    assert.equal(res.status, 201, await res.clone().text());
  };

  test("the overview asks for sign-in, then shows loans, what is offered here and the way out", async () => {
    const visitor = pageBrowser(t);
    const res = await visitor.get("/takarazuka/my");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/takarazuka/login?next=%2Ftakarazuka%2Fmy");

    const p = await patron();
    await signInOnWeb(t, "takarazuka", p);
    await lend(p.cardNumber);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    const { res: page, html } = await b.page("/takarazuka/my");
    assert.equal(page.headers.get("cache-control"), "no-store");
    const text = textOf(html);
    assert.match(text, /1 冊を借りています。/);
    for (const href of [
      "my/loans",
      "my/holds",
      "my/card",
      "my/lists",
      "my/history",
      "my/alerts",
      "my/account",
    ]) {
      assert.ok(html.includes(`href="/takarazuka/${href}"`), href);
    }
    assert.equal(html.includes('href="/takarazuka/my/reading"'), false, "001 keeps no reading record");
  });

  test("my loans: renew one, then all that can be; the limit is said in words", async () => {
    const p = await patron();
    await signInOnWeb(t, "takarazuka", p);
    await lend(p.cardNumber);
    await lend(p.cardNumber);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    const { html } = await b.page("/takarazuka/my/loans");
    assert.equal((html.match(/延長できます/g) ?? []).length, 2);
    const first = /action="(\/takarazuka\/my\/loans\/\d+\/renew)"/.exec(html)![1]!;

    const forged = await b.post(first, { _csrf: "forged" });
    assert.equal(forged.status, 403, "CSRF refused");
    const renewed = await b.post(first, {});
    assert.equal(renewed.status, 303);
    const after = textOf((await b.page(renewed.headers.get("location")!)).html);
    assert.match(after, /を延長しました。新しい返却期限は/);
    assert.match(after, /延長回数の上限に達しています/);

    const all = await b.post("/takarazuka/my/loans/renew-all", {});
    assert.equal(all.status, 200);
    const text = textOf(await all.text());
    assert.match(text, /1 冊を延長しました。/);
    assert.match(text, /延長できなかった資料: 1 冊/);
    assert.equal((text.match(/延長回数の上限に達しています/g) ?? []).length, 2);
  });

  test("my account: a new address waits for its link; the password changes with the current one", async () => {
    const p = await patron({ email: "page-old@example.jp" });
    await signInOnWeb(t, "takarazuka", p);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    const { html } = await b.page("/takarazuka/my/account");
    assert.match(textOf(html), new RegExp(p.cardNumber));
    assert.match(html, /迷惑メール対策/);

    const bad = await b.post("/takarazuka/my/account/email", { email: "nope" });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /メールアドレスの形式が正しくありません/);
    const sent = await b.post("/takarazuka/my/account/email", { email: "page-new@example.jp" });
    assert.equal(sent.status, 303);
    assert.match(
      textOf((await b.page("/takarazuka/my/account")).html),
      /page-new@example\.jp に確認メールを送りました/,
    );
    const link = /(\/takarazuka\/email\/verify\?token=[\w-]+)/.exec(
      (await outbox()).filter((m) => m.to === "page-new@example.jp").at(-1)!.text,
    )![1]!;

    const opened = await pageBrowser(t).page(link);
    assert.equal(opened.res.status, 200);
    const still = await t.db.execute(sql`SELECT email FROM patrons WHERE id = ${p.id}`);
    assert.equal(
      (still as unknown as { rows: { email: string }[] }).rows[0]!.email,
      "page-old@example.jp",
      "GET changes nothing",
    );
    const mailReader = pageBrowser(t);
    const { html: verifyPage } = await mailReader.page(link);
    const token = /name="token" value="([^"]+)"/.exec(verifyPage)![1]!;
    const confirmed = await mailReader.post("/takarazuka/email/verify", { token });
    assert.equal(confirmed.status, 200);
    assert.match(textOf(await confirmed.text()), /page-new@example\.jp を登録しました/);

    const wrong = await b.post("/takarazuka/my/account/password", {
      currentPassword: "nicht2026",
      newPassword: "atarashii2026",
    });
    assert.equal(wrong.status, 422);
    const changed = await b.post("/takarazuka/my/account/password", {
      currentPassword: webPassword,
      newPassword: "atarashii2026",
    });
    assert.equal(changed.status, 303);
    assert.match(textOf((await b.page(changed.headers.get("location")!)).html), /パスワードを変更しました/);
  });

  test("a first password through the set-up pages, and the forgotten-password pages", async () => {
    const p = await patron({ email: null });
    const b = pageBrowser(t);
    const login = (await b.page("/takarazuka/login")).html;
    assert.ok(login.includes('href="/takarazuka/password/setup"'));
    assert.ok(login.includes('href="/takarazuka/password/forgot"'));

    await b.page("/takarazuka/password/setup");
    const mismatch = await b.post("/takarazuka/password/setup", {
      cardNumber: p.cardNumber,
      birthDate: "1990-01-01",
    });
    assert.equal(mismatch.status, 422);
    assert.match(textOf(await mismatch.text()), /生年月日が登録内容と一致しません/);
    const step2 = await b.post("/takarazuka/password/setup", {
      cardNumber: p.cardNumber,
      birthDate: "1990-05-15",
    });
    const step2Html = await step2.text();
    assert.equal(step2.status, 200);
    assert.equal(step2Html.includes('name="code"'), false, "no code without an address");
    const setupToken = /name="setupToken" value="([^"]+)"/.exec(step2Html)![1]!;
    const differ = await b.post("/takarazuka/password/setup/complete", {
      setupToken,
      password: "hajime2026",
      passwordAgain: "hajime2027",
    });
    assert.equal(differ.status, 422);
    assert.match(textOf(await differ.text()), /確認のパスワードが一致しません/);
    const done = await b.post("/takarazuka/password/setup/complete", {
      setupToken,
      password: "hajime2026",
      passwordAgain: "hajime2026",
    });
    assert.equal(done.status, 200);
    assert.match(textOf(await done.text()), /パスワードを設定しました/);
    await pageBrowser(t).signIn("takarazuka", p.cardNumber, "hajime2026");

    const forgot = await b.post("/takarazuka/password/forgot", { cardNumber: p.cardNumber });
    assert.match(textOf(await forgot.text()), /登録されていれば、再設定のリンクを送りました/);
    const dead = await b.get("/takarazuka/password/reset?token=not-a-live-token-at-all");
    assert.equal(dead.status, 410);
    assert.equal(dead.headers.get("referrer-policy"), "no-referrer");
  });

  test("the smartphone card: NW-7 and QR of the card number, a manifest and an offline worker", async () => {
    const p = await patron();
    await signInOnWeb(t, "takarazuka", p);
    const b = pageBrowser(t);
    await b.signIn("takarazuka", p.cardNumber, webPassword);
    const { res, html } = await b.page("/takarazuka/my/card");
    assert.equal(res.status, 200);
    assert.ok(html.includes(`aria-label="NW-7 ${p.cardNumber}"`));
    assert.ok(html.includes(`aria-label="QR ${p.cardNumber}"`));
    assert.equal((html.match(/<svg/g) ?? []).length >= 2, true);
    assert.ok(html.includes('<link rel="manifest" href="/takarazuka/card.webmanifest"'));

    const manifest = await json(await t.request("/takarazuka/card.webmanifest"));
    assert.equal(manifest.start_url, "/takarazuka/my/card");
    assert.equal(manifest.display, "standalone");
    const worker = await t.request("/takarazuka/card-sw.js");
    assert.equal(worker.headers.get("service-worker-allowed"), "/takarazuka/my/");
    assert.match(await worker.text(), /caches\.match\(CARD\)/);

    const signedOut = await pageBrowser(t).get("/takarazuka/my/card");
    assert.equal(signedOut.status, 303, "the card is never shown without a session");
  });
});
