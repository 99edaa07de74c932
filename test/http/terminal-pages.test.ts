import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The terminal pages (001): staff book at the counter by card number and cancel on the board; the patron's
// page needs a sign-in and shows refusals in place.
describe("terminal pages", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-08");
  });
  after(() => t.close());

  test("the patron's page asks for sign-in", async () => {
    const res = await t.request("/takarazuka/my/terminals");
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /\/takarazuka\/login\?next=/);
  });

  test("staff book by card number, see the name on the board, are told when the patron already has one, cancel", async () => {
    const p = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const board = await staff.page("/takarazuka/staff/terminals?servicePoint=west&date=2026-12-09");
    assert.match(textOf(board.html), /端末1/);
    const booked = await staff.post("/takarazuka/staff/terminals", {
      servicePoint: "west",
      date: "2026-12-09",
      cardNumber: p.cardNumber,
      startsAt: "13:00",
    });
    assert.equal(booked.status, 303);
    const after = await staff.page(booked.headers.get("location")!);
    assert.match(textOf(after.html), new RegExp(`13:00–13:30 \\S+ \\S+ ${p.cardNumber} · 窓口`));
    const second = await staff.post("/takarazuka/staff/terminals", {
      servicePoint: "west",
      date: "2026-12-09",
      cardNumber: p.cardNumber,
      startsAt: "14:00",
    });
    assert.equal(second.status, 409);
    assert.match(textOf(await second.text()), /同時にできる件数/);
    const unknown = await staff.post("/takarazuka/staff/terminals", {
      servicePoint: "west",
      date: "2026-12-09",
      cardNumber: "0000000000",
      startsAt: "14:00",
    });
    assert.ok([404, 409].includes(unknown.status), String(unknown.status));
    const id = /\/staff\/terminals\/(\d+)\/cancel/.exec(after.html)?.[1];
    assert.ok(id);
    const cancelled = await staff.post(`/takarazuka/staff/terminals/${id}/cancel`, {
      servicePoint: "west",
      date: "2026-12-09",
    });
    assert.equal(cancelled.status, 303);
    assert.doesNotMatch(
      textOf((await staff.page(cancelled.headers.get("location")!)).html),
      new RegExp(p.cardNumber),
    );
  });
});
