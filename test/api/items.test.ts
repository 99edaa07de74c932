import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyNumber } from "../../src/domain/barcodes/check-digit.ts";
import { importCsv, presetItemFormat, testBarcode } from "../support/catalogue-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("items", () => {
  let t: TestApp;
  let token: string;
  let recordId: number;

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("hiratsuka");
    await importCsv(t, "hiratsuka", token, [
      { controlNumber: "I-1", title: "蜘蛛の糸", titleReading: "クモ ノ イト", year: "1918" },
    ]);
    const found = await json(
      await t.request(`/api/v1/hiratsuka/search?title=${encodeURIComponent("蜘蛛の糸")}`),
    );
    recordId = found.results[0].id;
  });
  after(() => t.close());

  const post = (body: unknown) => t.request("/api/v1/hiratsuka/items", { method: "POST", token, json: body });

  test("an item without a barcode gets the next barcode of the policy's format", async () => {
    const res = await post({
      recordId,
      materialType: "book",
      callNumber: "913.6/ア",
      servicePoint: "central",
    });
    assert.equal(res.status, 201, await res.clone().text());
    const item = await json(res);
    assert.deepEqual(verifyNumber(presetItemFormat, item.barcode), { ok: true });
    assert.equal(item.status, "onShelf");
    assert.equal(item.receivedOn, "2026-04-01");
    const second = await json(
      await post({ recordId, materialType: "book", callNumber: "913.6/ア", servicePoint: "central" }),
    );
    assert.notEqual(second.barcode, item.barcode);
    const record = await json(await t.request(`/api/v1/hiratsuka/records/${recordId}`));
    assert.equal(record.availability.total, 2);
  });

  test("a given barcode is verified: a wrong check digit is INVALID_BARCODE_CHECK_DIGIT", async () => {
    const good = testBarcode(10);
    const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 3) % 10}`;
    const refused = await post({
      recordId,
      barcode: bad,
      materialType: "book",
      callNumber: "x",
      servicePoint: "central",
    });
    assert.equal(refused.status, 422);
    const error = (await json(refused)).error;
    assert.equal(error.code, "INVALID_BARCODE_CHECK_DIGIT");
    assert.equal(error.details.expected, good.slice(-1));
    const wrongLength = await post({
      recordId,
      barcode: "12345",
      materialType: "book",
      callNumber: "x",
      servicePoint: "central",
    });
    assert.equal((await json(wrongLength)).error.code, "INVALID_BARCODE");
    const ok = await post({
      recordId,
      barcode: good,
      materialType: "book",
      callNumber: "x",
      servicePoint: "central",
    });
    assert.equal(ok.status, 201);
    const again = await post({
      recordId,
      barcode: good,
      materialType: "book",
      callNumber: "x",
      servicePoint: "central",
    });
    assert.equal(again.status, 409);
    assert.equal((await json(again)).error.code, "ITEM_BARCODE_TAKEN");
  });

  test("scanning a barcode with a bad check digit is refused before lookup", async () => {
    const good = testBarcode(10);
    const res = await t.request(
      `/api/v1/hiratsuka/items/${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`,
    );
    assert.equal(res.status, 422);
    assert.equal((await json(res)).error.code, "INVALID_BARCODE_CHECK_DIGIT");
    const found = await json(await t.request(`/api/v1/hiratsuka/items/${good}`));
    assert.equal(found.recordId, recordId);
    assert.equal(found.availability, "onShelf");
    assert.equal((await t.request(`/api/v1/hiratsuka/items/${testBarcode(11)}`)).status, 404);
  });

  test("staff change an item; unknown service points and bad flags are refused", async () => {
    const barcode = testBarcode(10);
    const res = await t.request(`/api/v1/hiratsuka/items/${barcode}`, {
      method: "PATCH",
      token,
      json: { flags: ["inLibraryOnly"], callNumber: "R 913/ア" },
    });
    assert.equal(res.status, 200);
    const item = await json(res);
    assert.equal(item.availability, "inLibraryOnly");
    assert.equal(item.callNumber, "R 913/ア");
    const unknown = await t.request(`/api/v1/hiratsuka/items/${barcode}`, {
      method: "PATCH",
      token,
      json: { servicePoint: "atlantis" },
    });
    assert.equal((await json(unknown)).error.code, "UNKNOWN_SERVICE_POINT");
    const badFlag = await t.request(`/api/v1/hiratsuka/items/${barcode}`, {
      method: "PATCH",
      token,
      json: { flags: ["cursed"] },
    });
    assert.equal(badFlag.status, 422);
  });

  test("withdrawing keeps the item on record and out of availability", async () => {
    const barcode = testBarcode(10);
    const res = await t.request(`/api/v1/hiratsuka/items/${barcode}?reason=${encodeURIComponent("汚損")}`, {
      method: "DELETE",
      token,
    });
    assert.equal(res.status, 200);
    assert.equal((await json(res)).status, "withdrawn");
    const again = await t.request(`/api/v1/hiratsuka/items/${barcode}`, { method: "DELETE", token });
    assert.equal((await json(again)).error.code, "ITEM_ALREADY_WITHDRAWN");
    const record = await json(await t.request(`/api/v1/hiratsuka/records/${recordId}`));
    assert.ok(!record.items.some((i: { barcode: string }) => i.barcode === barcode));
  });

  test("the NW-7 label is an SVG of the barcode", async () => {
    const res = await t.request(`/api/v1/hiratsuka/items/${testBarcode(10)}/label.svg`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/svg+xml");
    const svg = await res.text();
    assert.match(svg, /^<svg/);
    assert.ok(svg.includes(testBarcode(10)));
  });

  test("changing items needs a signed-in staff member", async () => {
    const res = await t.request("/api/v1/hiratsuka/items", {
      method: "POST",
      json: { recordId, materialType: "book", callNumber: "x", servicePoint: "central" },
    });
    assert.equal(res.status, 401);
  });

  test("the catalogue exports as MARC and CSV, and the MARC export imports back unchanged", async () => {
    const marc = await t.request("/api/v1/hiratsuka/exports/catalogue?format=marc", { token });
    assert.equal(marc.status, 200);
    const bytes = new Uint8Array(await marc.arrayBuffer());
    assert.ok(bytes.length > 0);
    const csv = await (await t.request("/api/v1/hiratsuka/exports/catalogue?format=csv", { token })).text();
    assert.match(csv, /^\uFEFF?controlNumber,isbn,title/);
    assert.ok(csv.includes("蜘蛛の糸"));
    const res = await t.request("/api/v1/hiratsuka/imports", {
      method: "POST",
      token,
      headers: { "content-type": "application/marc" },
      body: bytes,
    });
    const { id } = await json(res);
    await t.runJobs();
    const done = await json(await t.request(`/api/v1/hiratsuka/imports/${id}`, { token }));
    assert.equal(done.status, "done");
    assert.equal(done.failed, 0, JSON.stringify(done.errors.slice(0, 3)));
    assert.equal(done.imported, 0);
    assert.equal(done.updated, done.total);
    const record = await json(await t.request(`/api/v1/hiratsuka/records/${recordId}`));
    assert.equal(record.titleReading, "クモ ノ イト");
    assert.equal(record.publicationYear, 1918);
  });
});
