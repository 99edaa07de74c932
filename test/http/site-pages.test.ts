import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The information pages: an important announcement on the home page in Japanese and English, guide pages
// that cannot carry script, the site search from the header, and the staff editor.
describe("site pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "hiratsuka");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  test("an important announcement leads the home page in Japanese and in English", async () => {
    const res = await t.request("/api/v1/hiratsuka/announcements", {
      method: "POST",
      token: s.token,
      json: {
        title: { ja: "臨時休館のお知らせ", en: "Temporary closure" },
        body: { ja: "設備点検のため臨時休館します。", en: "Closed for an inspection of the building." },
        important: true,
        publishedOn: "2026-12-04",
      },
    });
    assert.equal(res.status, 201);
    const { id } = await json(res);
    const visitor = pageBrowser(t);
    const ja = await visitor.page("/hiratsuka");
    const jaText = textOf(ja.html);
    assert.match(jaText, /重要なお知らせ .*重要 臨時休館のお知らせ/);
    assert.ok(
      ja.html.indexOf("臨時休館のお知らせ") < ja.html.indexOf("図書館カレンダー"),
      "before the calendar",
    );
    await visitor.post("/preferences", { lang: "en", return: "/hiratsuka" });
    const en = textOf((await visitor.page("/hiratsuka")).html);
    assert.match(en, /Important notices .*Important Temporary closure/);
    const detail = textOf((await visitor.page(`/hiratsuka/announcements/${id}`)).html);
    assert.match(detail, /Closed for an inspection of the building\./);
  });

  test("a guide page written with script shows none; the site search finds it from the header", async () => {
    const put = await t.request("/api/v1/hiratsuka/pages/access", {
      method: "PUT",
      token: s.token,
      json: {
        title: { ja: "アクセス", en: "Access" },
        body: {
          ja: '平塚駅北口からバス10分。<script>document.title="x"</script><a href="javascript:alert(1)" onclick="x()">押す</a>',
          en: "10 minutes by bus from Hiratsuka station.",
        },
      },
    });
    assert.equal(put.status, 201);
    const page = await pageBrowser(t).page("/hiratsuka/guide/access");
    assert.equal(page.res.status, 200);
    const article = /<article class="site-article">([\s\S]*?)<\/article>/.exec(page.html)?.[1] ?? "";
    assert.match(article, /平塚駅北口からバス10分。/);
    assert.doesNotMatch(article, /<script|<a [^>]*(javascript:|onclick)/i);
    const found = await pageBrowser(t).page(`/hiratsuka/site-search?q=${encodeURIComponent("バス")}`);
    assert.match(textOf(found.html), /1件見つかりました。/);
    assert.ok(found.html.includes('href="/hiratsuka/guide/access"'));
    const home = await pageBrowser(t).page("/hiratsuka");
    assert.ok(
      home.html.includes('formaction="/hiratsuka/site-search"'),
      "the header search offers the site search",
    );
    assert.equal((await pageBrowser(t).page("/hiratsuka/guide/nothing-here")).res.status, 404);
  });

  test("administrators write an announcement and a page on /staff/site; bad dates are refused in place", async () => {
    const staff = pageBrowser(t);
    await staff.page("/hiratsuka/staff/sign-in");
    await staff.post("/hiratsuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    await staff.page("/hiratsuka/staff/site");
    const fields = {
      titleJa: "おはなし会",
      titleEn: "Story time",
      bodyJa: "毎週土曜日 **11時** から",
      bodyEn: "Saturdays at **11**",
      publishedOn: "2026-12-04",
    };
    const bad = await staff.post("/hiratsuka/staff/site/announcements", { ...fields, until: "2026-12-01" });
    assert.equal(bad.status, 409);
    assert.match(textOf(await bad.text()), /期間の指定が正しくありません/);
    const made = await staff.post("/hiratsuka/staff/site/announcements", fields);
    assert.equal(made.status, 303);
    const list = await staff.page("/hiratsuka/staff/site");
    assert.match(textOf(list.html), /おはなし会/);
    const page = await staff.post("/hiratsuka/staff/site/pages", {
      slug: "faq",
      titleJa: "よくある質問",
      titleEn: "FAQ",
      bodyJa: "## カードをなくしたら\n窓口へ",
      bodyEn: "## Lost card\nAsk at the counter",
      position: "2",
    });
    assert.equal(page.status, 303);
    const faq = await pageBrowser(t).page("/hiratsuka/guide/faq");
    assert.match(faq.html, /<h2>カードをなくしたら<\/h2>/);
    const home = textOf((await pageBrowser(t).page("/hiratsuka")).html);
    assert.match(home, /おはなし会/);
  });
});
