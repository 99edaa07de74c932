// The other registration channels in Chromium: Aomori's registration kits (004) — a batch made and handed to a
// partner facility at the desk, then applied with on a 375 px phone (the kit's number, the card's photo, online
// lending) and accepted — and Hiratsuka's postal desk (000) entering a household and marking its cards mailed.
// axe-core on every screen.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { useBrowserServer } from "../support/browser.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";

async function api(system: string, path: string, init: { method?: string; json?: unknown } = {}) {
  const auth = await fetch(`${browser.url()}/api/v1/${system}/auth/staff`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "shiori-admin" }),
  });
  const { token } = (await auth.json()) as { token: string };
  const res = await fetch(`${browser.url()}/api/v1/${system}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function signIn(page: Page, system: string): Promise<void> {
  await page.goto(`${browser.url()}/${system}/staff/sign-in`);
  await page.getByLabel("利用者名").fill("admin");
  await page.getByLabel("パスワード").fill("shiori-admin");
  await browser.submit(page, page.locator("main form button[type=submit]"));
}

describe("registration kits and the postal desk in a browser", () => {
  test("a kit made, handed out, applied with on a phone, accepted", async (t) => {
    const desk = await browser.newPage();
    let kitNumber = "";
    try {
      await t.test("a batch made and handed to a partner facility", async () => {
        await signIn(desk, "aomori");
        await desk.goto(`${browser.url()}/aomori/staff/registration-kits`);
        await desk.getByLabel("枚数").fill("2");
        await browser.submit(desk, desk.getByRole("button", { name: "番号を割り当てる" }));
        assert.equal(await desk.locator(".label-sheet svg").count(), 2);
        await browser.axeClean(desk);
        await desk.goto(`${browser.url()}/aomori/staff/registration-kits`);
        await desk
          .getByLabel(/配布先の施設/)
          .first()
          .selectOption("partner-30");
        await browser.submit(desk, desk.getByRole("button", { name: "施設に渡した" }).first());
        assert.match((await desk.getByRole("status").textContent()) ?? "", /配布先を記録しました/);
        assert.match((await desk.locator("table").textContent()) ?? "", /十和田市民図書館/);
        await browser.axeClean(desk);
        await desk.screenshot({ path: `${shots}/shiori-registration-kits-desk.png`, fullPage: true });
        const batches = (await api("aomori", "/kit-batches")).batches as { id: number }[];
        const batch = await api("aomori", `/kit-batches/${batches[0]!.id}`);
        kitNumber = (batch.kits as { number: string }[])[0]!.number;
      });
    } finally {
      await desk.context().close();
    }

    const dir = await mkdtemp(join(tmpdir(), "shiori-photos-"));
    const photo = join(dir, "photo.jpg");
    await writeFile(
      photo,
      await sharp({ create: { width: 320, height: 200, channels: 3, background: "#aaccee" } })
        .jpeg()
        .toBuffer(),
    );
    const email = "e2e-kit@example.jp";
    const page = await browser.newPage(phone);
    try {
      await t.test("the applicant fills the kit's form in on a phone", async () => {
        await page.goto(`${browser.url()}/aomori/apply`);
        await page.getByLabel("メールアドレス").fill(email);
        await browser.submit(page, page.getByRole("button", { name: "確認のメールを送る" }));
        const mails = (await api("aomori", "/outbox")).messages as { to: string; text: string }[];
        const link = /\/aomori\/apply\/continue\?key=[\w-]+/.exec(
          mails.find((m) => m.to === email)!.text,
        )![0];
        await page.goto(`${browser.url()}${link}`);
        await browser.submit(page, page.getByRole("button", { name: "申請を続ける" }));
        await browser.axeClean(page);
        await browser.fitsWidth(page);

        await page.getByLabel("注意事項に同意します").check();
        await page.getByLabel("利用者カードの番号").fill(kitNumber);
        await page.getByLabel("利用者カードに名前を書きました").check();
        await page.getByLabel(/オンライン貸出サービスも申し込む/).check();
        await page.getByLabel("姓", { exact: true }).fill("青森");
        await page.getByLabel("名", { exact: true }).fill("林檎");
        await page.getByLabel("セイ(カタカナ)", { exact: true }).fill("アオモリ");
        await page.getByLabel("メイ(カタカナ)", { exact: true }).fill("リンゴエツー");
        await page.getByLabel("生年月日", { exact: true }).fill("1988-08-08");
        await page.getByLabel("郵便番号").fill("0300801");
        await page.getByRole("button", { name: "郵便番号から住所を入力" }).click();
        await page.getByText("郵便番号から住所を入力しました").waitFor();
        await page.getByLabel("町名・番地").fill("新町1-1-1");
        await page.getByLabel("電話番号", { exact: true }).fill("017-700-0000");
        await page.getByLabel("居住市区町村").fill("青森市");
        await page.locator("#apply-idDocument-type").selectOption("driversLicence");
        await browser.submit(page, page.getByRole("button", { name: "入力内容を保存する" }));
        assert.match((await page.getByRole("status").first().textContent()) ?? "", /保存しました/);

        for (const side of ["表面", "裏面", "利用者カード(名前を書いたもの)"]) {
          await page.getByLabel(side, { exact: true }).setInputFiles(photo);
          const form = page.locator("form", { has: page.getByLabel(side, { exact: true }) });
          await browser.submit(page, form.getByRole("button", { name: "アップロード" }));
        }
        assert.match(
          (await page.locator("#photos").textContent()) ?? "",
          /利用者カード\(名前を書いたもの\) \(アップロード済み\)/,
        );
        await browser.axeClean(page);
        await browser.fitsWidth(page);
        await page.screenshot({ path: `${shots}/shiori-apply-kit-375.png`, fullPage: true });
        await browser.submit(page, page.getByRole("button", { name: "申請を送信する" }));
        assert.equal(new URL(page.url()).pathname, "/aomori/apply/receipt");
        await browser.axeClean(page);
      });

      await t.test("accepted: the mail says the card in hand works, online lending too", async () => {
        const queue = (await api("aomori", "/applications")).applications as {
          id: string;
          kitNumber: string;
        }[];
        const mine = queue.find((a) => a.kitNumber === kitNumber)!;
        const decided = await api("aomori", `/applications/${mine.id}/decision`, {
          method: "POST",
          json: { decision: "approve" },
        });
        assert.equal(decided.status, "approved");
        const mails = (await api("aomori", "/outbox")).messages as {
          to: string;
          subject: string;
          text: string;
        }[];
        const accepted = mails.find((m) => m.to === email && /受理/.test(m.subject))!;
        assert.match(accepted.text, new RegExp(kitNumber));
        assert.match(accepted.text, /オンライン貸出サービス/);
      });
    } finally {
      await page.context().close();
    }
  });

  test("the postal desk: a household entered, its cards mailed", async (t) => {
    const page = await browser.newPage();
    try {
      await t.test("entered with the address from the postal code", async () => {
        await signIn(page, "hiratsuka");
        await page.goto(`${browser.url()}/hiratsuka/staff/postal-registrations`);
        await browser.axeClean(page);
        await browser.submit(page, page.getByRole("link", { name: "郵送申請を入力する" }));
        await page.getByLabel("申請の内容").selectOption("newRegistration");
        await page.getByLabel("返信用封筒の切手(円)").fill("110");
        await page.getByLabel("申請者との関係").first().selectOption("self");
        await page.getByLabel("姓", { exact: true }).first().fill("平塚");
        await page.getByLabel("名", { exact: true }).first().fill("郵太");
        await page.locator("#post-familyNameKana").fill("ヒラツカ");
        await page.locator("#post-givenNameKana").fill("ユウタエツー");
        await page.locator("#post-birthDate").fill("1980-01-01");
        await page.getByLabel("郵便番号").fill("2540041");
        await page.getByRole("button", { name: "郵便番号から住所を入力" }).click();
        await page.getByText("郵便番号から住所を入力しました").waitFor();
        await page.getByLabel("町名・番地").fill("浅間町12-41");
        await page.getByLabel("居住市区町村").fill("平塚市");
        await page.locator("#post-idDocument-type").selectOption("driversLicence");
        await page.locator("#post-identityCopy-front").check();
        await page.locator("#post-identityCopy-back").check();
        await page.locator("#post-members-1-relation").selectOption("child");
        await page.locator("#post-members-1-familyName").fill("平塚");
        await page.locator("#post-members-1-givenName").fill("郵子");
        await page.locator("#post-members-1-familyNameKana").fill("ヒラツカ");
        await page.locator("#post-members-1-givenNameKana").fill("ユウコエツー");
        await page.locator("#post-members-1-birthDate").fill("2019-04-02");
        await page.locator("#post-members-1-idDocument-type").selectOption("healthInsuranceCard");
        await page.locator("#post-members-1-identityCopy-front").check();
        await page.locator("#post-members-1-identityCopy-back").check();
        await browser.axeClean(page);
        await page.screenshot({ path: `${shots}/shiori-postal-form.png`, fullPage: true });
        await browser.submit(page, page.getByRole("button", { name: "全員を登録する" }));
        assert.match((await page.getByRole("status").textContent()) ?? "", /登録しました/);
        assert.match((await page.locator("table").first().textContent()) ?? "", /郵太.*郵子/s);
        await browser.axeClean(page);
      });

      await t.test("the cards marked as mailed", async () => {
        await browser.submit(page, page.getByRole("button", { name: /返信用封筒で発送した/ }).first());
        assert.match((await page.getByRole("status").textContent()) ?? "", /発送済みにしました/);
        await browser.axeClean(page);
      });
    } finally {
      await page.context().close();
    }
  });
});
