import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("service points and calendars", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const calendar = (system: string, id: string, from: string, to: string) =>
    t.request(`/api/v1/${system}/service-points/${id}/calendar?from=${from}&to=${to}`);

  test("Hiratsuka's service points carry their types and the credentials each accepts", async () => {
    const { servicePoints } = await json(await t.request("/api/v1/hiratsuka/service-points"));
    const types = new Set(servicePoints.map((p: { type: string }) => p.type));
    for (const type of ["main", "branch", "stationRoom", "bookmobile", "pickupPoint", "outreach"])
      assert.ok(types.has(type), type);
    const main = servicePoints.find((p: { type: string }) => p.type === "main");
    assert.ok(main.acceptedCredentials.includes("mynumber"));
    for (const p of servicePoints.filter(
      (p: { type: string }) => p.type === "pickupPoint" || p.type === "outreach",
    )) {
      assert.ok(!p.acceptedCredentials.includes("mynumber"), `${p.code} must not take the My Number card`);
    }
  });

  test("Aomori lists its 59 registration-kit partners with district and municipality", async () => {
    const { servicePoints } = await json(await t.request("/api/v1/aomori/service-points"));
    const partners = servicePoints.filter((p: { type: string }) => p.type === "partner");
    assert.equal(partners.length, 59);
    assert.ok(
      partners.every((p: { district: string; municipality: string }) => p.district && p.municipality),
    );
    assert.ok(partners.some((p: { municipality: string }) => p.municipality === "鰺ヶ沢町"));
  });

  test("Hiratsuka's South Library is closed up to and including 2026-06-01", async () => {
    const { servicePoints } = await json(await t.request("/api/v1/hiratsuka/service-points"));
    const south = servicePoints.find((p: { name: { ja: string } }) => p.name.ja.includes("南図書館"));
    const res = await calendar("hiratsuka", south.id, "2026-06-01", "2026-06-02");
    assert.equal(res.status, 200);
    const { days } = await json(res);
    assert.deepEqual(
      days.map((d: { date: string; open: boolean; reason: string | null }) => [d.date, d.open, d.reason]),
      [
        ["2026-06-01", false, "closure"],
        ["2026-06-02", true, null],
      ],
    );
  });

  test("a calendar is addressed by id or by code and shows holidays and the New Year", async () => {
    const { servicePoints } = await json(await t.request("/api/v1/takarazuka/service-points"));
    const main = servicePoints.find((p: { type: string }) => p.type === "main");
    const byCode = await json(await calendar("takarazuka", main.code, "2026-12-28", "2027-01-04"));
    const byId = await json(await calendar("takarazuka", main.id, "2026-12-28", "2027-01-04"));
    assert.deepEqual(byCode.days, byId.days);
    const newYear = byCode.days.find((d: { date: string }) => d.date === "2027-01-01");
    assert.equal(newYear.open, false);
    assert.equal(newYear.reason, "newYear");
  });

  test("a book drop has its own calendar: Takarazuka's central drop is closed over the New Year", async () => {
    const { servicePoints } = await json(await t.request("/api/v1/takarazuka/service-points"));
    const main = servicePoints.find((p: { type: string }) => p.type === "main");
    const drop = main.bookDrops[0];
    const res = await t.request(
      `/api/v1/takarazuka/book-drops/${drop.code}/calendar?from=2026-12-30&to=2026-12-31`,
    );
    assert.equal(res.status, 200);
    assert.ok((await json(res)).days.every((d: { open: boolean }) => !d.open));
  });

  test("refusals: unknown service point 404, reversed or too long range 400, malformed date 422", async () => {
    const unknown = await calendar("hiratsuka", "atlantis", "2026-04-01", "2026-04-30");
    assert.equal(unknown.status, 404);
    assert.equal((await json(unknown)).error.code, "SERVICE_POINT_NOT_FOUND");
    const reversed = await calendar("hiratsuka", "central", "2026-04-30", "2026-04-01");
    assert.equal((await json(reversed)).error.code, "INVALID_RANGE");
    assert.equal(reversed.status, 400);
    const tooLong = await calendar("hiratsuka", "central", "2026-01-01", "2027-01-02");
    assert.equal((await json(tooLong)).error.code, "INVALID_RANGE");
    const impossible = await calendar("hiratsuka", "central", "2026-02-30", "2026-03-01");
    assert.equal((await json(impossible)).error.code, "INVALID_DATE");
    const malformed = await calendar("hiratsuka", "central", "April", "2026-03-01");
    assert.equal(malformed.status, 422);
    const noDrop = await t.request(
      "/api/v1/hiratsuka/book-drops/none/calendar?from=2026-04-01&to=2026-04-02",
    );
    assert.equal((await json(noDrop)).error.code, "BOOK_DROP_NOT_FOUND");
  });
});
