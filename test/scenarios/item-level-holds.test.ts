import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// No seed reserves a particular copy, but the policy can allow it: then a reservation may name a copy, and only
// that copy's return fills it. Refused (ITEM_LEVEL_HOLD_NOT_OFFERED) while the policy does not allow it.
describe("item-level reservations where the policy allows them", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-06-01");
  });
  after(() => t.close());

  const reserve = (patronId: string, recordId: number, itemBarcode: string) =>
    s.post("/holds", {
      patronId,
      channel: "counter",
      recordId,
      itemBarcode,
      pickupPoint: "central",
      contact: "none",
    });

  test("refused while the policy keeps reservations title-level", async () => {
    const reader = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const title = await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const res = await reserve(reader.id, title.recordId, title.barcodes[0]!);
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "ITEM_LEVEL_HOLD_NOT_OFFERED");
  });

  test("allowed by the policy: the named copy, and no other, fills the reservation; the staff page offers it", async () => {
    const { policy } = await json(await t.request("/api/v1/takarazuka/policy", { token: s.token }));
    policy.holds.itemLevelAllowed = true;
    const published = await t.request("/api/v1/takarazuka/policy", {
      method: "PUT",
      token: s.token,
      json: { policy },
    });
    assert.equal(published.status, 201, await published.clone().text());

    const [owner, reader] = [
      await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana())),
      await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana())),
    ];
    const title = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "central" },
      { servicePoint: "central" },
    ]);
    const [first, second] = title.barcodes as [string, string];
    for (const barcode of [first, second]) {
      const lent = await s.post("/loans", {
        credential: { kind: "card", value: owner.cardNumber },
        itemBarcode: barcode,
        servicePoint: "central",
      });
      assert.equal(lent.status, 201);
    }
    const placed = await reserve(reader.id, title.recordId, second);
    assert.equal(placed.status, 201, await placed.clone().text());
    const hold = await json(placed);
    const unknownCopy = await reserve(reader.id, title.recordId, "2999999999");
    assert.equal((await json(unknownCopy)).error.code, "ITEM_NOT_FOUND");

    await s.post("/returns", { itemBarcode: first, servicePoint: "central" });
    const stillPending = await json(
      await t.request(`/api/v1/takarazuka/holds/${hold.id}`, { token: s.token }),
    );
    assert.equal(stillPending.status, "pending");
    await s.post("/returns", { itemBarcode: second, servicePoint: "central" });
    const ready = await json(await t.request(`/api/v1/takarazuka/holds/${hold.id}`, { token: s.token }));
    assert.equal(ready.status, "ready");
    assert.deepEqual([ready.requestedItemBarcode, ready.itemBarcode], [second, second]);

    const staff = pageBrowser(t);
    await staff.page("/takarazuka/staff/sign-in");
    await staff.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    const page = await staff.page(`/takarazuka/staff/patrons/${owner.id}/holds`);
    assert.match(textOf(page.html), /この資料\(所蔵\)を指定する場合のバーコード/);
    const other = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "west" },
      { servicePoint: "central" },
    ]);
    const byPage = await staff.post(`/takarazuka/staff/patrons/${owner.id}/holds`, {
      recordId: String(other.recordId),
      itemBarcode: other.barcodes[1]!,
      channel: "counter",
      pickupPoint: "central",
      contact: "none",
    });
    assert.equal(byPage.status, 303);
    const listed = await json(
      await t.request(`/api/v1/takarazuka/holds?patron=${owner.id}`, { token: s.token }),
    );
    const made = listed.holds.find((h: { recordId: number }) => h.recordId === other.recordId);
    assert.equal(made.requestedItemBarcode, other.barcodes[1]);
    assert.equal(made.itemBarcode, null);
    const listedOnPage = textOf((await staff.page(`/takarazuka/staff/patrons/${owner.id}/holds`)).html);
    assert.match(listedOnPage, new RegExp(`指定の資料: ${other.barcodes[1]}`));
  });
});
