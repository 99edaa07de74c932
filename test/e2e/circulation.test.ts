// The counter's circulation desks in Chromium, with the keyboard alone (Tab, typing and Enter; no mouse):
// staff sign in, open the checkout desk, read a card, scan two items (each answered in place by htmx,
// without a page load), then open the returns desk and scan one back. axe-core on both desks, and each
// desk on a 375 px phone, saved as a screenshot under /tmp for a person to look at.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { useBrowserServer } from "../support/browser.ts";
import { takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";

type Focused = { id: string; text: string; href: string };

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? "",
      text: (el?.textContent ?? "").trim(),
      href: el?.getAttribute("href") ?? "",
    };
  });

async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (wanted(await focused(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Shift+Tab until the focus is on what `wanted` accepts: back up the page from the scan field. */
async function shiftTabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Shift+Tab");
    if (wanted(await focused(page))) return;
  }
  assert.fail(`Shift+Tab never reached ${what}`);
}

async function pressAndLoad(page: Page, key: string): Promise<void> {
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState("load");
}

async function skipToMain(page: Page): Promise<void> {
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).href, "#main", "the first Tab reaches the skip link");
  await page.keyboard.press("Enter");
}

/** Marks the loaded document; the mark survives an htmx swap and is gone after a page load. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { deskMark: boolean }).deskMark = true;
  });
const stillSameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { deskMark?: boolean }).deskMark === true);

/** Types a barcode into the focused scan field and presses Enter; waits for the list to have `rows` rows. */
async function scan(page: Page, barcode: string, list: string, rows: number, fieldId: string): Promise<void> {
  assert.equal((await focused(page)).id, fieldId, "the scan field has the focus");
  await page.keyboard.type(barcode);
  await page.keyboard.press("Enter");
  await page
    .locator(`#${list} tr`)
    .nth(rows - 1)
    .waitFor();
  // The form comes back empty, and its field takes the focus again, ready for the next scan.
  await page.waitForFunction((id) => document.activeElement?.id === id, fieldId);
  assert.equal(await page.locator(`#${fieldId}`).inputValue(), "");
}

/** A patron and two items made through the API, as the fixtures of the other tests do. */
async function fixtures(): Promise<{ cardNumber: string; items: { barcode: string; title: string }[] }> {
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
  assert.equal(signIn.status, 200);
  const { token } = (await signIn.json()) as { token: string };
  const registered = await api("/patrons", {
    method: "POST",
    token,
    body: takarazukaResident({ ...uniqueKana(), familyName: "鍵盤", givenName: "貸子" }),
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const { cardNumber } = (await registered.json()) as { cardNumber: string };
  const arrivals = (await (await api("/new-arrivals?pageSize=4")).json()) as {
    results: { recordId: number; title: string }[];
  };
  assert.equal(arrivals.results.length, 4, "the demo catalogue has records");
  const items = [];
  for (const record of arrivals.results) {
    const added = await api("/items", {
      method: "POST",
      token,
      body: { recordId: record.recordId, materialType: "book", callNumber: "913.6", servicePoint: "central" },
    });
    assert.equal(added.status, 201, await added.clone().text());
    items.push({ barcode: ((await added.json()) as { barcode: string }).barcode, title: record.title });
  }
  return { cardNumber, items };
}

describe("circulation at the counter in a browser", () => {
  test("check out two items and return one, with the keyboard only", async (t) => {
    const { cardNumber, items } = await fixtures();
    const [first, second] = items as [{ barcode: string; title: string }, { barcode: string; title: string }];
    const page = await browser.newPage();
    try {
      await t.test("staff sign in with the keyboard", async () => {
        await page.goto(`${browser.url()}/takarazuka/staff/checkout`);
        assert.match(page.url(), /\/staff\/sign-in$/, "the desk is for signed-in staff");
        await skipToMain(page);
        await tabTo(page, (f) => f.id === "username", "the user name");
        await page.keyboard.type("admin");
        await page.keyboard.press("Tab");
        await page.keyboard.type("shiori-admin");
        await pressAndLoad(page, "Enter");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff");
      });

      await t.test("the dashboard leads to the checkout desk, ready for a card", async () => {
        await skipToMain(page);
        await tabTo(page, (f) => f.text === "貸出", "the checkout link");
        await pressAndLoad(page, "Enter");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff/checkout");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "貸出");
        assert.equal((await focused(page)).id, "checkout-credential", "the card field has the focus");
        await browser.axeClean(page);
      });

      await t.test("the card read, the patron and the loan count are shown", async () => {
        await page.keyboard.type(cardNumber);
        await pressAndLoad(page, "Enter");
        assert.match((await page.locator(".desk-patron-name").textContent()) ?? "", /鍵盤 貸子/);
        assert.match((await page.locator(".loan-count").textContent()) ?? "", /貸出中: 0 冊/);
        assert.equal((await focused(page)).id, "checkout-itemBarcode", "the item field waits for a scan");
      });

      await t.test("two items scanned one after another are listed without a page load", async () => {
        await markDocument(page);
        await scan(page, first.barcode, "checkout-loans", 1, "checkout-itemBarcode");
        const outcome = page.getByRole("status").filter({ hasText: "貸出しました" });
        assert.match((await outcome.textContent()) ?? "", new RegExp(`${first.barcode}.*返却期限`));
        await scan(page, second.barcode, "checkout-loans", 2, "checkout-itemBarcode");
        assert.equal(await stillSameDocument(page), true, "no page was loaded");
        const rows = page.locator("#checkout-loans tr");
        assert.equal(await rows.count(), 2);
        assert.match((await rows.nth(0).textContent()) ?? "", new RegExp(first.barcode));
        assert.match((await rows.nth(1).textContent()) ?? "", new RegExp(second.barcode));
        assert.match(
          (await page.locator("#checkout-outcome").textContent()) ?? "",
          new RegExp(second.barcode),
        );
        assert.equal(await page.locator("#checkout-outcome").getAttribute("aria-live"), "polite");
        assert.match((await page.locator(".loan-count").textContent()) ?? "", /貸出中: 2 冊/);
        assert.equal(await page.getByRole("link", { name: "返却期限票を印刷" }).count(), 1);
      });

      await t.test("a scanner's next number typed before the answer: both lent, none lost", async () => {
        const [, , third, fourth] = items as { barcode: string }[];
        // The first answer is held back until the second number has been sent, so the second always waits its turn
        // behind the first, as it does on a busy server.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await page.route("**/staff/checkout/scan", async (route) => {
          await held;
          await route.continue();
        });
        // no waiting between the two scans, as a barcode scanner sends them
        await page.keyboard.type(third!.barcode);
        await page.keyboard.press("Enter");
        await page.keyboard.type(fourth!.barcode);
        await page.keyboard.press("Enter");
        await page.waitForFunction(
          () => (document.querySelector("#checkout-itemBarcode") as HTMLInputElement).value === "",
        );
        release();
        await page.locator("#checkout-loans tr").nth(3).waitFor();
        await page.unroute("**/staff/checkout/scan");
        const rows = await page.locator("#checkout-loans").textContent();
        assert.match(rows ?? "", new RegExp(`${third!.barcode}.*${fourth!.barcode}`, "s"));
        await page.waitForFunction(() => document.activeElement?.id === "checkout-itemBarcode");
        assert.equal(await page.locator("#checkout-itemBarcode").inputValue(), "");
        await page.locator(".loan-count", { hasText: "貸出中: 4 冊" }).waitFor();
        const carried = await page
          .locator("#checkout-scan input[name=loan]")
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
        assert.equal(new Set(carried).size, 4, "the form carries all four loans of the session");
      });

      await t.test("the checkout desk is accessible, and fits a phone", async () => {
        await browser.axeClean(page);
        await page.setViewportSize(phone);
        await browser.fitsWidth(page, phone.width);
        await page.screenshot({ path: `${shots}/shiori-checkout-375.png`, fullPage: true });
        await browser.axeClean(page);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: `${shots}/shiori-checkout-1280.png`, fullPage: true });
      });

      await t.test("the returns desk takes one item back and lists it", async () => {
        // From the scan field, back up to the desks' own links.
        assert.equal((await focused(page)).id, "checkout-itemBarcode");
        await shiftTabTo(page, (f) => f.text === "返却", "the returns link");
        await pressAndLoad(page, "Enter");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff/returns");
        assert.equal((await focused(page)).id, "return-itemBarcode", "the item field has the focus");
        await markDocument(page);
        await scan(page, first.barcode, "return-rows", 1, "return-itemBarcode");
        assert.equal(await stillSameDocument(page), true, "no page was loaded");
        const row = page.locator("#return-rows tr").first();
        assert.match((await row.textContent()) ?? "", new RegExp(`${first.barcode}.*書架へ`));
        const outcome = page.getByRole("status").filter({ hasText: "返却しました" });
        assert.equal(await outcome.count(), 1);
      });

      await t.test("the returns desk is accessible, and fits a phone", async () => {
        await browser.axeClean(page);
        await page.setViewportSize(phone);
        await browser.fitsWidth(page, phone.width);
        await page.screenshot({ path: `${shots}/shiori-returns-375.png`, fullPage: true });
        await browser.axeClean(page);
      });

      await t.test(
        "the counter's lists are reached from the desk's menu, accessible on a phone",
        async () => {
          for (const [link, heading] of [
            ["返却の確認", "返却の確認リスト"],
            ["延滞の連絡", "延滞の連絡リスト"],
            ["相互貸借", "相互貸借資料"],
          ] as const) {
            await page
              .getByRole("navigation", { name: "貸出・返却業務" })
              .getByRole("link", { name: link })
              .click();
            await page.getByRole("heading", { level: 1, name: heading }).waitFor();
            await browser.fitsWidth(page, phone.width);
            await browser.axeClean(page);
          }
        },
      );
    } finally {
      await page.context().close();
    }
  });
});
