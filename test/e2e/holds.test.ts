// Reservations in Chromium: a patron searches, ticks three titles into the reservation cart, signs in from
// the cart, reserves them all at once and finds them on their own list. axe-core on the cart and the list,
// and both on a 375 px phone, saved as screenshots under /tmp for a person to look at.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { japanDate } from "../../src/clock.ts";
import { findLibrarySystemBySlug } from "../../src/db/queries/library-systems.ts";
import { setWebPassword } from "../../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../../src/services/policies/get-policy-in-force.ts";
import { useBrowserServer } from "../support/browser.ts";
import { takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";
const password = "yoyaku2026";
const callNumber = "E2EHOLD";
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A patron with a web password, and three titles with a copy each under one call number. */
async function fixtures(): Promise<{ cardNumber: string; titles: string[] }> {
  const api = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    fetch(`${browser.url()}/api/v1/takarazuka${path}`, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const signIn = await api("/auth/staff", {
    method: "POST",
    body: { username: "admin", password: "shiori-admin" },
  });
  const { token } = (await signIn.json()) as { token: string };
  const registered = await api("/patrons", {
    method: "POST",
    token,
    body: takarazukaResident({ ...uniqueKana(), familyName: "予約", givenName: "花子" }),
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const patron = (await registered.json()) as { id: string; cardNumber: string };
  const { database, clock } = browser.server();
  const system = (await findLibrarySystemBySlug(database.db, "takarazuka"))!;
  const { policy } = await getPolicyInForce(database.db, system.id, japanDate(clock.now()));
  await setWebPassword(database.db, system.id, patron.id, password, policy, clock.now());

  const arrivals = (await (await api("/new-arrivals?pageSize=3")).json()) as {
    results: { recordId: number; title: string }[];
  };
  assert.equal(arrivals.results.length, 3, "the demo catalogue has records");
  for (const record of arrivals.results) {
    const added = await api("/items", {
      method: "POST",
      token,
      body: { recordId: record.recordId, materialType: "book", callNumber, servicePoint: "central" },
    });
    assert.equal(added.status, 201, await added.clone().text());
  }
  return { cardNumber: patron.cardNumber, titles: arrivals.results.map((r) => r.title) };
}

describe("reservations in a browser", () => {
  test("search, tick three titles into the cart, sign in, reserve them all, see them listed", async (t) => {
    const { cardNumber, titles } = await fixtures();
    const page = await browser.newPage();
    try {
      await t.test("the advanced search finds the three titles", async () => {
        await page.goto(`${browser.url()}/takarazuka/search/advanced`);
        await page.getByLabel("請求記号").fill(callNumber);
        await browser.submit(page, page.locator("form.advanced-search button[type=submit]"));
        assert.match(page.url(), /\/takarazuka\/search\?/);
        for (const title of titles) {
          assert.equal(await page.getByRole("link", { name: title, exact: true }).count(), 1, title);
        }
      });

      await t.test("three check boxes ticked with the keyboard go into the cart", async () => {
        for (const title of titles) {
          const box = page.getByRole("checkbox", {
            name: new RegExp(`^カートに選択\\s*:\\s*${literal(title)}$`),
          });
          await box.focus();
          await page.keyboard.press("Space");
          assert.equal(await box.isChecked(), true);
        }
        await browser.submit(page, page.getByRole("button", { name: "カートに入れる", exact: true }));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/cart");
        assert.match((await page.getByRole("status").first().textContent()) ?? "", /3 タイトル/);
        assert.equal(await page.locator("#cart-lines > li").count(), 3);
      });

      await t.test("the cart sends the visitor to sign in and back", async () => {
        await browser.submit(page, page.getByRole("link", { name: "ログインして予約" }));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/login");
        await page.getByLabel("図書館カードの番号").fill(cardNumber);
        await page.getByLabel("パスワード").fill(password);
        await browser.submit(page, page.locator("main form button[type=submit]"));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/cart");
        assert.equal(await page.locator("#cart-lines > li").count(), 3, "the cart was kept");
      });

      await t.test("the cart is accessible, and fits a phone", async () => {
        await browser.axeClean(page);
        await page.setViewportSize(phone);
        await browser.fitsWidth(page, phone.width);
        await page.screenshot({ path: `${shots}/shiori-cart-375.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
      });

      await t.test("reserve all answers each title and empties the cart", async () => {
        await page.getByLabel("受取場所").selectOption({ label: "宝塚市立西図書館" });
        await browser.submit(page, page.getByRole("button", { name: "まとめて予約する" }));
        const outcomes = page.locator(".cart-outcomes li");
        assert.equal(await outcomes.count(), 3);
        for (let i = 0; i < 3; i++) {
          assert.match((await outcomes.nth(i).textContent()) ?? "", /予約しました/);
        }
        assert.match((await page.locator("main").textContent()) ?? "", /カートは空です。/);
      });

      await t.test(
        "the patron's list shows the three reservations with status and pickup point",
        async () => {
          await browser.submit(page, page.getByRole("link", { name: "予約の状況" }));
          assert.equal(new URL(page.url()).pathname, "/takarazuka/my/holds");
          const entries = page.locator("#my-holds > li");
          assert.equal(await entries.count(), 3);
          for (let i = 0; i < 3; i++) {
            const text = (await entries.nth(i).textContent()) ?? "";
            assert.match(text, /予約中/);
            assert.match(text, /予約順位\s*1/);
            assert.match(text, /宝塚市立西図書館/);
          }
          await browser.axeClean(page);
          await page.setViewportSize(phone);
          await browser.fitsWidth(page, phone.width);
          await page.screenshot({ path: `${shots}/shiori-my-holds-375.png`, fullPage: true });
          await browser.axeClean(page);
        },
      );
    } finally {
      await page.context().close();
    }
  });
});
