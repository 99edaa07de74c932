import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The figures page: the fiscal year by default, a chart named once with the table beside it, the CSV, the
// visitor count form, and a range over ten years refused in place.
describe("staff figures page", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ testClock: true });
    await (await scenario(t, "takarazuka")).at("2026-12-04");
  });
  after(() => t.close());

  test("visitors entered on the page show in the year's table and the CSV", async () => {
    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const first = await staff.page("/takarazuka/staff/figures");
    assert.match(first.html, /name="from" type="month" value="2026-04"/);
    assert.match(first.html, /<svg[^>]*role="img"/);
    const saved = await staff.post("/takarazuka/staff/figures/visitors", {
      servicePoint: "west",
      day: "2026-12-03",
      visitors: "275",
    });
    assert.equal(saved.status, 303);
    const table = textOf((await staff.page("/takarazuka/staff/figures?kind=visit")).html);
    assert.match(table, /宝塚市立西図書館 0 0 0 0 0 0 0 0 275 0 0 0 275/);
    const csv = await staff.get("/takarazuka/staff/figures/csv?from=2026-12&to=2026-12&by=servicePoint");
    assert.match(await csv.text(), /2026-12,west,\d+,\d+,\d+,\d+,275/);
    const future = await staff.post("/takarazuka/staff/figures/visitors", {
      servicePoint: "west",
      day: "2026-12-05",
      visitors: "1",
    });
    assert.equal(future.status, 409);
  });

  test("a range over ten years is refused with the reason", async () => {
    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const page = await staff.page("/takarazuka/staff/figures?from=2010-01&to=2026-12");
    assert.equal(page.res.status, 400);
    assert.match(textOf(page.html), /統計の期間は10年\(120か月\)までです/);
  });
});
