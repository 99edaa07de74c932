import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { textOf } from "../support/page-browser.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The address from the postal code (Japan Post's data): the API for any client, and the htmx fragment the forms'
// button swaps in, which keeps what was typed.
describe("address lookup from the postal code", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("the API answers the prefecture, city and town; an unknown code is a 404", async () => {
    const res = await t.request("/api/v1/kashiwa/postal-codes/277-0005");
    assert.equal(res.status, 200);
    assert.deepEqual((await json(res)).addresses, [{ prefecture: "千葉県", city: "柏市", town: "柏" }]);
    const fullWidth = await t.request(
      `/api/v1/aomori/postal-codes/${encodeURIComponent("〒０３０－０８０１")}`,
    );
    assert.deepEqual((await json(fullWidth)).addresses[0], {
      prefecture: "青森県",
      city: "青森市",
      town: "新町",
    });
    const unknown = await t.request("/api/v1/kashiwa/postal-codes/0000000");
    assert.equal(unknown.status, 404);
    assert.equal((await json(unknown)).error.code, "POSTAL_CODE_NOT_FOUND");
  });

  test("the fragment fills the empty fields in and keeps the typed street", async () => {
    const filled = await (
      await t.request("/hiratsuka/address-lookup?form=apply&address.postalCode=2540041")
    ).text();
    assert.match(filled, /id="apply-address"/);
    assert.match(
      filled,
      /name="address.prefecture"[^>]*value="神奈川県"|value="神奈川県"[^>]*name="address.prefecture"/,
    );
    assert.match(filled, /value="平塚市"/);
    assert.match(filled, /value="浅間町"/);
    assert.match(textOf(filled), /郵便番号から住所を入力しました/);

    const typed = await (
      await t.request(
        `/hiratsuka/address-lookup?form=reg&address.postalCode=2540041&address.street=${encodeURIComponent("浅間町12-41")}`,
      )
    ).text();
    assert.match(typed, /value="浅間町12-41"/);

    const unknown = await (
      await t.request("/hiratsuka/address-lookup?form=reg&address.postalCode=0000000")
    ).text();
    assert.match(unknown, /id="reg-address-postalCode-error"/);
    assert.match(textOf(unknown), /この郵便番号の住所が見つかりません/);
  });
});
