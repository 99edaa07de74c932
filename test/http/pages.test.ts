import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Cookies of a response as a Cookie header, for the next request. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function csrfFrom(t: TestApp, path: string): Promise<{ token: string; cookie: string }> {
  const res = await t.request(path);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, "the page has a CSRF field");
  return { token, cookie: cookiesOf(res) };
}

describe("pages", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("the top page lists the five systems, in Japanese by default", async () => {
    const res = await t.request("/");
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<html lang="ja"/);
    for (const name of ["平塚市図書館", "宝塚市立図書館", "柏市立図書館", "青森県立図書館"])
      assert.ok(html.includes(name), name);
    assert.match(html, /class="skip-link" href="#main"/);
  });

  test("a system's home shows its service points and this month's calendar", async () => {
    const html = await (await t.request("/takarazuka")).text();
    assert.match(html, /<h1>宝塚市立図書館<\/h1>/);
    assert.match(html, /<caption>2026年4月/);
    assert.match(html, /西図書館/);
  });

  test("the calendar fragment answers another month for htmx", async () => {
    const html = await (await t.request("/hiratsuka/calendar-fragment?sp=south&month=2026-05")).text();
    assert.match(html, /^<div id="calendar"/);
    assert.match(html, /2026年5月/);
    assert.doesNotMatch(html, /<html/);
  });

  test("an unknown system is a 404 page", async () => {
    const res = await t.request("/atlantis");
    assert.equal(res.status, 404);
    assert.match(await res.text(), /その図書館システムはありません/);
  });

  test("a form posted without its CSRF token is refused with 403", async () => {
    const res = await t.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "lang=en&return=/",
    });
    assert.equal(res.status, 403);
  });

  test("display settings persist in cookies and apply to the next page", async () => {
    const { token, cookie } = await csrfFrom(t, "/");
    const res = await t.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ _csrf: token, lang: "en", return: "/kashiwa" }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/kashiwa");
    const next = await t.request("/kashiwa", { headers: { cookie: `${cookie}; ${cookiesOf(res)}` } });
    assert.match(await next.text(), /<html lang="en"/);
  });

  test("display settings never redirect off the site", async () => {
    const { token, cookie } = await csrfFrom(t, "/");
    const res = await t.request("/preferences", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ _csrf: token, size: "l", return: "//evil.example/" }).toString(),
    });
    assert.equal(res.headers.get("location"), "/");
  });

  test("staff sign in with a cookie session, see the dashboard, and sign out", async () => {
    assert.equal((await t.request("/hiratsuka/staff")).headers.get("location"), "/hiratsuka/staff/sign-in");
    const { token, cookie } = await csrfFrom(t, "/hiratsuka/staff/sign-in");
    const wrong = await t.request("/hiratsuka/staff/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ _csrf: token, username: "admin", password: "wrong-password" }).toString(),
    });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /role="alert"[^>]*>利用者名またはパスワードが違います/);
    const res = await t.request("/hiratsuka/staff/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ _csrf: token, username: "admin", password: "shiori-admin" }).toString(),
    });
    assert.equal(res.status, 303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith("shiori_staff="));
    assert.ok(session);
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    const withSession = `${cookie}; ${session.split(";")[0]}`;
    const dashboard = await t.request("/hiratsuka/staff", { headers: { cookie: withSession } });
    assert.equal(dashboard.status, 200);
    assert.match(await dashboard.text(), /デモ管理者/);
    // The cookie of one system does not open another's dashboard.
    const other = await t.request("/kashiwa/staff", { headers: { cookie: withSession } });
    assert.equal(other.status, 303);
    const out = await t.request("/hiratsuka/staff/sign-out", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: withSession },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });
    assert.equal(out.status, 303);
    const afterOut = await t.request("/hiratsuka/staff", { headers: { cookie: withSession } });
    assert.equal(afterOut.headers.get("location"), "/hiratsuka/staff/sign-in");
  });
});
