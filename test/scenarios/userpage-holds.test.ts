import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { registerAtCounter, residentOf, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 003 (the "user page" library): residents, workers and students with an e-mail address reserve, not
// the blue wide-area card; books 5, magazines 2, audiovisual 2, kamishibai 2 over counter and web together;
// the latest magazine issue only at the counter; reference (R), local history (A) and manga (M) never; items
// unsuitable for transport only at the main library; the web cannot cancel a reservation that is ready.
describe("The user page library (003) reservations", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "userpage");
    await s.at("2026-06-01");
  });
  after(() => t.close());

  const patron = (overrides: Record<string, unknown> = {}) =>
    registerAtCounter(
      t,
      "userpage",
      s.token,
      residentOf("本市", "東京都", {
        ...uniqueKana(),
        address: { postalCode: "100-0001", prefecture: "東京都", city: "本市", street: "1-1" },
        ...overrides,
      }),
    );
  const title = (copies: Parameters<typeof stockTitle>[3], callNumber?: string) =>
    stockTitle(t, "userpage", s.token, copies, { callNumber });
  const atCounter = (patronId: string, recordId: number, extra: Record<string, unknown> = {}) =>
    s.post("/holds", {
      patronId,
      channel: "counter",
      recordId,
      pickupPoint: "main",
      contact: "email",
      ...extra,
    });
  const error = async (res: Response) => (await json(res)).error;

  /** Signs the patron in on the web (the password set as the "my page" set-up would). */
  async function signInOnWeb(patronId: string, cardNumber: string) {
    const { setWebPassword } = await import("../../src/services/patron-auth/set-web-password.ts");
    const { getPolicyInForce } = await import("../../src/services/policies/get-policy-in-force.ts");
    const systemId = await t.systemId("userpage");
    const { policy } = await getPolicyInForce(t.db, systemId, "2026-06-01");
    await setWebPassword(t.db, systemId, patronId, "yomu2026", policy, t.clock.now());
    const res = await t.request("/api/v1/userpage/auth/patron", {
      method: "POST",
      json: { cardNumber, password: "yomu2026" },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const token = (await json(res)).token as string;
    return {
      reserve: (recordId: number, extra: Record<string, unknown> = {}) =>
        t.request("/api/v1/userpage/me/holds", {
          method: "POST",
          token,
          json: { recordId, pickupPoint: "main", contact: "email", ...extra },
        }),
      list: async () => (await json(await t.request("/api/v1/userpage/me/holds", { token }))).holds,
      cancel: (id: number) => t.request(`/api/v1/userpage/me/holds/${id}`, { method: "DELETE", token }),
      move: (id: number, pickupPoint: string) =>
        t.request(`/api/v1/userpage/me/holds/${id}`, { method: "PATCH", token, json: { pickupPoint } }),
    };
  }

  test("the blue wide-area card may not reserve; without an e-mail address the web refuses", async () => {
    const tt = await title([{ servicePoint: "main" }]);
    const blue = await patron();
    await t.db.execute(sql`UPDATE patrons SET registration_kind = 'wideArea' WHERE id = ${blue.id}`);
    const refused = await error(await atCounter(blue.id, tt.recordId));
    assert.equal(refused.code, "HOLD_NOT_ALLOWED_FOR_PATRON_TYPE");
    assert.equal(refused.details.registrationKind, "wideArea");

    const noMail = await patron({ email: undefined });
    const web = await signInOnWeb(noMail.id, noMail.cardNumber);
    assert.equal((await error(await web.reserve(tt.recordId))).code, "EMAIL_REQUIRED");
    assert.equal(
      (await error(await web.reserve(tt.recordId, { contact: "phone" }))).code,
      "CONTACT_METHOD_NOT_OFFERED",
    );
  });

  test("per type: books 5, magazines 2, counted over the counter and the web together", async () => {
    const reader = await patron();
    const web = await signInOnWeb(reader.id, reader.cardNumber);
    const books = [];
    for (let i = 0; i < 6; i++) books.push(await title([{ servicePoint: "main" }]));
    for (const [i, b] of books.slice(0, 5).entries()) {
      const res = i % 2 === 0 ? await atCounter(reader.id, b.recordId) : await web.reserve(b.recordId);
      assert.equal(res.status, 201, await res.clone().text());
    }
    const sixth = await error(await web.reserve(books[5]!.recordId));
    assert.equal(sixth.code, "HOLD_LIMIT_REACHED");
    assert.deepEqual(
      [sixth.details.limit, sixth.details.group.ja, sixth.details.max],
      ["materialType", "図書", 5],
    );
    // Another type still has room.
    const magazines = [];
    for (let i = 0; i < 3; i++)
      magazines.push(await title([{ servicePoint: "main", materialType: "magazine" }]));
    assert.equal((await web.reserve(magazines[0]!.recordId)).status, 201);
    assert.equal((await atCounter(reader.id, magazines[1]!.recordId)).status, 201);
    assert.equal((await error(await web.reserve(magazines[2]!.recordId))).details.group.ja, "雑誌");
    assert.equal((await web.list()).length, 7);
  });

  test("not reservable: R, A and M call numbers and weekly magazines; the latest issue at the counter only", async () => {
    const reader = await patron();
    const web = await signInOnWeb(reader.id, reader.cardNumber);
    for (const [callNumber, reason] of [
      ["R031", "参考資料(請求記号R)"],
      ["A291", "郷土資料(請求記号A)"],
      ["M726", "マンガ(請求記号M)"],
    ] as const) {
      const tt = await title([{ servicePoint: "main" }], callNumber);
      const refused = await error(await atCounter(reader.id, tt.recordId));
      assert.deepEqual([refused.code, refused.details.reason.ja], ["NOT_RESERVABLE", reason]);
    }
    const weekly = await title([{ servicePoint: "main", materialType: "weeklyMagazine" }]);
    assert.equal((await error(await atCounter(reader.id, weekly.recordId))).details.reason.ja, "週刊誌");
    const latest = await title([{ servicePoint: "main", materialType: "magazine", flags: "latestIssue" }]);
    const online = await error(await web.reserve(latest.recordId));
    assert.deepEqual([online.code, online.details.reason.ja], ["NOT_RESERVABLE", "雑誌(最新号)"]);
    assert.equal((await atCounter(reader.id, latest.recordId)).status, 201);
  });

  test("items unsuitable for transport are picked up at the main library only", async () => {
    const reader = await patron();
    const web = await signInOnWeb(reader.id, reader.cardNumber);
    const heavy = await title([{ servicePoint: "main", flags: "untransportable" }]);
    const refused = await error(await web.reserve(heavy.recordId, { pickupPoint: "north" }));
    assert.deepEqual([refused.code, refused.details.reason], ["PICKUP_POINT_NOT_ALLOWED", "untransportable"]);
    assert.match(refused.message, /受取場所/);
    assert.equal((await web.reserve(heavy.recordId, { pickupPoint: "main" })).status, 201);
  });

  test("the web may change or cancel until the reservation is ready, then only staff may cancel it", async () => {
    const [reader, borrower] = [await patron(), await patron()];
    const web = await signInOnWeb(reader.id, reader.cardNumber);
    const tt = await title([{ servicePoint: "main" }]);
    const lent = await s.post("/loans", {
      credential: { kind: "card", value: borrower.cardNumber },
      itemBarcode: tt.barcodes[0],
      servicePoint: "main",
    });
    assert.equal(lent.status, 201);
    const hold = await json(await web.reserve(tt.recordId));
    const moved = await web.move(hold.id, "north");
    assert.equal((await json(moved)).pickupPoint.code, "north");
    assert.equal((await web.move(hold.id, "main")).status, 200);
    await s.post("/returns", { itemBarcode: tt.barcodes[0], servicePoint: "main" });
    const [ready] = await web.list();
    assert.equal(ready.status, "ready");
    assert.equal((await error(await web.cancel(hold.id))).code, "HOLD_READY_CANNOT_CANCEL_ONLINE");
    assert.equal((await error(await web.move(hold.id, "north"))).code, "HOLD_READY_CANNOT_CHANGE_ONLINE");
    const byStaff = await t.request(`/api/v1/userpage/holds/${hold.id}`, {
      method: "DELETE",
      token: s.token,
    });
    assert.equal((await json(byStaff)).status, "cancelled");
    // Another patron's reservation is not the patron's to see.
    const other = await patron();
    const otherHold = await json(await atCounter(other.id, tt.recordId));
    assert.equal((await error(await web.cancel(otherHold.id))).code, "HOLD_NOT_FOUND");
  });
});
