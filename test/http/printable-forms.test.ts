import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Printable forms (000, 001): blank for anyone, filled in with a patron's details for staff.
describe("printable forms", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  test("every form blank, in Japanese, with its rules; the list links them; unknown forms are 404", async () => {
    const visitor = pageBrowser(t);
    const list = await visitor.page("/takarazuka/forms");
    for (const kind of ["registration", "attorney", "request", "ndl"]) {
      assert.ok(list.html.includes(`href="/takarazuka/forms/${kind}"`), kind);
      const page = await visitor.page(`/takarazuka/forms/${kind}`);
      assert.equal(page.res.status, 200, kind);
      assert.match(page.html, /class="printable-form"/);
    }
    assert.match(
      textOf((await visitor.page("/takarazuka/forms/attorney")).html),
      /委任状だけでは手続きできません/,
    );
    assert.match(textOf((await visitor.page("/takarazuka/forms/request")).html), /まんが、学習参考書/);
    assert.match(
      textOf((await visitor.page("/takarazuka/forms/ndl")).html),
      /データのダウンロードはできません。.*1日60分まで/,
    );
    assert.equal((await visitor.page("/takarazuka/forms/unknown")).res.status, 404);
    // 000: the registration form says what a postal application encloses and how long the reply takes
    const hiratsuka = textOf((await visitor.page("/hiratsuka/forms/registration")).html);
    assert.match(hiratsuka, /郵送で申し込む場合.*110円分の切手.*約7日.*再発行は郵送ではできません/);
    assert.doesNotMatch(
      textOf((await visitor.page("/takarazuka/forms/registration")).html),
      /郵送で申し込む場合/,
    );
  });

  test("staff print a patron's registration card, letter of attorney and request form filled in", async () => {
    const p = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const record = await s.patron(p.id);
    assert.equal(
      (await t.request(`/takarazuka/staff/patrons/${p.id}/forms/registration`)).status,
      303,
      "staff only",
    );
    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const card = textOf((await staff.page(`/takarazuka/staff/patrons/${p.id}/forms/registration`)).html);
    assert.match(card, new RegExp(`${record.familyName} ${record.givenName}`));
    assert.match(card, new RegExp(record.address.street));
    assert.match(card, new RegExp(p.cardNumber));
    const attorney = textOf((await staff.page(`/takarazuka/staff/patrons/${p.id}/forms/attorney`)).html);
    assert.match(attorney, /委任者\(本人\)/);
    assert.match(attorney, new RegExp(p.cardNumber));
    const made = await s.post("/requests", {
      patronId: p.id,
      title: "所蔵のない郷土史",
      author: "宝塚 次郎",
      materialType: "book",
      pickupPoint: "central",
      contact: "none",
    });
    const requestId = (await json(made)).id;
    const form = textOf(
      (await staff.page(`/takarazuka/staff/patrons/${p.id}/forms/request?request=${requestId}`)).html,
    );
    assert.match(form, /所蔵のない郷土史/);
    assert.match(form, /宝塚 次郎/);
  });
});
