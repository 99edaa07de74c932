import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { japanDate } from "../../src/clock.ts";
import { setWebPassword } from "../../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../../src/services/policies/get-policy-in-force.ts";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

const password = "yoyaku2026";

const csrfOf = (html: string) => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, "the page has a CSRF field");
  return token;
};

describe("reservation pages", () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
  });
  after(() => t.close());

  const browser = () => pageBrowser(t);

  /** A new patron with a web password, signed in through the sign-in page. */
  async function signedInPatron() {
    const patron = await registerAtCounter(
      t,
      "takarazuka",
      token,
      takarazukaResident({ ...uniqueKana(), phone: "0797-00-0000" }),
    );
    const systemId = await t.systemId("takarazuka");
    const { policy } = await getPolicyInForce(t.db, systemId, japanDate(t.clock.now()));
    await setWebPassword(t.db, systemId, patron.id, password, policy, t.clock.now());
    const b = browser();
    csrfOf((await b.page("/takarazuka/login")).html);
    const res = await b.post("/takarazuka/login", { cardNumber: patron.cardNumber, password });
    assert.equal(res.status, 303);
    assert.ok(b.jar.cookies.has("shiori_patron"));
    return { ...patron, b };
  }

  const title = (copies: Parameters<typeof stockTitle>[3] = [{ servicePoint: "central" }]) =>
    stockTitle(t, "takarazuka", token, copies);
  const api = async (path: string, body: unknown) => {
    const res = await t.request(`/api/v1/takarazuka${path}`, { method: "POST", token, json: body });
    assert.ok(res.status < 300, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json();
  };

  test("a visitor is offered sign-in to reserve; the record page has the reserve form once signed in", async () => {
    const tt = await title();
    const visitor = browser();
    const { html } = await visitor.page(`/takarazuka/records/${tt.recordId}`);
    assert.match(html, /予約待ち 0 人/);
    assert.ok(
      html.includes(
        `href="/takarazuka/login?next=${encodeURIComponent(`/takarazuka/records/${tt.recordId}`)}"`,
      ),
    );
    assert.match(html, /ログインして予約/);
    assert.equal(html.includes("/reserve"), false);

    const { b } = await signedInPatron();
    const signedIn = (await b.page(`/takarazuka/records/${tt.recordId}`)).html;
    assert.ok(signedIn.includes(`action="/takarazuka/records/${tt.recordId}/reserve"`));
    assert.match(signedIn, /<label for="reserve-pickup">受取場所<\/label>/);
    assert.match(signedIn, /<label for="reserve-contact">連絡方法<\/label>/);
    assert.match(signedIn, /<option value="email"[^>]*>メール<\/option>/);
    assert.match(signedIn, /<option value="none"[^>]*>連絡不要<\/option>/);
    assert.match(signedIn, /<button type="submit">予約する<\/button>/);
    // Only the policy's pickup types: a partner facility or the city hall's return point is no choice.
    assert.equal(signedIn.includes('value="city-hall-return"'), false);
  });

  test("a web reservation may be posted (001): the West Library posts it, and the page says what it costs", async () => {
    const tt = await title();
    const reader = await signedInPatron();
    const page = (await reader.b.page(`/takarazuka/records/${tt.recordId}`)).html;
    assert.match(page, /<label for="reserve-delivery">郵送で受け取る\(有料・着払い\)<\/label>/);
    assert.match(
      textOf(page),
      /宝塚市立西図書館から郵送します。貸出期間は郵送の日数を含めて21日、借りている資料を含めて10冊まで/,
    );
    const res = await reader.b.post(`/takarazuka/records/${tt.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
      delivery: "postal",
    });
    assert.equal(res.status, 303, await res.clone().text());
    const holds = await json(await t.request(`/api/v1/takarazuka/holds?patron=${reader.id}`, { token }));
    assert.equal(holds.holds.length, 1);
    assert.equal(holds.holds[0].delivery, "postal");
    assert.equal(holds.holds[0].pickupPoint.code, "west", "posted reservations wait at the posting library");
  });

  test("reserving from the record page lists the reservation on /my/holds with its position", async () => {
    const tt = await title();
    const other = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    await api("/loans", {
      credential: { kind: "card", value: other.cardNumber },
      itemBarcode: tt.barcodes[0],
      servicePoint: "central",
    });
    const first = await signedInPatron();
    const second = await signedInPatron();
    await first.b.page(`/takarazuka/records/${tt.recordId}`);
    const a = await first.b.post(`/takarazuka/records/${tt.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
    });
    assert.equal(a.status, 303);
    await second.b.page(`/takarazuka/records/${tt.recordId}`);
    const res = await second.b.post(`/takarazuka/records/${tt.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "none",
    });
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/takarazuka\/my\/holds\?placed=\d+$/);
    const { res: page, html } = await second.b.page(res.headers.get("location")!);
    assert.equal(page.headers.get("cache-control"), "no-store");
    const text = textOf(html);
    assert.match(text, /予約試験資料 \d+ を予約しました|「予約試験資料 \d+」を予約しました。 予約順位: 2/);
    assert.match(text, /状態 予約中 予約順位 2 受取場所 宝塚市立中央図書館/);
    assert.match(html, /<button type="submit" class="button-secondary">予約を取り消す/);
    // In English for a reader who chose it.
    const english = await t.request("/takarazuka/my/holds", {
      headers: { cookie: `${second.b.jar.header()}; lang=en` },
    });
    assert.match(textOf(await english.text()), /Status Waiting Place in queue 2/);
    // The record page counts both.
    assert.match((await second.b.page(`/takarazuka/records/${tt.recordId}`)).html, /予約待ち 2 人/);
  });

  test("a refusal is shown in place in Japanese, with the reason", async () => {
    const inLibrary = await title([{ servicePoint: "central", flags: "inLibraryOnly" }]);
    const { b } = await signedInPatron();
    await b.page(`/takarazuka/records/${inLibrary.recordId}`);
    const res = await b.post(`/takarazuka/records/${inLibrary.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
    });
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(html, /role="alert" id="reserve-refusal"/);
    assert.match(textOf(html), /この資料は予約できません。 理由: 館内閲覧のみの本/);
    // Still the record page, the form kept with the patron's choice.
    assert.ok(html.includes(`action="/takarazuka/records/${inLibrary.recordId}/reserve"`));

    const twice = await title();
    await b.post(`/takarazuka/records/${twice.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
    });
    const again = await b.post(`/takarazuka/records/${twice.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
    });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /この資料はすでに予約済みか、貸出中です。/);
  });

  test("the cart: three added from the result list, the eleventh refused, reserve all answers each", async () => {
    const titles = [];
    for (let i = 0; i < 10; i++) titles.push(await title());
    const unreservable = await title([{ servicePoint: "central", flags: "assignedReading" }]);
    const { b } = await signedInPatron();

    const search = await b.page(`/takarazuka/search?q=${encodeURIComponent("予約試験資料")}`);
    assert.equal(search.res.status, 200);
    assert.match(search.html, /<form method="post" action="\/takarazuka\/cart\/add" id="cart-form">/);
    for (const tt of titles.slice(0, 3)) {
      assert.ok(
        search.html.includes(`id="cart-${tt.recordId}" name="recordId" value="${tt.recordId}"`),
        `a check box for ${tt.recordId}`,
      );
    }
    assert.match(search.html, /<button type="submit">カートに入れる<\/button>/);
    const added = await b.post(
      "/takarazuka/cart/add",
      titles.slice(0, 3).map((tt) => ["recordId", String(tt.recordId)] as [string, string]),
    );
    assert.equal(added.status, 303);
    assert.equal(added.headers.get("location"), "/takarazuka/cart?added=3");
    const cookie = added.headers.getSetCookie().find((c) => c.startsWith("shiori_cart_takarazuka="));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\/takarazuka(;|$)/);
    assert.doesNotMatch(cookie, /Max-Age|Expires/i, "a session cookie, gone when the browser closes");
    const cart = await b.page(added.headers.get("location")!);
    assert.match(textOf(cart.html), /3 タイトルをカートに入れました。/);
    assert.match(textOf(cart.html), /3 \/ 10 タイトル/);
    assert.match(cart.html, /予約待ち 0 人/);

    // Six more, the unreservable one the tenth; the eleventh is refused.
    for (const tt of [...titles.slice(3, 9), unreservable]) {
      await b.post("/takarazuka/cart/add", { recordId: String(tt.recordId) });
    }
    const full = await b.post("/takarazuka/cart/add", { recordId: String(titles[9]!.recordId) });
    assert.equal(full.status, 409);
    const fullHtml = await full.text();
    assert.ok(fullHtml.includes("予約カートがいっぱいです(上限に達しました)。"));
    assert.match(textOf(fullHtml), /10 \/ 10 タイトル/);
    assert.equal(fullHtml.includes(`/records/${titles[9]!.recordId}"`), false);

    const reserved = await b.post("/takarazuka/cart/reserve", { pickupPoint: "central", contact: "email" });
    assert.equal(reserved.status, 200);
    const text = textOf(await reserved.text());
    assert.equal(text.match(/予約しました: 予約試験資料/g)?.length, 9);
    assert.match(text, /予約できませんでした: 予約試験資料 \d+ この資料は予約できません。 理由: 課題図書/);
    assert.match(text, /1 \/ 10 タイトル/);
    const left = await b.page("/takarazuka/cart");
    assert.ok(left.html.includes(`/records/${unreservable.recordId}"`), "the refused title stays");
    const mine = textOf((await b.page("/takarazuka/my/holds")).html);
    assert.equal(mine.match(/状態 予約中/g)?.length, 9);
  });

  test("a visitor's cart offers sign-in; a title is removed with its button", async () => {
    const tt = await title();
    const visitor = browser();
    await visitor.page("/takarazuka/cart");
    assert.equal((await visitor.post("/takarazuka/cart/add", { recordId: String(tt.recordId) })).status, 303);
    const cart = await visitor.page("/takarazuka/cart");
    assert.match(cart.html, /href="\/takarazuka\/login\?next=%2Ftakarazuka%2Fcart"/);
    assert.equal(cart.html.includes('action="/takarazuka/cart/reserve"'), false);
    assert.equal(
      (await visitor.post("/takarazuka/cart/remove", { recordId: String(tt.recordId) })).status,
      303,
    );
    assert.match((await visitor.page("/takarazuka/cart")).html, /カートは空です。/);
    const empty = await visitor.post("/takarazuka/cart/add", {});
    assert.equal(empty.status, 422);
  });

  test("a reservation is cancelled from /my/holds", async () => {
    const tt = await title();
    const { b } = await signedInPatron();
    await b.page(`/takarazuka/records/${tt.recordId}`);
    const placed = await b.post(`/takarazuka/records/${tt.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "email",
    });
    const holdId = /placed=(\d+)/.exec(placed.headers.get("location") ?? "")?.[1];
    assert.ok(holdId);
    const page = await b.page("/takarazuka/my/holds");
    assert.ok(page.html.includes(`action="/takarazuka/my/holds/${holdId}/cancel"`));
    assert.ok(page.html.includes(`action="/takarazuka/my/holds/${holdId}/pickup"`));
    const asked = await b.post(`/takarazuka/my/holds/${holdId}/cancel`, {});
    assert.equal(asked.status, 200, "the first press asks");
    const question = textOf(await asked.text());
    assert.match(question, /予約を取り消しますか/);
    assert.match(question, /取り消さずに戻る/);
    assert.ok(
      (await b.page("/takarazuka/my/holds")).html.includes(`id="hold-${holdId}"`),
      "nothing cancelled yet",
    );
    const res = await b.post(`/takarazuka/my/holds/${holdId}/cancel`, { confirm: "yes" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/takarazuka/my/holds?cancelled=${holdId}`);
    const after = await b.page(res.headers.get("location")!);
    assert.match(after.html, /予約を取り消しました/);
    assert.equal(after.html.includes(`id="hold-${holdId}"`), false);
    assert.match(after.html, /予約している資料はありません。/);
  });

  test("the staff hold page lists a ready hold to call and records the call; the patron cannot cancel it online", async () => {
    const tt = await title();
    const other = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    await api("/loans", {
      credential: { kind: "card", value: other.cardNumber },
      itemBarcode: tt.barcodes[0],
      servicePoint: "central",
    });
    const patron = await signedInPatron();
    await patron.b.page(`/takarazuka/records/${tt.recordId}`);
    const placed = await patron.b.post(`/takarazuka/records/${tt.recordId}/reserve`, {
      pickupPoint: "central",
      contact: "phone",
    });
    const holdId = /placed=(\d+)/.exec(placed.headers.get("location") ?? "")?.[1];
    assert.ok(holdId);
    await api("/returns", { itemBarcode: tt.barcodes[0], servicePoint: "central" });

    const mine = await patron.b.page("/takarazuka/my/holds");
    assert.ok(textOf(mine.html).includes("状態 取置中(受取可)"));
    assert.match(mine.html, /インターネットからは取消・変更できません/);
    assert.equal(mine.html.includes(`/my/holds/${holdId}/cancel`), false);
    const refused = await patron.b.post(`/takarazuka/my/holds/${holdId}/cancel`, {});
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /ご用意ができた予約はインターネットからは取り消せません。/);

    // Staff sign in through their page.
    const staff = browser();
    await staff.page("/takarazuka/staff/sign-in");
    const signIn = await staff.post("/takarazuka/staff/sign-in", {
      username: "admin",
      password: "shiori-admin",
    });
    assert.equal(signIn.status, 303);
    const dashboard = await staff.page("/takarazuka/staff");
    assert.match(dashboard.html, /href="\/takarazuka\/staff\/holds"/);
    const shelf = await staff.page("/takarazuka/staff/holds?servicePoint=central");
    assert.equal(shelf.res.status, 200);
    const shelfText = textOf(shelf.html);
    assert.match(shelfText, /取置棚 \(\d+\)/);
    assert.ok(shelf.html.includes(`id="call-${holdId}"`), "the reservation is on the call list");
    assert.ok(shelfText.includes(tt.barcodes[0]!));
    assert.match(shelf.html, /<button type="submit" name="outcome" value="reached"[^>]*>連絡済<\/button>/);
    assert.match(shelf.html, /value="message"[^>]*>留守電</);
    assert.match(shelf.html, /value="noAnswer"[^>]*>不在</);
    for (const heading of ["電話連絡", "抜き取りリスト", "期限切れ(本日)", "搬送中"]) {
      assert.ok(shelfText.includes(heading), heading);
    }
    const call = await staff.post(`/takarazuka/staff/holds/${holdId}/call`, {
      outcome: "reached",
      servicePoint: "central",
    });
    assert.equal(call.status, 303);
    const afterCall = await staff.page(call.headers.get("location")!);
    assert.match(afterCall.html, /連絡の結果を記録しました。/);
    assert.equal(afterCall.html.includes(`id="call-${holdId}"`), false, "off the call list once reached");
    assert.match(textOf((await patron.b.page("/takarazuka/my/holds")).html), /取置期限 2026-04-08/);

    // Without a staff session the page sends the visitor to sign in.
    const visitor = await t.request("/takarazuka/staff/holds");
    assert.equal(visitor.status, 303);
    assert.equal(visitor.headers.get("location"), "/takarazuka/staff/sign-in");
  });

  test("the my page links the reservations, which need sign-in", async () => {
    const { b } = await signedInPatron();
    assert.match((await b.page("/takarazuka/my")).html, /href="\/takarazuka\/my\/holds"/);
    const res = await t.request("/takarazuka/my/holds");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/takarazuka/login?next=%2Ftakarazuka%2Fmy%2Fholds");
  });

  test("staff reserve for a patron, cancel, and take a request through to its arrival", async () => {
    const reader = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const tt = await stockTitle(t, "takarazuka", token, [{ servicePoint: "central" }]);
    const staff = browser();
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const record = await staff.page(`/takarazuka/staff/patrons/${reader.id}`);
    const base = `/takarazuka/staff/patrons/${reader.id}/holds`;
    assert.ok(record.html.includes(`href="${base}"`), "the patron's record links the reservations");
    const empty = await staff.page(base);
    assert.equal(empty.res.status, 200);
    assert.match(textOf(empty.html), /予約はありません。/);

    const reserve = {
      recordId: String(tt.recordId),
      channel: "phone",
      pickupPoint: "west",
      contact: "phone",
    };
    // 001: staff may take a phone reservation to be posted; posting is not for a reservation at the counter.
    assert.match(empty.html, /<label for="hold-delivery">郵送で受け取る\(有料・着払い\)<\/label>/);
    const postedAtCounter = await staff.post(base, { ...reserve, channel: "counter", delivery: "postal" });
    assert.equal(postedAtCounter.status, 409);
    assert.match(
      textOf(await postedAtCounter.text()),
      /郵送での受け取りは、電話またはWebでの予約でお申し込みください。/,
    );
    const placed = await staff.post(base, reserve);
    assert.equal(placed.status, 303);
    const listed = await staff.page(placed.headers.get("location")!);
    assert.match(textOf(listed.html), /受け付けました。/);
    assert.ok(listed.html.includes(`/takarazuka/records/${tt.recordId}`), "the title is listed");
    const again = await staff.post(base, reserve);
    assert.equal(again.status, 409);
    assert.match(textOf(await again.text()), /この資料はすでに予約済みか、貸出中です。/);

    const holdId = /\/holds\/(\d+)\/cancel/.exec(listed.html)?.[1];
    assert.ok(holdId);
    const cancelled = await staff.post(`${base}/${holdId}/cancel`, {
      reason: "電話で取消",
      channel: "phone",
    });
    assert.equal(cancelled.status, 303);
    assert.match(textOf((await staff.page(base)).html), /予約はありません。/);

    const request = {
      title: "所蔵のない本",
      materialType: "magazine",
      pickupPoint: "central",
      contact: "none",
    };
    const refused = await staff.post(`${base}/requests`, request);
    assert.equal(refused.status, 409);
    assert.match(textOf(await refused.text()), /この種類の資料はリクエストを受け付けていません。/);
    assert.equal((await staff.post(`${base}/requests`, { ...request, materialType: "book" })).status, 303);
    const withRequest = await staff.page(base);
    assert.match(textOf(withRequest.html), /所蔵のない本 — 受付/);
    const requestId = /\/holds\/requests\/(\d+)"/.exec(withRequest.html)?.[1];
    assert.ok(requestId);
    await staff.post(`${base}/requests/${requestId}`, { status: "requested", lender: "西宮市立中央図書館" });
    assert.match(textOf((await staff.page(base)).html), /他館に借用依頼中 · 西宮市立中央図書館/);
    const copy = await stockTitle(t, "takarazuka", token, [{ servicePoint: "central" }]);
    const arrived = await staff.post(`${base}/requests/${requestId}/arrival`, {
      itemBarcode: copy.barcodes[0]!,
      postageYen: "720",
    });
    assert.equal(arrived.status, 303);
    const done = textOf((await staff.page(base)).html);
    assert.match(done, /到着\(予約に\)/);
    assert.match(done, /取置中|輸送中/);
  });
});
