// The counter's patron pages in Chromium: a registration made with the keyboard alone (Tab, typing, the
// arrow keys, Space and Enter), the search by a reading in hiragana, the patron's record; a refusal in the
// error summary; axe-core at 1280 px and on a 375 px phone.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { useBrowserServer } from "../support/browser.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
// Screenshots for a person to look at; nothing asserts on them.
const shots = process.env.SHIORI_SCREENSHOTS;

type Focused = { id: string; tag: string; text: string; href: string };

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      text: (el?.textContent ?? "").trim(),
      href: el?.getAttribute("href") ?? "",
    };
  });

/** Presses Tab until the focus is on what `wanted` accepts; fails when 60 presses do not get there. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (wanted(await focused(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** One Tab, which must land on the field with this id: the form's order is the order staff fill it in. */
async function tabToField(page: Page, id: string): Promise<void> {
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).id, id, `Tab moves on to #${id}`);
}

async function pressAndLoad(page: Page, key: string): Promise<void> {
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState("load");
}

/** From the top of a page: the skip link, then into the main content. */
async function skipToMain(page: Page): Promise<void> {
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).href, "#main", "the first Tab reaches the skip link");
  await page.keyboard.press("Enter");
}

describe("patrons at the counter in a browser", () => {
  test("register a patron with the keyboard only, find them by the reading in hiragana, open the record", async (t) => {
    const page = await browser.newPage();
    if (shots) await mkdir(shots, { recursive: true });
    let cardNumber = "";
    try {
      await t.test("staff sign in with the keyboard", async () => {
        await page.goto(`${browser.url()}/takarazuka/staff/patrons/new`);
        assert.match(page.url(), /\/staff\/sign-in$/, "the form is for signed-in staff");
        await skipToMain(page);
        await tabTo(page, (f) => f.id === "username", "the user name");
        await page.keyboard.type("admin");
        await page.keyboard.press("Tab");
        await page.keyboard.type("shiori-admin");
        await pressAndLoad(page, "Enter");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff");
      });

      await t.test("the dashboard leads to the registration form", async () => {
        await skipToMain(page);
        await tabTo(page, (f) => f.text === "新規利用者登録", "the registration link");
        await pressAndLoad(page, "Enter");
        assert.equal(new URL(page.url()).pathname, "/takarazuka/staff/patrons/new");
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "新規利用者登録");
        await browser.axeClean(page);
      });

      await t.test("every field is reached by Tab in order and filled from the keyboard", async () => {
        await skipToMain(page);
        await tabTo(page, (f) => f.id === "reg-familyName", "the family name");
        await page.keyboard.type("鍵盤");
        await tabToField(page, "reg-givenName");
        await page.keyboard.type("花子");
        await tabToField(page, "reg-familyNameKana");
        await page.keyboard.type("けんばん");
        await tabToField(page, "reg-givenNameKana");
        await page.keyboard.type("はなこ");
        await tabToField(page, "reg-birthDate");
        await page.keyboard.type("19880712");
        await tabToField(page, "reg-address-postalCode");
        await page.keyboard.type("6650014");
        // beside the postal code, the button that fills the address in from it
        await page.keyboard.press("Tab");
        assert.equal((await focused(page)).text, "郵便番号から住所を入力");
        await tabToField(page, "reg-address-prefecture");
        await page.keyboard.type("兵庫県");
        await tabToField(page, "reg-address-city");
        await page.keyboard.type("宝塚市");
        await tabToField(page, "reg-address-street");
        await page.keyboard.type("末成町1-1");
        await tabToField(page, "reg-address-building");
        await tabToField(page, "reg-phone");
        await page.keyboard.type("0797-71-1141");
        await tabToField(page, "reg-email");
        await page.keyboard.type("kenban@example.jp");
        await tabToField(page, "reg-basis");
        assert.equal(await page.locator("#reg-basis").isChecked(), true, "在住 is chosen at first");
        await tabToField(page, "reg-municipality");
        await page.keyboard.type("宝塚市");
        // The workplace fields are for workers and students: hidden, so Tab passes them by.
        await tabToField(page, "reg-idDocument-type");
        for (
          let i = 0;
          i < 8 && (await page.locator("#reg-idDocument-type").inputValue()) !== "driversLicence";
          i++
        ) {
          await page.keyboard.press("ArrowDown");
        }
        assert.equal(await page.locator("#reg-idDocument-type").inputValue(), "driversLicence");
        await tabToField(page, "reg-idDocument-expiresOn");
        await page.keyboard.type("2035-07-12");
        await tabToField(page, "reg-idDocument-showsCurrentAddress");
        assert.equal(await page.locator("#reg-idDocument-showsCurrentAddress").isChecked(), true);
        // Space shows the supplementary document's fields and hides them again.
        await page.keyboard.press("Space");
        assert.equal(await page.locator("#reg-supplementaryDocument-type").isVisible(), true);
        await page.keyboard.press("Space");
        assert.equal(await page.locator("#reg-supplementaryDocument-type").isVisible(), false);
        await tabToField(page, "reg-guardian");
        await tabToField(page, "reg-householdOf");
        await tabToField(page, "reg-proxy-present");
        await tabToField(page, "reg-notes");
        await page.keyboard.press("Tab");
        const submit = await focused(page);
        assert.equal(submit.text, "登録する");
        if (shots) await page.screenshot({ path: `${shots}/patron-form-filled-1280.png`, fullPage: true });
        await pressAndLoad(page, "Enter");
      });

      await t.test("the new card number and expiry are shown", async () => {
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "登録しました");
        cardNumber = (await page.locator(".new-card-number").textContent()) ?? "";
        assert.match(cardNumber, /^\d{10}$/, "a ten-digit Takarazuka card number");
        assert.match((await page.locator(".new-card-expiry").textContent()) ?? "", /^\d{4}年7月31日$/);
        if (shots) await page.screenshot({ path: `${shots}/patron-registered-1280.png`, fullPage: true });
        await browser.axeClean(page);
      });

      await t.test("the search finds the patron by the reading typed in hiragana", async () => {
        await skipToMain(page);
        await tabTo(page, (f) => f.text === "利用者検索", "the patron search link");
        await pressAndLoad(page, "Enter");
        assert.equal((await focused(page)).id, "search-q", "the search box has the focus, ready for a scan");
        await page.keyboard.type("けんばん");
        await pressAndLoad(page, "Enter");
        const row = page.locator("table.patron-hits tbody tr", { hasText: "鍵盤 花子" });
        assert.equal(await row.count(), 1);
        assert.match((await row.textContent()) ?? "", new RegExp(`ケンバン ハナコ.*${cardNumber}`));
        if (shots) await page.screenshot({ path: `${shots}/patron-search-1280.png`, fullPage: true });
        await browser.axeClean(page);
      });

      await t.test("the record shows the registration and the card", async () => {
        await tabTo(page, (f) => f.text === "鍵盤 花子", "the patron's link");
        await pressAndLoad(page, "Enter");
        assert.match(
          (await page.getByRole("heading", { level: 1 }).textContent()) ?? "",
          /鍵盤 花子\s*ケンバン ハナコ/,
        );
        const cards = page.locator("table.patron-table tbody tr");
        assert.equal(await cards.count(), 1);
        assert.match((await cards.first().textContent()) ?? "", new RegExp(`${cardNumber}.*使用中`));
        const record = (await page.locator("dl.record-fields").textContent()) ?? "";
        assert.match(record, /〒665-0014 兵庫県 宝塚市 末成町1-1/);
        assert.match(record, /在住/);
        if (shots) await page.screenshot({ path: `${shots}/patron-record-1280.png`, fullPage: true });
        await browser.axeClean(page);
      });

      await t.test("a scanned card number opens the record at once", async () => {
        await page.goto(`${browser.url()}/takarazuka/staff/patrons`);
        await page.keyboard.type(`A${cardNumber}A`);
        await pressAndLoad(page, "Enter");
        assert.match(page.url(), /\/takarazuka\/staff\/patrons\/[0-9a-f-]{36}$/);
      });

      await t.test("the card is reported lost with the keyboard, after a confirming step", async () => {
        await skipToMain(page);
        await tabTo(page, (f) => f.tag === "summary" && f.text.startsWith("紛失届"), "the loss report");
        await page.keyboard.press("Enter");
        const submit = page.getByRole("button", { name: `紛失届を受け付ける ${cardNumber}` });
        assert.equal(await submit.isVisible(), true, "the real submit appears once the step is opened");
        await page.keyboard.press("Tab");
        assert.match((await focused(page)).text, /^紛失届を受け付ける/);
        if (shots) await page.screenshot({ path: `${shots}/patron-loss-confirm-1280.png`, fullPage: true });
        await pressAndLoad(page, "Enter");
        const notice = page.getByRole("status").filter({ hasText: "紛失届を受け付けました" });
        assert.equal(await notice.count(), 1);
        const temporary = (await page.locator(".temporary-card-number").textContent()) ?? "";
        assert.match(temporary, /^\d{10}$/, "the temporary card's number is shown");
        assert.notEqual(temporary, cardNumber);
        const lostRow = page.locator("table.patron-table tbody tr", { hasText: cardNumber });
        assert.match((await lostRow.textContent()) ?? "", /紛失/);
        if (shots) await page.screenshot({ path: `${shots}/patron-loss-1280.png`, fullPage: true });
        await browser.axeClean(page);
        await page.setViewportSize(phone);
        await browser.fitsWidth(page, phone.width);
        if (shots) await page.screenshot({ path: `${shots}/patron-loss-375.png`, fullPage: true });
        await browser.axeClean(page);
      });
    } finally {
      await page.context().close();
    }
  });

  test("a refusal is listed at the top and beside its field, on a phone and a wide screen", async (t) => {
    const page = await browser.newPage(phone);
    try {
      await page.goto(`${browser.url()}/takarazuka/staff/sign-in`);
      await page.getByLabel("利用者名").fill("admin");
      await page.getByLabel("パスワード").fill("shiori-admin");
      await browser.submit(page, page.getByRole("button", { name: "ログイン" }));
      await page.goto(`${browser.url()}/takarazuka/staff/patrons/new`);
      await browser.fitsWidth(page, phone.width);

      await t.test("a resident of Yokohama is NOT_ELIGIBLE in Takarazuka", async () => {
        const fill = (id: string, value: string) => page.locator(`#reg-${id}`).fill(value);
        await fill("familyName", "横浜");
        await fill("givenName", "太郎");
        await fill("familyNameKana", "ヨコハマ");
        await fill("givenNameKana", "タロウ");
        await fill("birthDate", "1975-03-03");
        await fill("address-postalCode", "231-0005");
        await fill("address-prefecture", "神奈川県");
        await fill("address-city", "横浜市中区");
        await fill("address-street", "本町6-50-10");
        await fill("municipality", "横浜市");
        await page.locator("#reg-idDocument-type").selectOption("driversLicence");
        await fill("idDocument-expiresOn", "2035-01-01");
        await browser.submit(page, page.getByRole("button", { name: "登録する" }));
        const summary = page.getByRole("alert");
        assert.match(
          (await summary.textContent()) ?? "",
          /居住市区町村: この図書館の利用登録の対象ではありません/,
          "NOT_ELIGIBLE in the summary",
        );
        assert.equal(
          await page.evaluate(() => document.activeElement?.classList.contains("error-summary")),
          true,
          "the summary has the focus",
        );
        assert.match(
          (await page.locator("#reg-municipality-error").textContent()) ?? "",
          /利用登録の対象ではありません/,
        );
        assert.equal(await page.locator("#reg-municipality").getAttribute("aria-invalid"), "true");
        assert.equal(await page.locator("#reg-familyName").inputValue(), "横浜", "what was typed is kept");
        assert.equal(await page.locator("#reg-idDocument-type").inputValue(), "driversLicence");
      });

      await t.test("the summary's link takes the focus to the field", async () => {
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        assert.equal((await focused(page)).id, "reg-municipality");
      });

      await t.test("the form with its error at 375 px and 1280 px is accessible", async () => {
        await browser.fitsWidth(page, phone.width);
        if (shots) await page.screenshot({ path: `${shots}/patron-form-error-375.png`, fullPage: true });
        await browser.axeClean(page);
        await page.setViewportSize({ width: 1280, height: 800 });
        if (shots) await page.screenshot({ path: `${shots}/patron-form-error-1280.png`, fullPage: true });
        await browser.axeClean(page);
        await page.setViewportSize(phone);
      });

      await t.test("corrected, the patron is registered, and the record fits the phone", async () => {
        await page.locator("#reg-address-prefecture").fill("兵庫県");
        await page.locator("#reg-address-city").fill("西宮市");
        await page.locator("#reg-address-postalCode").fill("662-0918");
        await page.locator("#reg-address-street").fill("六湛寺町10-3");
        await page.locator("#reg-municipality").fill("西宮市");
        await browser.submit(page, page.getByRole("button", { name: "登録する" }));
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "登録しました");
        await browser.submit(page, page.getByRole("link", { name: "利用者情報を開く" }));
        const kind = page.locator(".record-fields div", { hasText: "利用区分" });
        assert.match(
          (await kind.textContent()) ?? "",
          /広域利用者/,
          "a resident of Nishinomiya is a wide-area patron",
        );
        await browser.fitsWidth(page, phone.width);
        if (shots) await page.screenshot({ path: `${shots}/patron-record-375.png`, fullPage: true });
        await browser.axeClean(page);
      });

      await t.test("search results become cards on the phone", async () => {
        await page.goto(`${browser.url()}/takarazuka/staff/patrons?q=${encodeURIComponent("よこはま")}`);
        assert.equal(await page.locator("table.patron-hits tbody tr").count(), 1);
        await browser.fitsWidth(page, phone.width);
        if (shots) await page.screenshot({ path: `${shots}/patron-search-375.png`, fullPage: true });
        await browser.axeClean(page);
      });
    } finally {
      await page.context().close();
    }
  });
});
