// Browser tests of the public pages and the staff sign-in, in Debian's Chromium through playwright-core,
// with axe-core for accessibility. Each run starts its own server on a fresh PGlite database.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useBrowserServer } from "../support/browser.ts";

const SYSTEMS = [
  "平塚市図書館",
  "宝塚市立図書館",
  "柏市立図書館",
  "「利用者のページ」の図書館",
  "青森県立図書館",
];

const browserTest = useBrowserServer();
const { newPage, submit, htmlAttr, seriousViolations, describeViolations } = browserTest;
const server = {
  get url() {
    return browserTest.url();
  },
};

describe("public pages in a browser", () => {
  test("top page → a library system → language, text size, background, persisted; accessible", async (t) => {
    const page = await newPage();
    try {
      await t.test("the top page lists the five library systems", async () => {
        const response = await page.goto(`${server.url}/`);
        assert.equal(response?.status(), 200);
        assert.equal(await htmlAttr(page, "lang"), "ja", "Japanese is the default language");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "図書館システム一覧");
        const links = page.locator(".system-list a");
        assert.equal(await links.count(), 5, "five systems are listed");
        for (const name of SYSTEMS) {
          assert.ok(
            await page.getByRole("link", { name: new RegExp(`^${name}`) }).isVisible(),
            `${name} is listed`,
          );
        }
      });

      await t.test("宝塚市立図書館 shows its name, the calendar and a closed day", async () => {
        await page.getByRole("link", { name: /^宝塚市立図書館/ }).click();
        await page.waitForURL(`${server.url}/takarazuka`);
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "宝塚市立図書館");
        const calendar = page
          .getByRole("table")
          .filter({ has: page.locator("caption") })
          .first();
        assert.ok(await calendar.isVisible(), "the calendar table is shown");
        assert.match((await calendar.locator("caption").textContent()) ?? "", /^\d{4}年\d{1,2}月 /);
        assert.equal(await calendar.locator("thead th").count(), 7, "a column per weekday");
        const closed = calendar.locator("td.closed");
        assert.ok((await closed.count()) > 0, "the month has a closed day (宝塚 closes on Mondays)");
        assert.match((await closed.first().textContent()) ?? "", /休館/, "a closed day says 休館 in words");
        assert.equal(await page.title(), "ホーム | 宝塚市立図書館");
      });

      await t.test("the language button switches the page to English", async () => {
        const english = page.getByRole("button", { name: "English" });
        assert.equal(await english.getAttribute("aria-pressed"), "false");
        await submit(page, english);
        assert.equal(new URL(page.url()).pathname, "/takarazuka", "comes back to the same page");
        assert.equal(await htmlAttr(page, "lang"), "en");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Takarazuka City Library");
        assert.ok(await page.getByRole("heading", { name: "Library calendar" }).isVisible());
        assert.equal(
          await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed"),
          "true",
        );
      });

      await t.test("text size Large enlarges the root font size", async () => {
        const before = await page.evaluate(() =>
          Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
        );
        await submit(page, page.getByRole("button", { name: "Large" }));
        assert.equal(await htmlAttr(page, "data-size"), "l");
        const after = await page.evaluate(() =>
          Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
        );
        assert.ok(after > before, `root font size grew (${before}px → ${after}px)`);
        assert.equal(await page.getByRole("button", { name: "Large" }).getAttribute("aria-pressed"), "true");
      });

      await t.test("background Black makes the page black", async () => {
        await submit(page, page.getByRole("button", { name: "Black" }));
        assert.equal(await htmlAttr(page, "data-bg"), "black");
        assert.equal(
          await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
          "rgb(0, 0, 0)",
        );
      });

      await t.test("the choices persist after a reload", async () => {
        await page.reload();
        assert.equal(await htmlAttr(page, "lang"), "en");
        assert.equal(await htmlAttr(page, "data-size"), "l");
        assert.equal(await htmlAttr(page, "data-bg"), "black");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Takarazuka City Library");
      });

      await t.test("axe-core finds no serious or critical violation", async () => {
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], `axe-core violations:\n${describeViolations(violations)}`);
      });
    } finally {
      await page.context().close();
    }
  });

  test("on a 375 px phone the system home page does not scroll sideways and is accessible", async (t) => {
    const page = await newPage({ width: 375, height: 800 });
    try {
      for (const path of ["/", "/takarazuka", "/aomori", "/hiratsuka?sp=south&month=2026-05"]) {
        await t.test(`${path} fits in 375 px`, async () => {
          await page.goto(`${server.url}${path}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 375, `${path}: the page is ${width}px wide`);
        });
      }

      await t.test("the controls are at least 44 px tall", async () => {
        await page.goto(`${server.url}/takarazuka`);
        const small = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>("button, select, input:not([type=hidden]), summary")]
            .filter((e) => e.getClientRects().length > 0)
            .map((e) => ({ what: e.outerHTML.slice(0, 80), height: e.getBoundingClientRect().height }))
            .filter((e) => e.height < 44),
        );
        assert.deepEqual(small, []);
      });

      await t.test("text size and colours fold into a disclosure that opens", async () => {
        const large = page.getByRole("button", { name: "大" });
        assert.equal(await large.isVisible(), false, "folded at first");
        await page.getByText("文字サイズ・背景色").click();
        assert.ok(await large.isVisible(), "shown once opened");
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `the open panel fits (${width}px)`);
      });

      await t.test("axe-core finds no serious or critical violation", async () => {
        await page.goto(`${server.url}/takarazuka`);
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], `axe-core violations:\n${describeViolations(violations)}`);
      });
    } finally {
      await page.context().close();
    }
  });

  test("staff sign-in, dashboard and sign-out; a wrong password is refused", async (t) => {
    const page = await newPage();
    const signIn = async (username: string, password: string) => {
      await page.getByLabel("利用者名").fill(username);
      await page.getByLabel("パスワード").fill(password);
      await submit(page, page.getByRole("button", { name: "ログイン" }));
    };
    try {
      await t.test("the sign-in page asks for a user name and a password", async () => {
        const response = await page.goto(`${server.url}/takarazuka/staff/sign-in`);
        assert.equal(response?.status(), 200);
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "職員ログイン");
      });

      await t.test("admin / shiori-admin signs in and the dashboard shows the user", async () => {
        await signIn("admin", "shiori-admin");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "職員メニュー");
        const main = (await page.getByRole("main").textContent()) ?? "";
        assert.match(main, /ログイン中: デモ管理者/);
        assert.match(main, /\(admin\)/);
        assert.match(main, /administrator/);
      });

      await t.test("sign-out returns to the sign-in page and ends the session", async () => {
        await submit(page, page.getByRole("button", { name: "ログアウト" }));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff/sign-in");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "職員ログイン");
        await page.goto(`${server.url}/takarazuka/staff`);
        assert.equal(
          new URL(page.url()).pathname,
          "/takarazuka/staff/sign-in",
          "the dashboard is closed again",
        );
      });

      await t.test("a wrong password shows an error", async () => {
        await signIn("admin", "not-the-password");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff/sign-in");
        const alert = page.getByRole("alert");
        assert.ok(await alert.isVisible(), "an alert is shown");
        assert.equal((await alert.textContent())?.trim(), "利用者名またはパスワードが違います。");
        assert.equal(await page.getByLabel("利用者名").inputValue(), "admin", "the user name is kept");
        assert.equal(await page.getByLabel("パスワード").inputValue(), "", "the password is not");
      });

      await t.test(
        "axe-core finds no serious or critical violation on the sign-in page with its error",
        async () => {
          const violations = await seriousViolations(page);
          assert.deepEqual(violations, [], `axe-core violations:\n${describeViolations(violations)}`);
        },
      );
    } finally {
      await page.context().close();
    }
  });
});
