// Internet terminals in Chromium (001): a patron signs in, books a terminal at the central library for a slot
// on the next open day, sees it on their list; staff sign in and find the booking on the day's board with the
// patron's name. axe-core on both screens, the patron's at 375 px, saved as screenshots under /tmp.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { japanDate } from "../../src/clock.ts";
import { findLibrarySystemBySlug } from "../../src/db/queries/library-systems.ts";
import { addDays } from "../../src/domain/calendar/dates.ts";
import { setWebPassword } from "../../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../../src/services/policies/get-policy-in-force.ts";
import { useBrowserServer } from "../support/browser.ts";
import { takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";

const browser = useBrowserServer();
const phone = { width: 375, height: 740 };
const shots = process.env.SHIORI_SCREENSHOTS ?? "/tmp";
const password = "tanmatsu2026";

/** A patron with a web password, and the next day the central library is open (its first slot). */
async function fixtures(): Promise<{ cardNumber: string; date: string; startsAt: string }> {
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
    body: takarazukaResident({ ...uniqueKana(), familyName: "端末", givenName: "花子" }),
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const patron = (await registered.json()) as { id: string; cardNumber: string };
  const { database, clock } = browser.server();
  const system = (await findLibrarySystemBySlug(database.db, "takarazuka"))!;
  const today = japanDate(clock.now());
  const { policy } = await getPolicyInForce(database.db, system.id, today);
  await setWebPassword(database.db, system.id, patron.id, password, policy, clock.now());
  for (let n = 1; n <= 14; n++) {
    const date = addDays(today, n);
    const day = (await (await api(`/terminals?servicePoint=central&date=${date}`)).json()) as {
      slots: { startsAt: string }[];
    };
    if (day.slots.length > 0)
      return { cardNumber: patron.cardNumber, date, startsAt: day.slots[1]!.startsAt };
  }
  throw new Error("no open day in two weeks");
}

describe("internet terminals in a browser", () => {
  test("a patron books a terminal; staff see it on the day's board", async (t) => {
    const { cardNumber, date, startsAt } = await fixtures();
    const page = await browser.newPage();
    try {
      await t.test("the patron signs in and opens the terminal page from the my page", async () => {
        await page.goto(`${browser.url()}/takarazuka/login`);
        await page.getByLabel("図書館カードの番号").fill(cardNumber);
        await page.getByLabel("パスワード").fill(password);
        await browser.submit(page, page.locator("main form button[type=submit]"));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/my");
        await browser.submit(page, page.getByRole("link", { name: "インターネット端末の予約" }));
        assert.equal(new URL(page.url()).pathname, "/takarazuka/my/terminals");
      });

      await t.test("chooses the day and books a slot", async () => {
        await page.getByLabel("日付").fill(date);
        await browser.submit(page, page.getByRole("button", { name: "空きを見る" }));
        const row = page.getByRole("row", { name: new RegExp(`^${startsAt}`) });
        assert.match((await row.textContent()) ?? "", /2 \/ 2/);
        await browser.submit(page, row.getByRole("button"));
        assert.match((await page.getByRole("status").first().textContent()) ?? "", /予約しました。/);
        const mine = page.locator("#mine-heading + ul > li");
        assert.equal(await mine.count(), 1);
        assert.match(
          (await mine.first().textContent()) ?? "",
          new RegExp(`${startsAt}.*宝塚市立中央図書館.*端末1`),
        );
        assert.match(
          (await page.getByRole("row", { name: new RegExp(`^${startsAt}`) }).textContent()) ?? "",
          /1 \/ 2/,
        );
      });

      await t.test("the page is accessible and fits a phone", async () => {
        await browser.axeClean(page);
        await page.setViewportSize(phone);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= phone.width, `fits 375 px (${scrollWidth})`);
        await page.screenshot({ path: `${shots}/shiori-my-terminals-375.png`, fullPage: true });
      });
    } finally {
      await page.context().close();
    }

    const staff = await browser.newPage();
    try {
      await t.test("staff find the booking on the board with the patron's name", async () => {
        await staff.goto(`${browser.url()}/takarazuka/staff/sign-in`);
        await staff.getByLabel("利用者名").fill("admin");
        await staff.getByLabel("パスワード").fill("shiori-admin");
        await browser.submit(staff, staff.locator("main form button[type=submit]"));
        await browser.submit(staff, staff.getByRole("link", { name: "インターネット端末の予約状況" }));
        await staff.getByLabel("日付").fill(date);
        await browser.submit(staff, staff.getByRole("button", { name: "表示", exact: true }));
        const row = staff.getByRole("row", { name: new RegExp(`^${startsAt}`) });
        assert.match((await row.textContent()) ?? "", /端末 花子/);
        assert.match((await row.textContent()) ?? "", new RegExp(cardNumber));
        await browser.axeClean(staff);
        await staff.screenshot({ path: `${shots}/shiori-staff-terminals.png`, fullPage: true });
      });
    } finally {
      await staff.context().close();
    }
  });
});
