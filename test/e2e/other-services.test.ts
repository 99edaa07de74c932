// The other services' pages in Chromium: the public ones (services, reference form, forms, an announcement, the
// site search) at 375 px, and the staff desks (photocopies and the fee ledger, reference, NDL, figures, site
// editing) on a desktop — each without a serious or critical axe-core violation. A photocopy is taken with the
// keyboard and its receipt shown.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useBrowserServer } from "../support/browser.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";

describe("other services in a browser", () => {
  test("public pages on a phone", async (t) => {
    const page = await browser.newPage(phone);
    try {
      for (const path of [
        "/takarazuka/services",
        "/takarazuka/reference",
        "/takarazuka/forms/attorney",
        "/takarazuka/guide",
      ]) {
        await t.test(path, async () => {
          await page.goto(`${browser.url()}${path}`);
          await browser.axeClean(page);
          await browser.fitsWidth(page, phone.width);
        });
      }
      await t.test("the header's site search finds the guide page", async () => {
        await page.goto(`${browser.url()}/takarazuka`);
        await page.getByLabel("検索語").first().fill("貸出");
        await browser.submit(page, page.getByRole("button", { name: "サイト内" }));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/site-search");
        assert.match((await page.getByRole("status").textContent()) ?? "", /件見つかりました/);
        await browser.axeClean(page);
        await browser.fitsWidth(page, phone.width);
        await page.screenshot({ path: `${shots}/shiori-site-search-375.png`, fullPage: true });
      });
    } finally {
      await page.context().close();
    }
  });

  test("staff desks on a desktop; a photocopy taken with its receipt", async (t) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${browser.url()}/takarazuka/staff/sign-in`);
      await page.getByLabel("利用者名").fill("admin");
      await page.getByLabel("パスワード").fill("shiori-admin");
      await browser.submit(page, page.locator("main form button[type=submit]"));

      await t.test("a photocopy with the checklist, then its receipt", async () => {
        await page.goto(`${browser.url()}/takarazuka/staff/photocopies`);
        await browser.axeClean(page);
        await page.getByLabel("資料名").fill("宝塚市史 第3巻");
        await page.getByLabel("白黒(枚)").fill("4");
        for (const box of await page.getByRole("checkbox", { name: /調査研究|1人1部|一部分/ }).all())
          await box.check();
        await browser.submit(page, page.getByRole("button", { name: "受け付けて料金を記録する" }));
        assert.match(new URL(page.url()).pathname, /\/staff\/fees\/\d+\/receipt$/);
        assert.match((await page.locator("main").textContent()) ?? "", /40円/);
        await browser.axeClean(page);
        await page.screenshot({ path: `${shots}/shiori-receipt.png`, fullPage: true });
      });

      for (const path of [
        "/takarazuka/staff/fees",
        "/takarazuka/staff/reference",
        "/takarazuka/staff/ndl",
        "/takarazuka/staff/figures",
        "/takarazuka/staff/site",
      ]) {
        await t.test(path, async () => {
          await page.goto(`${browser.url()}${path}`);
          assert.equal(new URL(page.url()).pathname, path);
          await browser.axeClean(page);
        });
      }
      await page.screenshot({ path: `${shots}/shiori-staff-site.png`, fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
