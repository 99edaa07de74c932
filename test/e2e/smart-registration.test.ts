// Smart registration (002) in Chromium on a 375 px phone: the e-mail first, the link from the mail, the
// details, both photos of the identity document, the receipt; then a reviewer approves in a second browser
// context and the applicant's completion mail carries the card number. axe-core on every applicant screen.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import sharp from "sharp";
import { useBrowserServer } from "../support/browser.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";
const email = "e2e-apply@example.jp";

async function staffToken(): Promise<string> {
  const res = await fetch(`${browser.url()}/api/v1/kashiwa/auth/staff`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "shiori-admin" }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** The newest mail to the applicant, as the outbox holds it. */
async function lastMail(): Promise<string> {
  const res = await fetch(`${browser.url()}/api/v1/kashiwa/outbox`, {
    headers: { authorization: `Bearer ${await staffToken()}` },
  });
  const { messages } = (await res.json()) as { messages: { to: string; text: string }[] };
  const mine = messages.filter((m) => m.to === email);
  assert.ok(mine.length > 0, "a mail to the applicant");
  return mine[0]!.text; // newest first
}

describe("smart registration in a browser", () => {
  test("from the e-mail to the receipt on a phone; approved by a reviewer; the card number mailed", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "shiori-photos-"));
    const photo = join(dir, "licence.jpg");
    await writeFile(
      photo,
      await sharp({ create: { width: 320, height: 200, channels: 3, background: "#88aacc" } })
        .jpeg()
        .toBuffer(),
    );
    const page = await browser.newPage(phone);
    try {
      await t.test("the e-mail address first", async () => {
        await page.goto(`${browser.url()}/kashiwa/apply`);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.getByLabel("メールアドレス").fill(email);
        await browser.submit(page, page.getByRole("button", { name: "確認のメールを送る" }));
        assert.match((await page.getByRole("status").textContent()) ?? "", /確認のメールを送りました/);
      });

      await t.test("the link from the mail opens the form", async () => {
        const link = /https?:\/\/\S+\/kashiwa\/apply\/continue\?key=[\w-]+/.exec(await lastMail())?.[0];
        assert.ok(link);
        const url = new URL(link);
        await page.goto(`${browser.url()}${url.pathname}${url.search}`);
        await browser.submit(page, page.getByRole("button", { name: "申請を続ける" }));
        assert.equal(new URL(page.url()).pathname, "/kashiwa/apply/form");
        await browser.axeClean(page);
        await browser.fitsWidth(page);
      });

      await t.test("the details, saved", async () => {
        await page.getByLabel("注意事項に同意します").check();
        await page.getByLabel("姓", { exact: true }).fill("柏");
        await page.getByLabel("名", { exact: true }).fill("花子");
        await page.getByLabel("セイ(カタカナ)", { exact: true }).fill("カシワ");
        await page.getByLabel("メイ(カタカナ)", { exact: true }).fill("ハナコエツー");
        await page.getByLabel("生年月日", { exact: true }).fill("1991-02-03");
        await page.getByLabel("郵便番号").fill("2770005");
        // the postal code fills the prefecture, city and town in (Japan Post's data, through htmx)
        await page.getByRole("button", { name: "郵便番号から住所を入力" }).click();
        await page.getByText("郵便番号から住所を入力しました").waitFor();
        assert.equal(await page.getByLabel("都道府県").inputValue(), "千葉県");
        assert.equal(await page.getByLabel("市区町村(住所)").inputValue(), "柏市");
        assert.equal(await page.getByLabel("町名・番地").inputValue(), "柏");
        await page.getByLabel("郵便番号").fill("277-0005");
        await page.getByLabel("町名・番地").fill("柏5-8-12");
        await page.getByLabel("電話番号", { exact: true }).fill("04-7164-5346");
        await page.getByLabel("居住市区町村").fill("柏市");
        await page.locator("#apply-idDocument-type").selectOption("driversLicence");
        await browser.submit(page, page.getByRole("button", { name: "入力内容を保存する" }));
        assert.match((await page.getByRole("status").first().textContent()) ?? "", /保存しました/);
      });

      await t.test("both photos uploaded", async () => {
        for (const side of ["表面", "裏面"]) {
          await page.getByLabel(side, { exact: true }).setInputFiles(photo);
          const form = page.locator("form", { has: page.getByLabel(side, { exact: true }) });
          await browser.submit(page, form.getByRole("button", { name: "アップロード" }));
        }
        assert.match(
          (await page.locator("#photos").textContent()) ?? "",
          /表面 \(アップロード済み\).*裏面 \(アップロード済み\)/s,
        );
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-apply-form-375.png`, fullPage: true });
      });

      await t.test("sent: the receipt number and the usual day", async () => {
        await browser.submit(page, page.getByRole("button", { name: "申請を送信する" }));
        assert.equal(new URL(page.url()).pathname, "/kashiwa/apply/receipt");
        assert.match((await page.locator("main").textContent()) ?? "", /WR\d{4}/);
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-apply-receipt-375.png`, fullPage: true });
      });
    } finally {
      await page.context().close();
    }

    const reviewer = await browser.newPage();
    try {
      await t.test("a reviewer approves it in another browser", async () => {
        await reviewer.goto(`${browser.url()}/kashiwa/staff/sign-in`);
        await reviewer.getByLabel("利用者名").fill("admin");
        await reviewer.getByLabel("パスワード").fill("shiori-admin");
        await browser.submit(reviewer, reviewer.locator("main form button[type=submit]"));
        await reviewer.goto(`${browser.url()}/kashiwa/staff/applications`);
        await browser.submit(reviewer, reviewer.getByRole("link", { name: /^WR\d{4}$/ }).first());
        assert.equal(await reviewer.getByRole("img", { name: /表面/ }).count(), 1);
        await browser.axeClean(reviewer);
        await browser.submit(reviewer, reviewer.getByRole("button", { name: "承認して登録する" }));
        assert.match((await reviewer.getByRole("status").textContent()) ?? "", /決定しました/);
      });
      await t.test("the applicant's completion mail carries the card number", async () => {
        assert.match(await lastMail(), /利用券番号: \d+/);
      });
    } finally {
      await reviewer.context().close();
    }
  });
});
