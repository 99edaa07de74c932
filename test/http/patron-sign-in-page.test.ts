import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { demoPatronPassword } from "../../src/services/demo/seed-demo-patrons.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Cookies of a response as a Cookie header, for the next request. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function csrfFrom(t: TestApp, path: string): Promise<{ token: string; cookie: string; html: string }> {
  const res = await t.request(path);
  assert.equal(res.status, 200);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, "the page has a CSRF field");
  return { token, cookie: cookiesOf(res), html };
}

describe("patron sign-in pages", () => {
  let t: TestApp;
  let cardNumber: string;
  before(async () => {
    t = await startTestApp();
    const rows = await t.db.execute(sql`
      SELECT c.number FROM patron_cards c JOIN patrons p ON p.id = c.patron_id
      JOIN library_systems s ON s.id = p.library_system_id
      WHERE s.slug = 'hiratsuka' AND p.family_name = '山田' AND p.given_name = '花子' AND c.status = 'active'`);
    cardNumber = (rows as unknown as { rows: { number: string }[] }).rows[0]!.number;
  });
  after(() => t.close());

  const post = (path: string, cookie: string, form: Record<string, string>) =>
    t.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams(form).toString(),
    });

  test("the sign-in page has a labelled card number and password form, in Japanese by default", async () => {
    const { html } = await csrfFrom(t, "/hiratsuka/login");
    assert.match(html, /<html lang="ja"/);
    assert.match(html, /<h1>利用者ログイン<\/h1>/);
    assert.match(html, /<form method="post" action="\/hiratsuka\/login"/);
    assert.match(html, /<label for="cardNumber">図書館カードの番号<\/label>/);
    assert.match(html, /<input id="cardNumber" name="cardNumber" autocomplete="username"/);
    assert.match(html, /<label for="password">パスワード<\/label>/);
    assert.match(
      html,
      /<input id="password" name="password" type="password" autocomplete="current-password"/,
    );
    assert.match(html, /<button type="submit">ログイン<\/button>/);
  });

  test("the sign-in page is in English for a reader who chose English", async () => {
    const res = await t.request("/hiratsuka/login", { headers: { cookie: "lang=en" } });
    const html = await res.text();
    assert.match(html, /<h1>Patron sign-in<\/h1>/);
    assert.match(html, /<label for="cardNumber">Library card number<\/label>/);
  });

  test("the my page sends a visitor who is not signed in to the sign-in page, and back afterwards", async () => {
    const res = await t.request("/hiratsuka/my");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/hiratsuka/login?next=%2Fhiratsuka%2Fmy");
    const { html } = await csrfFrom(t, "/hiratsuka/login?next=%2Fhiratsuka%2Fmy");
    assert.match(html, /<input type="hidden" name="next" value="\/hiratsuka\/my"/);
  });

  test("a form without its CSRF token is refused (403)", async () => {
    const res = await post("/hiratsuka/login", "", { cardNumber, password: demoPatronPassword });
    assert.equal(res.status, 403);
    assert.equal(
      res.headers.getSetCookie().some((c) => c.startsWith("shiori_patron=")),
      false,
    );
  });

  test("a wrong password shows the refusal in Japanese, keeps the card number and never the password", async () => {
    const { token, cookie } = await csrfFrom(t, "/hiratsuka/login");
    const res = await post("/hiratsuka/login", cookie, { _csrf: token, cardNumber, password: "wrong2026" });
    assert.equal(res.status, 401);
    const html = await res.text();
    assert.match(html, /role="alert"[^>]*>図書館カードの番号またはパスワードが違います。/);
    assert.ok(html.includes(`value="${cardNumber}"`));
    assert.equal(html.includes("wrong2026"), false);
    assert.match(html, /aria-invalid="true"/);
    assert.equal(
      res.headers.getSetCookie().some((c) => c.startsWith("shiori_patron=")),
      false,
    );
  });

  test("the right password sets an HTTP-only SameSite cookie for the system and goes to the my page", async () => {
    const { token, cookie } = await csrfFrom(t, "/hiratsuka/login");
    const res = await post("/hiratsuka/login", cookie, {
      _csrf: token,
      cardNumber,
      password: demoPatronPassword,
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/hiratsuka/my");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("shiori_patron="));
    assert.ok(session);
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.match(session, /Path=\/hiratsuka(;|$)/);
    const withSession = `${cookie}; ${session.split(";")[0]}`;

    const my = await t.request("/hiratsuka/my", { headers: { cookie: withSession } });
    assert.equal(my.status, 200);
    assert.equal(my.headers.get("cache-control"), "no-store");
    assert.match(await my.text(), /山田 花子 さんのページです。/);
    const english = await t.request("/hiratsuka/my", { headers: { cookie: `${withSession}; lang=en` } });
    assert.match(await english.text(), /Welcome, 山田 花子/);
    // Signed in, the sign-in page goes straight to the my page.
    const again = await t.request("/hiratsuka/login", { headers: { cookie: withSession } });
    assert.equal(again.headers.get("location"), "/hiratsuka/my");
    // The cookie of one system does not open another's my page.
    const other = await t.request("/kashiwa/my", { headers: { cookie: withSession } });
    assert.equal(other.status, 303);
    assert.equal(other.headers.get("location"), "/kashiwa/login?next=%2Fkashiwa%2Fmy");
  });

  test("after signing in, only a path of the same system is followed", async () => {
    const cases: [string, string][] = [
      ["/hiratsuka/search?q=%E6%A0%9E", "/hiratsuka/search?q=%E6%A0%9E"],
      ["//evil.example/", "/hiratsuka/my"],
      ["https://evil.example/hiratsuka/", "/hiratsuka/my"],
      ["/kashiwa/my", "/hiratsuka/my"],
      ["/hiratsuka/\\evil.example", "/hiratsuka/my"],
    ];
    for (const [next, expected] of cases) {
      const { token, cookie } = await csrfFrom(t, "/hiratsuka/login");
      const res = await post("/hiratsuka/login", cookie, {
        _csrf: token,
        cardNumber,
        password: demoPatronPassword,
        next,
      });
      assert.equal(res.status, 303, next);
      assert.equal(res.headers.get("location"), expected, next);
    }
  });

  test("signing out clears the cookie and ends the session", async () => {
    const { token, cookie } = await csrfFrom(t, "/hiratsuka/login");
    const res = await post("/hiratsuka/login", cookie, {
      _csrf: token,
      cardNumber,
      password: demoPatronPassword,
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("shiori_patron="))!;
    const withSession = `${cookie}; ${session.split(";")[0]}`;
    const my = await t.request("/hiratsuka/my", { headers: { cookie: withSession } });
    assert.match(await my.text(), /action="\/hiratsuka\/logout"/);

    const out = await post("/hiratsuka/logout", withSession, { _csrf: token });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get("location"), "/hiratsuka/login");
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith("shiori_patron="));
    assert.ok(cleared);
    assert.match(cleared, /Max-Age=0/);
    // The old cookie, kept by a careless browser, no longer signs anyone in.
    const afterOut = await t.request("/hiratsuka/my", { headers: { cookie: withSession } });
    assert.equal(afterOut.status, 303);
  });
});
