import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Announcements and guide pages (002 and every library site): dated, some important; Markdown that cannot
// carry script; the site search over both beside the catalogue search.
describe("announcements, guide pages and the site search", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "kashiwa");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  const api = (path: string, init: { method?: string; json?: unknown; token?: string } = {}) =>
    t.request(`/api/v1/kashiwa${path}`, init);
  const announce = (body: Record<string, unknown>) =>
    api("/announcements", {
      method: "POST",
      token: s.token,
      json: {
        title: { ja: "年末年始の休館", en: "New Year closure" },
        body: { ja: "12月29日から1月3日まで休館します。", en: "Closed from 29 December to 3 January." },
        publishedOn: "2026-12-01",
        ...body,
      },
    });

  test("current announcements, important first; scheduled and ended ones hidden", async () => {
    const plain = await json(await announce({}));
    const important = await json(
      await announce({ important: true, title: { ja: "システム停止のお知らせ", en: "System maintenance" } }),
    );
    const later = await json(
      await announce({ publishedOn: "2026-12-20", title: { ja: "先のお知らせ", en: "Later" } }),
    );
    const ended = await json(
      await announce({ until: "2026-12-03", title: { ja: "終わったお知らせ", en: "Ended" } }),
    );
    const list = (await json(await api("/announcements"))).announcements as { id: number }[];
    const ids = list.map((a) => a.id);
    assert.equal(ids[0], important.id, "important first");
    assert.ok(ids.includes(plain.id));
    assert.ok(!ids.includes(later.id) && !ids.includes(ended.id));
    assert.equal((await api(`/announcements/${later.id}`)).status, 404);
    const badRange = await announce({ until: "2026-11-01" });
    assert.equal((await json(badRange)).error.code, "INVALID_RANGE");
  });

  test("Markdown is rendered, and no script, handler or javascript: link gets through", async () => {
    const made = await json(
      await announce({
        body: {
          ja: '# 見出し\n<script>alert(1)</script>\n<img src=x onerror="alert(1)">\n[リンク](javascript:alert(1))\n[公式](https://example.jp)',
          en: "<iframe src=//evil></iframe> **bold**",
        },
      }),
    );
    const { html } = made;
    for (const part of [html.ja, html.en]) {
      assert.doesNotMatch(part, /<script|<img|<iframe|<[a-z][^>]*\son\w+=|href="javascript:/i);
    }
    assert.match(html.ja, /<h2>見出し<\/h2>/);
    assert.match(html.ja, /<a href="https:\/\/example.jp">公式<\/a>/);
    assert.match(html.en, /<strong>bold<\/strong>/);
  });

  test("guide pages: created, changed, listed in order, deleted; administrators only", async () => {
    const page = {
      title: { ja: "利用案内", en: "Using the library" },
      body: { ja: "## 利用カード\n柏市在住の方…", en: "## Cards\nResidents of Kashiwa…" },
      position: 1,
    };
    const created = await api("/pages/rules", { method: "PUT", token: s.token, json: page });
    assert.equal(created.status, 201);
    const changed = await api("/pages/rules", {
      method: "PUT",
      token: s.token,
      json: { ...page, body: { ...page.body, ja: "## 利用カード\n変更しました" } },
    });
    assert.equal(changed.status, 200);
    assert.match((await json(changed)).html.ja, /変更しました/);
    await api("/pages/faq", {
      method: "PUT",
      token: s.token,
      json: { ...page, title: { ja: "よくある質問", en: "FAQ" }, position: 0 },
    });
    const pages = (await json(await api("/pages"))).pages.map((p: { slug: string }) => p.slug);
    assert.deepEqual(pages, ["faq", "guide", "rules"], "by position, then address");
    assert.equal((await api("/pages/Bad_Slug", { method: "PUT", token: s.token, json: page })).status, 422);
    assert.equal((await api("/pages/rules", { method: "PUT", json: page })).status, 401);
    assert.equal((await api("/pages/faq", { method: "DELETE", token: s.token })).status, 204);
    assert.equal((await api("/pages/faq")).status, 404);
  });

  test("the site search finds pages and current announcements by every term, in Japanese without spaces", async () => {
    await api("/pages/access", {
      method: "PUT",
      token: s.token,
      json: {
        title: { ja: "交通アクセス", en: "Access" },
        body: {
          ja: "柏駅東口から徒歩8分。駐車場はありません。",
          en: "8 minutes on foot from Kashiwa station.",
        },
      },
    });
    const hits = async (q: string) => (await json(await api(`/site-search?q=${encodeURIComponent(q)}`))).hits;
    const parking = await hits("駐車場");
    assert.equal(parking.length, 1);
    assert.equal(parking[0].kind, "page");
    assert.equal(parking[0].key, "access");
    assert.match(parking[0].snippet.ja, /駐車場/);
    assert.equal(
      (await hits("休館")).some((h: { kind: string }) => h.kind === "announcement"),
      true,
    );
    assert.equal((await hits("柏駅　駐車場")).length, 1, "a full-width space separates terms");
    assert.equal((await hits("柏駅 図書館バス")).length, 0, "every term must match");
    assert.equal((await hits("終わったお知らせ")).length, 0, "ended announcements are not found");
    assert.deepEqual(await hits("100%"), []);
    const tooLong = await api(`/site-search?q=${"あ".repeat(201)}`);
    assert.equal((await json(tooLong)).error.code, "QUERY_TOO_LONG");
  });
});
