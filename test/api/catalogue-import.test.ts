import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/marc/${name}`, import.meta.url));
const itemFormat = { length: 10, prefix: "2", checkDigit: "mod10w21", start: "A", stop: "A" } as const;
const barcode = (serial: number) => completeNumber(itemFormat, 900000 + serial);

describe("catalogue import", () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp();
    token = await t.signIn("kashiwa");
  });
  after(() => t.close());

  async function importFile(body: string | Buffer, contentType: string) {
    const res = await t.request("/api/v1/kashiwa/imports", {
      method: "POST",
      token,
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { id, status } = await json(res);
    assert.equal(status, "queued");
    assert.ok((await t.runJobs()) >= 1);
    const done = await json(await t.request(`/api/v1/kashiwa/imports/${id}`, { token }));
    assert.equal(done.status, "done", JSON.stringify(done));
    return done;
  }

  const search = async (query: string) => json(await t.request(`/api/v1/kashiwa/search?${query}`));

  test("a JAPAN/MARC MARC 21 file is imported with readings, classes and authors", async () => {
    const result = await importFile(fixture("enju-ndl-japanmarc21-subset.mrc"), "application/marc");
    assert.deepEqual(
      { total: result.total, imported: result.imported, updated: result.updated, failed: result.failed },
      { total: 30, imported: 30, updated: 0, failed: 0 },
    );
    const found = await search("q=%E3%81%93%E3%82%8C%E3%81%8B%E3%82%89%E3%81%AE%E6%9C%AC"); // これからの本
    const hit = found.results.find((r: { title: string }) => r.title.startsWith("これからの本の話をしよう"));
    assert.ok(hit, JSON.stringify(found.results.map((r: { title: string }) => r.title)));
    const record = await json(await t.request(`/api/v1/kashiwa/records/${hit.id}`));
    assert.equal(record.titleReading, "コレカラ ノ ホン ノ ハナシ オ シヨウ");
    assert.equal(record.isbn13, "9784794970756");
    assert.equal(record.ndc, "023");
    assert.equal(record.ndlc, "UE13");
    assert.deepEqual(record.authors, [{ name: "萩野, 正昭", reading: "ハギノ, マサアキ" }]);
    assert.equal(record.responsibility, "萩野正昭 著");
  });

  test("a hiragana query finds a kanji title by its reading", async () => {
    const found = await search(`q=${encodeURIComponent("はなし")}&title=${encodeURIComponent("ほん")}`);
    assert.ok(found.results.some((r: { title: string }) => r.title.startsWith("これからの本の話")));
  });

  test("importing the same file again updates instead of duplicating", async () => {
    const before = (await search("q=%E6%9C%AC")).total;
    const result = await importFile(fixture("enju-ndl-japanmarc21-subset.mrc"), "application/marc");
    assert.deepEqual(
      { imported: result.imported, updated: result.updated, failed: result.failed },
      {
        imported: 0,
        updated: 30,
        failed: 0,
      },
    );
    assert.equal((await search("q=%E6%9C%AC")).total, before);
  });

  test("the same records as MARCXML match on their control numbers", async () => {
    const result = await importFile(fixture("enju-ndl-japanmarc21-subset.xml"), "application/marcxml+xml");
    assert.deepEqual(
      { imported: result.imported, updated: result.updated, failed: result.failed },
      {
        imported: 0,
        updated: 30,
        failed: 0,
      },
    );
  });

  test("an LC record takes its title from the vernacular 880", async () => {
    const result = await importFile(fixture("blacklight-lc-japanese-880.mrc"), "application/marc");
    assert.equal(result.failed, 0);
    const found = await search(`q=${encodeURIComponent("火山灰地")}`);
    assert.ok(found.results.some((r: { title: string }) => r.title.includes("久保栄「火山灰地」を読む")));
  });

  test("broken records are counted as failed with their position and reason, the others imported", async () => {
    const result = await importFile(fixture("pymarc-bad-records.mrc"), "application/marc");
    assert.ok(result.failed >= 6, JSON.stringify(result));
    assert.equal(result.errors.length, result.failed);
    for (const error of result.errors) {
      assert.ok(Number.isInteger(error.position) && error.position >= 1);
      assert.ok(error.reason.length > 0);
    }
    assert.equal(result.total, result.imported + result.updated + result.failed);
  });

  test("a MARC-8 record is refused as not UTF-8", async () => {
    const result = await importFile(fixture("pymarc-marc8-japanese-bad-eacc.mrc"), "application/marc");
    assert.equal(result.failed, 1);
    assert.match(result.errors[0].reason, /UTF-8/);
  });

  test("CSV rows become records with items; a bad check digit refuses that record only", async () => {
    const good = barcode(1);
    const second = barcode(2);
    const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
    const csv = [
      "controlNumber,isbn,title,titleReading,authors,authorReadings,publisher,year,ndc,barcode,materialType,callNumber,servicePoint,flags,receivedOn",
      `CSV-1,978-4-10-101001-4,吾輩は猫である,ワガハイ ワ ネコ デ アル,"夏目, 漱石","ナツメ, ソウセキ",新潮社,1905,913.6,${good},book,913.6/ナ,${"central"},,2026-03-20`,
      `CSV-1,978-4-10-101001-4,吾輩は猫である,ワガハイ ワ ネコ デ アル,"夏目, 漱石","ナツメ, ソウセキ",新潮社,1905,913.6,${second},book,913.6/ナ,central,inLibraryOnly,2026-03-21`,
      `CSV-2,,坊っちゃん,ボッチャン,"夏目, 漱石",,新潮社,1906,913.6,${bad},book,913.6/ナ,central,,`,
    ].join("\n");
    const points = await json(await t.request("/api/v1/kashiwa/service-points"));
    const central = points.servicePoints.find((p: { type: string }) => p.type === "main").code;
    const result = await importFile(csv.replaceAll(",central,", `,${central},`), "text/csv");
    assert.equal(result.imported, 1);
    assert.equal(result.failed, 1);
    assert.equal(result.errors[0].position, 4);
    assert.match(result.errors[0].reason, /check digit/);
    const found = await search(`q=${encodeURIComponent("わがはい")}`);
    const hit = found.results.find((r: { title: string }) => r.title === "吾輩は猫である");
    assert.deepEqual(hit.availability, { available: 2, total: 2, queueLength: 0 });
    const record = await json(await t.request(`/api/v1/kashiwa/records/${hit.id}`));
    assert.deepEqual(
      record.items.map((i: { barcode: string; availability: string }) => [i.barcode, i.availability]),
      [
        [good, "onShelf"],
        [second, "inLibraryOnly"],
      ],
    );
    assert.equal((await search(`q=${encodeURIComponent("坊っちゃん")}`)).total, 0);
  });

  test("a TSV file is read with tabs", async () => {
    const tsv = ["controlNumber\ttitle\ttitleReading", "TSV-1\t檸檬\tレモン"].join("\n");
    const result = await importFile(tsv, "text/tab-separated-values");
    assert.equal(result.imported, 1);
    assert.equal((await search(`q=${encodeURIComponent("れもん")}`)).total, 1);
  });

  test("a file that is not what its type says is refused with 415, an empty one with 422", async () => {
    const post = (body: string, type: string) =>
      t.request("/api/v1/kashiwa/imports", {
        method: "POST",
        token,
        headers: { "content-type": type },
        body,
      });
    const pdf = await post("%PDF-1.7\n...", "application/marc");
    assert.equal(pdf.status, 415);
    assert.equal((await json(pdf)).error.code, "UNSUPPORTED_IMPORT_FORMAT");
    assert.equal((await post("title\nx", "application/pdf")).status, 415);
    assert.equal((await post("no header here", "text/csv")).status, 415);
    const empty = await post("", "text/csv");
    assert.equal(empty.status, 422);
    assert.equal((await json(empty)).error.code, "IMPORT_FILE_EMPTY");
  });

  test("only an administrator imports", async () => {
    const res = await t.request("/api/v1/kashiwa/imports", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "title\nx",
    });
    assert.equal(res.status, 401);
  });
});
