// The public catalogue in Chromium on a phone: the header search box, results, a record with its
// holdings and queue length, new arrivals, and the advanced search form, by keyboard and accessible.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { describe, test } from "node:test";
import { useBrowserServer } from "../support/browser.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
// Screenshots for a person to look at; nothing asserts on them.
const shots = process.env.SHIORI_SCREENSHOTS;

async function firstNewArrival(): Promise<{ recordId: number; title: string }> {
  const res = await fetch(`${browser.url()}/api/v1/takarazuka/new-arrivals?pageSize=1`);
  const body = (await res.json()) as { results: { recordId: number; title: string }[] };
  const first = body.results[0];
  assert.ok(first, "the demo data has new arrivals");
  return first;
}

describe("the public catalogue in a browser", () => {
  test("search from the header → results → record with holdings, on a phone, by keyboard", async (t) => {
    const page = await browser.newPage(phone);
    if (shots) await mkdir(shots, { recursive: true });
    const { recordId, title } = await firstNewArrival();
    try {
      await t.test("the search box of the header takes a query typed at the keyboard", async () => {
        await page.goto(`${browser.url()}/takarazuka`);
        const box = page.getByRole("searchbox", { name: "検索語" });
        await box.focus();
        await page.keyboard.type(title);
        const navigated = page.waitForURL(/\/takarazuka\/search\?q=/);
        await page.keyboard.press("Enter");
        await navigated;
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "検索結果");
        assert.match((await page.locator(".result-count").textContent()) ?? "", /^\d+ 件$/);
        if (shots) await page.screenshot({ path: `${shots}/search-375.png`, fullPage: true });
        const violations = await browser.seriousViolations(page);
        assert.deepEqual(violations, [], browser.describeViolations(violations));
      });

      await t.test("the record page shows the holdings with their status and the queue length", async () => {
        const link = page.locator(`.results a[href="/takarazuka/records/${recordId}"]`).first();
        await link.focus();
        const navigated = page.waitForURL(`${browser.url()}/takarazuka/records/${recordId}`);
        await page.keyboard.press("Enter");
        await navigated;
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), title);
        assert.match((await page.locator(".record-availability").textContent()) ?? "", /予約待ち 0 人/);
        const rows = page.locator("table.holdings tbody tr");
        assert.ok((await rows.count()) >= 1, "at least one item is listed");
        const status = (await rows.first().locator(".status").textContent()) ?? "";
        assert.match(status, /貸出可能|館内利用のみ|貸出中|搬送中|予約確保中/);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= phone.width, `the page fits the phone's width (${width}px)`);
        if (shots) await page.screenshot({ path: `${shots}/record-375.png`, fullPage: true });
        const violations = await browser.seriousViolations(page);
        assert.deepEqual(violations, [], browser.describeViolations(violations));
      });

      await t.test("the same record reads in English", async () => {
        await browser.submit(page, page.getByRole("button", { name: "English" }));
        assert.equal(await browser.htmlAttr(page, "lang"), "en");
        assert.match((await page.locator(".record-availability").textContent()) ?? "", /0 waiting/);
        assert.equal(await page.locator("table.holdings th").first().textContent(), "Library");
      });
    } finally {
      await page.context().close();
    }
  });

  test("new arrivals filter by class and library; advanced search finds by field", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${browser.url()}/takarazuka/new-arrivals`);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "新着資料");
      assert.ok((await page.locator(".results .result").count()) > 0);
      await page.getByLabel("分類(NDC)").selectOption("9");
      await browser.submit(page, page.getByRole("button", { name: "表示", exact: true }));
      assert.match(page.url(), /ndc=9/);
      if (shots) await page.screenshot({ path: `${shots}/new-arrivals-1280.png`, fullPage: true });
      let violations = await browser.seriousViolations(page);
      assert.deepEqual(violations, [], browser.describeViolations(violations));

      const { title } = await firstNewArrival();
      await page.goto(`${browser.url()}/takarazuka/search/advanced`);
      await page.getByLabel("書名").fill(title);
      await browser.submit(page, page.locator("form.advanced-search button[type=submit]"));
      assert.ok(
        await page.locator(".results .result-title", { hasText: title }).first().isVisible(),
        "the title search finds the record",
      );
      violations = await browser.seriousViolations(page);
      assert.deepEqual(violations, [], browser.describeViolations(violations));
    } finally {
      await page.context().close();
    }
  });
});

describe("the label sheet", () => {
  test("staff print NW-7 labels for scanned barcodes; a mistyped one is named", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${browser.url()}/takarazuka/staff/labels`);
      assert.match(page.url(), /\/staff\/sign-in$/, "the sheet is for signed-in staff");
      await page.getByLabel("利用者名").fill("admin");
      await page.getByLabel("パスワード").fill("shiori-admin");
      await browser.submit(page, page.getByRole("button", { name: "ログイン" }));
      const record = await fetch(`${browser.url()}/api/v1/takarazuka/new-arrivals?pageSize=1`).then((r) =>
        r.json(),
      );
      const detail = await fetch(
        `${browser.url()}/api/v1/takarazuka/records/${record.results[0].recordId}`,
      ).then((r) => r.json());
      const barcode: string = detail.items[0].barcode;
      const mistyped = `${barcode.slice(0, -1)}${(Number(barcode.slice(-1)) + 1) % 10}`;
      await page.goto(`${browser.url()}/takarazuka/staff/labels`);
      await page.getByLabel(/資料番号/).fill(`${barcode}\n${mistyped}`);
      await browser.submit(page, page.getByRole("button", { name: "表示", exact: true }));
      assert.equal(await page.locator(".label-sheet .label svg").count(), 1);
      assert.match(
        (await page.getByRole("alert").textContent()) ?? "",
        new RegExp(`${mistyped}: チェックデジット`),
      );
      if (shots) await page.screenshot({ path: `${shots}/labels-1280.png`, fullPage: true });
      const violations = await browser.seriousViolations(page);
      assert.deepEqual(violations, [], browser.describeViolations(violations));
    } finally {
      await page.context().close();
    }
  });
});
