import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { demoStaff } from "../../src/services/demo/seed-demo.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("the requests desk (/staff/requests)", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("every patron's open requests oldest first, the closed ones under their tab; staff only", async () => {
    const token = await t.signIn("takarazuka");
    const ask = async (patronId: string, title: string) =>
      json(
        await t.request("/api/v1/takarazuka/requests", {
          method: "POST",
          token,
          json: { patronId, title, materialType: "book", pickupPoint: "west", contact: "email" },
        }),
      );
    const first = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const second = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const older = await ask(first.id, "最初に受け付けた本");
    const newer = await ask(second.id, "次に受け付けた本");
    const refused = await ask(second.id, "お断りした本");
    const patch = await t.request(`/api/v1/takarazuka/requests/${refused.id}`, {
      method: "PATCH",
      token,
      json: { status: "refused", refusalReason: "入手できません" },
    });
    assert.equal(patch.status, 200);

    const visitor = await pageBrowser(t).get("/takarazuka/staff/requests");
    assert.equal(visitor.status, 303, "staff only");

    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", {
      username: demoStaff.username,
      password: demoStaff.password,
    });
    assert.match((await staff.page("/takarazuka/staff")).html, /href="\/takarazuka\/staff\/requests"/);
    const open = await staff.page("/takarazuka/staff/requests");
    assert.equal(open.res.status, 200);
    const text = textOf(open.html);
    assert.match(text, /対応中 \(2\)/);
    assert.match(text, /お断り \(1\)/);
    assert.ok(text.indexOf("最初に受け付けた本") < text.indexOf("次に受け付けた本"), "oldest first");
    assert.doesNotMatch(text, /お断りした本/);
    assert.match(open.html, new RegExp(`href="/takarazuka/staff/patrons/${first.id}/holds"`));
    assert.ok(text.includes(first.cardNumber));
    assert.match(text, /西図書館/);
    assert.ok(
      open.html.includes(`id="request-${older.id}"`) && open.html.includes(`id="request-${newer.id}"`),
    );

    const closed = textOf((await staff.page("/takarazuka/staff/requests?view=refused")).html);
    assert.match(closed, /お断りした本/);
    assert.match(closed, /理由: 入手できません/);
    assert.doesNotMatch(closed, /最初に受け付けた本/);
    assert.match(
      textOf((await staff.page("/takarazuka/staff/requests?view=arrived")).html),
      /該当するリクエストはありません/,
    );
    // An unknown view is the open one.
    assert.match(
      textOf((await staff.page("/takarazuka/staff/requests?view=drop")).html),
      /最初に受け付けた本/,
    );
  });
});
