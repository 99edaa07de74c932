import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { withTenant } from "../../src/db/tenant.ts";
import { importCsv, testBarcode } from "../support/catalogue-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("catalogue search", () => {
  let t: TestApp;
  let token: string;
  const ids = new Map<string, number>();
  const search = async (query: string) => {
    const res = await t.request(`/api/v1/takarazuka/search?${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return json(res);
  };
  const titles = async (query: string): Promise<string[]> =>
    (await search(query)).results.map((r: { title: string }) => r.title);

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
    await importCsv(t, "takarazuka", token, [
      {
        controlNumber: "S-1",
        title: "麒麟の翼",
        titleReading: "キリン ノ ツバサ",
        authors: "東野, 圭吾",
        authorReadings: "ヒガシノ, ケイゴ",
        publisher: "講談社",
        year: "2011",
        isbn: "9784062173254",
        ndc: "913.6",
        items: [
          {
            barcode: testBarcode(1),
            servicePoint: "central",
            callNumber: "913.6/ヒ",
            receivedOn: "2026-03-20",
          },
          {
            barcode: testBarcode(2),
            servicePoint: "nishitani",
            callNumber: "913.6/ヒ",
            receivedOn: "2026-03-25",
          },
        ],
      },
      {
        controlNumber: "S-2",
        title: "鬱金香の庭",
        titleReading: "ウコンコウ ノ ニワ",
        authors: "架空, 太郎",
        publisher: "架空書房",
        year: "1999",
        ndc: "596",
        subjects: "園芸",
        items: [
          {
            barcode: testBarcode(3),
            servicePoint: "central",
            callNumber: "R 596/カ",
            flags: "inLibraryOnly",
          },
        ],
      },
      {
        controlNumber: "S-3",
        title: "コーヒーの鬱学",
        titleReading: "コーヒー ノ ウツガク",
        publisher: "麒麟出版",
        year: "2024",
        ndc: "596.7",
        items: [
          {
            barcode: testBarcode(4),
            servicePoint: "central",
            materialType: "magazine",
            callNumber: "596/コ",
            receivedOn: "2025-01-10",
          },
        ],
      },
    ]);
    for (const [cn, title] of [
      ["S-1", "麒麟の翼"],
      ["S-2", "鬱金香の庭"],
      ["S-3", "コーヒーの鬱学"],
    ] as const) {
      const found = await search(`title=${encodeURIComponent(title)}`);
      ids.set(cn, found.results.find((r: { title: string }) => r.title === title).id);
    }
  });
  after(() => t.close());

  test("a one-character kanji query finds its records", async () => {
    const found = await titles(`q=${encodeURIComponent("鬱")}`);
    assert.ok(found.includes("鬱金香の庭"));
    assert.ok(found.includes("コーヒーの鬱学"));
    assert.ok(!found.includes("麒麟の翼"));
  });

  test("two- and three-character kanji queries find their records", async () => {
    assert.ok((await titles(`q=${encodeURIComponent("麒麟")}`)).includes("麒麟の翼"));
    assert.ok((await titles(`q=${encodeURIComponent("鬱金香")}`)).includes("鬱金香の庭"));
    assert.ok(!(await titles(`q=${encodeURIComponent("鬱金香")}`)).includes("コーヒーの鬱学"));
  });

  test("a hiragana query finds a kanji title through its reading, and kana of any width matches", async () => {
    assert.ok((await titles(`q=${encodeURIComponent("きりん")}`)).includes("麒麟の翼"));
    assert.ok((await titles(`q=${encodeURIComponent("ｷﾘﾝ")}`)).includes("麒麟の翼"));
    assert.ok((await titles(`q=${encodeURIComponent("コーヒ")}`)).includes("コーヒーの鬱学"));
    assert.ok((await titles(`q=${encodeURIComponent("こーひー")}`)).includes("コーヒーの鬱学"));
  });

  test("an author's name or reading finds the book, and field search keeps to its field", async () => {
    assert.ok((await titles(`q=${encodeURIComponent("ひがしの けいご")}`)).includes("麒麟の翼"));
    assert.ok((await titles(`author=${encodeURIComponent("東野")}`)).includes("麒麟の翼"));
    // 麒麟 is in one title and in another book's publisher: the title field finds only the first.
    const byTitle = await titles(`title=${encodeURIComponent("麒麟")}`);
    assert.ok(byTitle.includes("麒麟の翼"));
    assert.ok(!byTitle.includes("コーヒーの鬱学"));
    assert.ok((await titles(`publisher=${encodeURIComponent("麒麟")}`)).includes("コーヒーの鬱学"));
    assert.ok((await titles(`subject=${encodeURIComponent("園芸")}`)).includes("鬱金香の庭"));
  });

  test("an ISBN is found with or without hyphens, in 13 or 10 digits", async () => {
    for (const isbn of ["9784062173254", "978-4-06-217325-4", "4062173255", "4-06-217325-5"]) {
      assert.deepEqual(await titles(`q=${encodeURIComponent(isbn)}`), ["麒麟の翼"], isbn);
      assert.deepEqual(await titles(`isbn=${encodeURIComponent(isbn)}`), ["麒麟の翼"], isbn);
    }
  });

  test("NDC and call number match from their beginning", async () => {
    const ndc = await titles("ndc=596");
    assert.ok(ndc.includes("鬱金香の庭") && ndc.includes("コーヒーの鬱学"));
    assert.ok(!ndc.includes("麒麟の翼"));
    assert.deepEqual(await titles(`callNumber=${encodeURIComponent("R 596")}`), ["鬱金香の庭"]);
  });

  test("results carry availability and facets; filters narrow them", async () => {
    const found = await search(`q=${encodeURIComponent("鬱")}`);
    const garden = found.results.find((r: { title: string }) => r.title === "鬱金香の庭");
    assert.deepEqual(garden.availability, { available: 1, total: 1, queueLength: 0 });
    assert.equal(garden.titleReading, "ウコンコウ ノ ニワ");
    const types = Object.fromEntries(
      found.facets.materialType.map((f: { value: string; count: number }) => [f.value, f.count]),
    );
    assert.ok(types.book >= 1 && types.magazine >= 1);
    assert.deepEqual(await titles(`q=${encodeURIComponent("鬱")}&materialType=magazine`), ["コーヒーの鬱学"]);
    assert.deepEqual(
      (await titles(`q=${encodeURIComponent("麒麟")}&servicePoint=nishitani`)).filter(
        (x) => x === "麒麟の翼",
      ),
      ["麒麟の翼"],
    );
    assert.ok(!(await titles(`q=${encodeURIComponent("鬱")}&servicePoint=nishitani`)).includes("鬱金香の庭"));
    assert.deepEqual(await titles(`q=${encodeURIComponent("鬱")}&yearFrom=2020&yearTo=2029`), [
      "コーヒーの鬱学",
    ]);
  });

  test("newest first orders by publication year", async () => {
    const found = await titles(`q=${encodeURIComponent("鬱")}&sort=newest`);
    assert.ok(found.indexOf("コーヒーの鬱学") < found.indexOf("鬱金香の庭"));
  });

  test("the queue length counts the title's pending reservations", async () => {
    const id = ids.get("S-1") as number;
    const systemId = await t.systemId("takarazuka");
    await withTenant(t.db, systemId, async (tx) => {
      for (const status of ["pending", "pending", "cancelled"]) {
        await tx.execute(sql`INSERT INTO holds (library_system_id, record_id, status, created_at)
          VALUES (${systemId}, ${id}, ${status}, now())`);
      }
    });
    const hit = (await search(`q=${encodeURIComponent("麒麟の翼")}`)).results.find(
      (r: { id: number }) => r.id === id,
    );
    assert.equal(hit.availability.queueLength, 2);
    const record = await json(await t.request(`/api/v1/takarazuka/records/${id}`));
    assert.equal(record.availability.queueLength, 2);
  });

  test("paging splits the results", async () => {
    const all = await search(`q=${encodeURIComponent("の")}&pageSize=2`);
    assert.ok(all.total > 2);
    const second = await search(`q=${encodeURIComponent("の")}&pageSize=2&page=2`);
    assert.equal(second.results.length, 2);
    assert.notDeepEqual(second.results[0].id, all.results[0].id);
  });

  test("a query longer than 200 characters is refused with 400 QUERY_TOO_LONG", async () => {
    const res = await t.request(`/api/v1/takarazuka/search?q=${"あ".repeat(201)}`);
    assert.equal(res.status, 400);
    assert.equal((await json(res)).error.code, "QUERY_TOO_LONG");
  });

  test("SQL and tsquery syntax in a query is just text", async () => {
    for (const q of ["'; DROP TABLE items; --", "a & b | !c", "麒麟:* <-> (翼)", "\\", "''"]) {
      const res = await t.request(`/api/v1/takarazuka/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
    }
    assert.ok((await titles(`q=${encodeURIComponent("麒麟:* & (翼)")}`)).includes("麒麟の翼"));
  });

  test("an unknown service point in a search is refused, not silently empty", async () => {
    const res = await t.request(
      `/api/v1/takarazuka/search?q=${encodeURIComponent("麒麟")}&servicePoint=atlantis`,
    );
    assert.equal(res.status, 422);
    assert.equal((await json(res)).error.code, "UNKNOWN_SERVICE_POINT");
  });

  test("new arrivals list records received in the last 30 days, by NDC class and library", async () => {
    const arrivals = async (query: string) => {
      const res = await t.request(`/api/v1/takarazuka/new-arrivals?pageSize=100${query}`);
      assert.equal(res.status, 200);
      const body = await json(res);
      return body.results.map((r: { recordId: number }) => r.recordId) as number[];
    };
    const kirin = ids.get("S-1") as number;
    const coffee = ids.get("S-3") as number;
    const all = await arrivals("");
    assert.ok(all.includes(kirin), "received 2026-03-25, a week before the test day");
    assert.ok(!all.includes(coffee), "received over a year ago");
    assert.ok((await arrivals("&ndc=9")).includes(kirin));
    assert.ok(!(await arrivals("&ndc=5")).includes(kirin));
    assert.ok((await arrivals("&servicePoint=nishitani")).includes(kirin));
    assert.ok(!(await arrivals("&servicePoint=higashi")).includes(kirin));
    const newest = await json(await t.request("/api/v1/takarazuka/new-arrivals?pageSize=100"));
    const received = newest.results.map((r: { receivedOn: string }) => r.receivedOn);
    assert.deepEqual(received, [...received].sort().reverse(), "newest first");
    const unknown = await t.request("/api/v1/takarazuka/new-arrivals?servicePoint=atlantis");
    assert.equal((await json(unknown)).error.code, "UNKNOWN_SERVICE_POINT");
  });

  test("a record that does not exist is 404", async () => {
    const res = await t.request("/api/v1/takarazuka/records/999999999");
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, "RECORD_NOT_FOUND");
  });
});
