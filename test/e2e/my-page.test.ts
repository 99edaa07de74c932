// The patron's page in Chromium on a 375 px phone, keyboard and pointer as a patron would: set a first
// password with the card number, birth date and the mailed code, sign in, renew a loan, cancel a reservation,
// show the smartphone card. axe-core on every screen; screenshots under /tmp for a person to look at.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useBrowserServer } from "../support/browser.ts";
import { takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";
const email = "e2e-mypage@example.jp";
const password = "shiori2026x";

function staffApi() {
  return staffApiFor("takarazuka");
}

function staffApiFor(system: string) {
  let token = "";
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    if (!token && path !== "/auth/staff") {
      const res = await call("/auth/staff", {
        method: "POST",
        body: { username: "admin", password: "shiori-admin" },
      });
      token = ((await res.json()) as { token: string }).token;
    }
    return fetch(`${browser.url()}/api/v1/${system}${path}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };
  return call;
}

/** A patron with an e-mail address, one loan and one reservation, and no web password yet. */
async function fixtures() {
  const api = staffApi();
  const registered = await api("/patrons", {
    method: "POST",
    body: takarazukaResident({ ...uniqueKana(), familyName: "栞", givenName: "読子", email }),
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const patron = (await registered.json()) as { id: string; cardNumber: string };
  const arrivals = (await (await api("/new-arrivals?pageSize=2")).json()) as {
    results: { recordId: number; title: string }[];
  };
  const [lent, reserved] = arrivals.results;
  const item = await api("/items", {
    method: "POST",
    body: { recordId: lent!.recordId, materialType: "book", callNumber: "E2EMY", servicePoint: "central" },
  });
  assert.equal(item.status, 201, await item.clone().text());
  const { barcode } = (await item.json()) as { barcode: string };
  const loan = await api("/loans", {
    method: "POST",
    body: {
      credential: { kind: "card", value: patron.cardNumber },
      itemBarcode: barcode,
      servicePoint: "central",
    },
  });
  assert.equal(loan.status, 201, await loan.clone().text());
  const hold = await api("/holds", {
    method: "POST",
    body: {
      patronId: patron.id,
      channel: "phone",
      recordId: reserved!.recordId,
      pickupPoint: "central",
      contact: "phone",
    },
  });
  assert.equal(hold.status, 201, await hold.clone().text());
  const code = async () => {
    const { messages } = (await (await api("/outbox")).json()) as {
      messages: { to: string; text: string }[];
    };
    return /確認コード: (\d{6})/.exec(messages.filter((m) => m.to === email).at(-1)?.text ?? "")?.[1];
  };
  return { ...patron, lentTitle: lent!.title, reservedTitle: reserved!.title, code };
}

describe("my page in a browser", () => {
  test("set a password, sign in, renew, cancel a reservation, show the card — on a phone", async (t) => {
    const patron = await fixtures();
    const page = await browser.newPage(phone);
    const url = browser.url();
    try {
      await t.test("a first password from the card number, birth date and the mailed code", async () => {
        await page.goto(`${url}/takarazuka/login`);
        await browser.submit(page, page.getByRole("link", { name: "はじめての方(パスワードの設定)" }));
        await browser.axeClean(page);
        await page.getByLabel("利用者番号(図書館カードの番号)").fill(patron.cardNumber);
        await page.getByLabel("生年月日").fill("1990-05-15");
        await browser.submit(page, page.getByRole("button", { name: "次へ" }));
        assert.match(
          (await page.getByRole("status").first().textContent()) ?? "",
          /6桁の確認コードを送りました/,
        );
        const code = await patron.code();
        assert.ok(code, "the code was mailed");
        await page.getByLabel("確認コード(6桁)").fill(code);
        await page.getByLabel("新しいパスワード", { exact: true }).fill(password);
        await page.getByLabel("新しいパスワード(確認)").fill(password);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-password-setup-375.png`, fullPage: true });
        await browser.submit(page, page.getByRole("button", { name: "パスワードを設定する" }));
        assert.match((await page.getByRole("status").textContent()) ?? "", /パスワードを設定しました/);
      });

      await t.test("sign in with the keyboard and land on the overview", async () => {
        await browser.submit(page, page.getByRole("link", { name: "ログインへ" }));
        await page.getByLabel("図書館カードの番号").fill(patron.cardNumber);
        await page.getByLabel("パスワード").fill(password);
        await page.keyboard.press("Enter");
        await page.waitForURL(/\/takarazuka\/my$/);
        const text = (await page.locator("main").textContent()) ?? "";
        assert.match(text, /栞 読子 さんのページです。/);
        assert.match(text, /1 冊を借りています。/);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-my-375.png`, fullPage: true });
      });

      await t.test("renew the loan", async () => {
        await browser.submit(page, page.getByRole("link", { name: /借りている資料/ }));
        assert.match((await page.locator("#my-loans").textContent()) ?? "", /延長できます/);
        await browser.axeClean(page);
        await browser.submit(page, page.getByRole("button", { name: "延長する", exact: true }));
        const status = (await page.getByRole("status").first().textContent()) ?? "";
        assert.match(status, /を延長しました。新しい返却期限は/);
        assert.match((await page.locator("#my-loans").textContent()) ?? "", /延長回数の上限に達しています/);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-my-loans-375.png`, fullPage: true });
      });

      await t.test("cancel the reservation", async () => {
        await page.goto(`${url}/takarazuka/my/holds`);
        assert.match(
          (await page.locator("#my-holds").textContent()) ?? "",
          new RegExp(patron.reservedTitle.slice(0, 10)),
        );
        await browser.submit(page, page.getByRole("button", { name: /取り消す/ }).first());
        assert.match((await page.locator("h1").textContent()) ?? "", /予約を取り消しますか/);
        await browser.axeClean(page);
        await browser.submit(page, page.getByRole("button", { name: "はい、取り消します" }));
        assert.match((await page.getByRole("status").first().textContent()) ?? "", /取り消しました/);
        await browser.axeClean(page);
      });

      await t.test("the smartphone card shows the barcode, the QR code and the number", async () => {
        await page.goto(`${url}/takarazuka/my/card`);
        await page.locator(".phone-card-barcode svg").waitFor();
        const box = await page.locator(".phone-card-barcode svg").boundingBox();
        assert.ok(box && box.width > 250, `the barcode is wide enough to scan (${box?.width}px)`);
        assert.equal(await page.locator(".phone-card-qr svg").count(), 1);
        assert.match(
          (await page.locator(".phone-card-number").textContent()) ?? "",
          new RegExp(patron.cardNumber),
        );
        assert.equal(await page.locator('link[rel="manifest"]').count(), 1);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-my-card-375.png`, fullPage: true });
      });

      await t.test(
        "put the borrowed title on My bookshelf from its record page, with a comment",
        async () => {
          await page.goto(`${url}/takarazuka/search?q=${encodeURIComponent(patron.lentTitle)}`);
          await browser.submit(page, page.getByRole("link", { name: patron.lentTitle, exact: true }).first());
          await browser.submit(page, page.getByRole("button", { name: "My本棚:読んだ本" }));
          assert.match((await page.locator("#my-lists-block").textContent()) ?? "", /登録済み/);
          await browser.axeClean(page);
          await page.goto(`${url}/takarazuka/my/lists`);
          await page.getByLabel("コメント").fill("とても面白かった");
          await browser.submit(page, page.getByRole("button", { name: "コメントを保存" }));
          assert.equal(await page.getByLabel("コメント").inputValue(), "とても面白かった");
          await browser.axeClean(page);
          await browser.fitsWidth(page);
          await page.screenshot({ path: `${shots}/shiori-my-lists-375.png`, fullPage: true });
        },
      );

      await t.test("my account is clean too", async () => {
        await page.goto(`${url}/takarazuka/my/account`);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-my-account-375.png`, fullPage: true });
      });

      await t.test(
        "the LINE and IC card links, and the chat's link confirmation, are clean too",
        async () => {
          await page.goto(`${url}/takarazuka/my/links`);
          assert.match((await page.locator("main").textContent()) ?? "", /LINEとは連携していません/);
          await browser.axeClean(page);
          await browser.fitsWidth(page);
          await page.screenshot({ path: `${shots}/shiori-my-links-375.png`, fullPage: true });
          await page.goto(`${url}/takarazuka/my/links/line?linkToken=demo-link-token-0123456789`);
          await page.getByRole("button", { name: "連携を確定する" }).waitFor();
          await browser.axeClean(page);
          await browser.fitsWidth(page);
          await page.screenshot({ path: `${shots}/shiori-my-links-confirm-375.png`, fullPage: true });
        },
      );
    } finally {
      await page.context().close();
    }
  });

  test("the user page library's reading record: turn it on and set this year's goal — on a phone", async () => {
    const staff = staffApiFor("userpage");
    const registered = await staff("/patrons", {
      method: "POST",
      body: {
        familyName: "読書",
        givenName: "記録",
        familyNameKana: "ドクショ",
        givenNameKana: "キロク",
        birthDate: "1985-04-02",
        address: { postalCode: "100-0001", prefecture: "東京都", city: "本市", street: "1-1" },
        phone: "03-0000-0000",
        email: null,
        basis: "resident",
        municipality: "本市",
        idDocument: { type: "driversLicence", expiresOn: "2030-01-01" },
      },
    });
    assert.equal(registered.status, 201, await registered.clone().text());
    const { cardNumber } = (await registered.json()) as { cardNumber: string };
    const page = await browser.newPage(phone);
    const url = browser.url();
    try {
      await page.goto(`${url}/userpage/password/setup`);
      await page.getByLabel("利用者番号(図書館カードの番号)").fill(cardNumber);
      await page.getByLabel("生年月日").fill("1985-04-02");
      await browser.submit(page, page.getByRole("button", { name: "次へ" }));
      await page.getByLabel("新しいパスワード", { exact: true }).fill(password);
      await page.getByLabel("新しいパスワード(確認)").fill(password);
      await browser.submit(page, page.getByRole("button", { name: "パスワードを設定する" }));
      await browser.submit(page, page.getByRole("link", { name: "ログインへ" }));
      await page.getByLabel("図書館カードの番号").fill(cardNumber);
      await page.getByLabel("パスワード").fill(password);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/userpage\/my$/);
      await browser.submit(page, page.getByRole("link", { name: "読書記録" }));
      await browser.submit(page, page.getByRole("button", { name: "読書記録を残す" }));
      const goal = page.getByLabel("年間目標(冊)").first();
      await goal.fill("24");
      await browser.submit(page, page.getByRole("button", { name: "目標を保存" }).first());
      assert.match((await page.locator("main").textContent()) ?? "", /目標 24 冊のうち 0 冊/);
      assert.equal((await page.locator("svg.reading-chart").count()) >= 1, true);
      await browser.axeClean(page);
      await browser.fitsWidth(page);
      await page.screenshot({ path: `${shots}/shiori-my-reading-375.png`, fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
