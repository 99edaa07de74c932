import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockItems } from "../support/circulation-fixtures.ts";
import { hiratsukaResident, registerAtCounter, residentOf, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 003 (利用者のページ): a renewal adds two weeks to the first due date and is possible on the day of the
// loan. Document 000 (平塚市): the My Number card is not accepted at the community centres' pickup counters.
describe("circulation in the user-page library (003) and Hiratsuka (000)", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ testClock: true });
  });
  after(() => t.close());

  test("003: renewed on the day of the loan, the new due date is two weeks after the first one", async () => {
    const s = await scenario(t, "userpage");
    await s.at("2026-06-03");
    const reader = await registerAtCounter(
      t,
      "userpage",
      s.token,
      residentOf("本市", "東京都", {
        ...uniqueKana(),
        address: { postalCode: "100-0001", prefecture: "東京都", city: "本市", street: "1-1" },
      }),
    );
    const [book] = await stockItems(t, "userpage", s.token, [{ servicePoint: "main" }]);
    const loan = await json(
      await s.post("/loans", {
        credential: { kind: "card", value: reader.cardNumber },
        itemBarcode: book!.barcode,
        servicePoint: "main",
      }),
    );
    assert.equal(loan.dueDate, "2026-06-17");
    const renewed = await s.post(`/loans/${loan.id}/renewals`, {});
    assert.equal(renewed.status, 201, await renewed.clone().text());
    assert.equal((await json(renewed)).dueDate, "2026-07-01");
    // 003 renews on the web and at the counter, not by phone.
    const [other] = await stockItems(t, "userpage", s.token, [{ servicePoint: "main" }]);
    const second = await json(
      await s.post("/loans", {
        credential: { kind: "card", value: reader.cardNumber },
        itemBarcode: other!.barcode,
        servicePoint: "main",
      }),
    );
    const byPhone = await s.post(`/loans/${second.id}/renewals`, { channel: "phone" });
    assert.equal((await json(byPhone)).error.code, "RENEWAL_CHANNEL_NOT_OFFERED");
  });

  test("000: a My Number card lends at a library but not at a community centre's pickup counter", async () => {
    const s = await scenario(t, "hiratsuka");
    await s.at("2026-04-01");
    const reader = await registerAtCounter(t, "hiratsuka", s.token, hiratsukaResident(uniqueKana()));
    const linked = await s.post(`/patrons/${reader.id}/my-number-link`, {
      userCertificate: "fake-cert:circ1",
      cardFace: { name: "平塚 花子", address: "神奈川県平塚市浅間町12-41", birthDate: "1990-05-15" },
      termsAccepted: true,
    });
    assert.equal(linked.status, 201, await linked.clone().text());
    const [a, b] = await stockItems(t, "hiratsuka", s.token, [
      { servicePoint: "central" },
      { servicePoint: "central" },
    ]);
    const byMyNumber = (itemBarcode: string, servicePoint: string) =>
      s.post("/loans", {
        credential: { kind: "mynumber", value: "mkp-hiratsuka-circ1" },
        itemBarcode,
        servicePoint,
      });
    assert.equal((await byMyNumber(a!.barcode, "central")).status, 201);
    const refused = await json(await byMyNumber(b!.barcode, "kanome-cc"));
    assert.equal(refused.error.code, "CREDENTIAL_NOT_ACCEPTED_HERE");
    assert.deepEqual(refused.error.details.accepted, ["card"]);
    // The card itself is accepted there.
    const byCard = await s.post("/loans", {
      credential: { kind: "card", value: reader.cardNumber },
      itemBarcode: b!.barcode,
      servicePoint: "kanome-cc",
    });
    assert.equal(byCard.status, 201, await byCard.clone().text());
  });

  test("004: online lending without a visit, only for patrons who applied for it", async () => {
    const s = await scenario(t, "aomori");
    await s.at("2026-06-03");
    const resident = (preferences: Record<string, unknown>) =>
      registerAtCounter(
        t,
        "aomori",
        s.token,
        residentOf("青森市", "青森県", {
          ...uniqueKana(),
          address: { postalCode: "030-0801", prefecture: "青森県", city: "青森市", street: "新町1-1" },
          preferences,
        }),
      );
    const applied = await resident({ deliveryLending: true });
    const notApplied = await resident({});
    const [a, b] = await stockItems(t, "aomori", s.token, [
      { servicePoint: "main" },
      { servicePoint: "main" },
    ]);
    const lendOnline = (cardNumber: string, itemBarcode: string) =>
      s.post("/loans", {
        credential: { kind: "card", value: cardNumber },
        itemBarcode,
        servicePoint: "main",
        delivery: "online",
      });
    assert.equal(
      (await json(await lendOnline(notApplied.cardNumber, a!.barcode))).error.code,
      "DELIVERY_LENDING_NOT_APPLIED",
    );
    const lent = await lendOnline(applied.cardNumber, b!.barcode);
    assert.equal(lent.status, 201, await lent.clone().text());
    assert.equal((await json(lent)).dueDate, "2026-06-24", "three weeks including transport");
  });
});
