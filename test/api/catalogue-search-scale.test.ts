import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { withTenant } from "../../src/db/tenant.ts";
import { searchDocument } from "../../src/domain/catalogue/search-document.ts";
import { searchCatalogue, searchTuning } from "../../src/services/catalogue/search-catalogue.ts";
import { importCsv, testBarcode } from "../support/catalogue-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

type Summary = {
  id: number;
  materialTypes: string[];
  servicePointIds: string[];
  itemCount: number;
  availableItemCount: number;
};

describe("catalogue search at scale", () => {
  let t: TestApp;
  let token: string;
  let systemId: number;
  const search = async (query: string) => {
    const res = await t.request(`/api/v1/takarazuka/search?${query}`);
    assert.equal(res.status, 200, await res.clone().text());
    return json(res);
  };
  const facet = (found: { facets: Record<string, { value: string; count: number }[]> }, name: string) =>
    Object.fromEntries(found.facets[name]!.map((f) => [f.value, f.count]));
  const summaries = async (): Promise<Summary[]> =>
    withTenant(t.db, systemId, async (tx) =>
      resultRows<Summary>(
        await tx.execute(sql`
          SELECT id::int AS "id", material_types AS "materialTypes", service_point_ids::text[] AS "servicePointIds",
            item_count AS "itemCount", available_item_count AS "availableItemCount"
          FROM bibliographic_records WHERE library_system_id = ${systemId} ORDER BY id`),
      ),
    );

  /** Records whose title holds 鵺, one a year from 1950 on, written straight into the table (no items). */
  const insertNueRecords = async (count: number) => {
    const vector = searchDocument({
      controlNumber: null,
      title: "鵺の研究",
      titleReading: null,
      responsibility: null,
      authors: [],
      publisher: null,
      publicationYear: null,
      edition: null,
      series: [],
      isbn13: null,
      isbn10: null,
      ndc: null,
      ndlc: null,
      subjects: [],
      notes: [],
      language: null,
      extent: null,
    });
    await withTenant(t.db, systemId, (tx) =>
      tx.execute(sql`
        INSERT INTO bibliographic_records (library_system_id, title, publication_year, search_vector,
          material_types, item_count, available_item_count, created_at, updated_at)
        SELECT ${systemId}, '鵺の研究 ' || g, 1950 + g % 70, ${vector}::tsvector, '{book}', 1, 1, now(), now()
        FROM generate_series(1, ${count}) AS g`),
    );
  };

  const nueIds = async (yearFrom: number, yearTo: number) =>
    withTenant(t.db, systemId, async (tx) =>
      resultRows<{ id: number }>(
        await tx.execute(sql`SELECT id::int AS id FROM bibliographic_records
          WHERE library_system_id = ${systemId} AND title LIKE '鵺%'
            AND publication_year BETWEEN ${yearFrom} AND ${yearTo}`),
      ).map((r) => r.id),
    );

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
    systemId = await t.systemId("takarazuka");
    await importCsv(t, "takarazuka", token, [
      {
        controlNumber: "N-1",
        title: "鵼の巻",
        titleReading: "ヌエ ノ マキ",
        year: "2001",
        items: [{ barcode: testBarcode(101), servicePoint: "central", callNumber: "913.6/ヌ" }],
      },
    ]);
  });
  after(() => t.close());

  test("the import writes each new record's holdings summary as refresh_record_summary makes it", async () => {
    const written = await summaries();
    assert.ok(written.some((s) => s.itemCount > 0 && s.materialTypes.length > 0));
    await withTenant(t.db, systemId, (tx) =>
      tx.execute(sql`SELECT refresh_record_summary(${systemId}::integer,
        ARRAY(SELECT id FROM bibliographic_records WHERE library_system_id = ${systemId}))`),
    );
    assert.deepEqual(await summaries(), written);
  });

  test("facets and item filters follow items added, changed and withdrawn", async () => {
    const q = `q=${encodeURIComponent("鵼")}`;
    let found = await search(q);
    assert.equal(found.total, 1);
    const recordId = found.results[0].id;
    assert.deepEqual(facet(found, "materialType"), { book: 1 });
    assert.deepEqual(facet(found, "servicePoint"), { central: 1 });
    assert.deepEqual(facet(found, "availability"), { available: 1 });

    const added = await t.request("/api/v1/takarazuka/items", {
      method: "POST",
      token,
      json: { recordId, materialType: "dvd", callNumber: "778/ヌ", servicePoint: "nishitani" },
    });
    assert.equal(added.status, 201, await added.clone().text());
    const dvd = (await json(added)).barcode;
    found = await search(q);
    assert.deepEqual(facet(found, "materialType"), { book: 1, dvd: 1 });
    assert.deepEqual(facet(found, "servicePoint"), { central: 1, nishitani: 1 });
    assert.equal((await search(`${q}&materialType=dvd`)).total, 1);
    assert.equal((await search(`${q}&servicePoint=nishitani`)).total, 1);
    // A book at central and a DVD at nishitani: no one item is a book at nishitani.
    assert.equal((await search(`${q}&materialType=book&servicePoint=nishitani`)).total, 0);

    const changed = await t.request(`/api/v1/takarazuka/items/${dvd}`, {
      method: "PATCH",
      token,
      json: { servicePoint: "central" },
    });
    assert.equal(changed.status, 200);
    found = await search(q);
    assert.deepEqual(facet(found, "servicePoint"), { central: 1 });
    assert.equal((await search(`${q}&servicePoint=nishitani`)).total, 0);

    const withdrawn = await t.request(`/api/v1/takarazuka/items/${dvd}`, { method: "DELETE", token });
    assert.equal(withdrawn.status, 200);
    found = await search(q);
    assert.deepEqual(facet(found, "materialType"), { book: 1 });
    assert.equal((await search(`${q}&materialType=dvd`)).total, 0);
    assert.deepEqual(found.results[0].availability, { available: 1, total: 1, queueLength: 0 });
  });

  test("an item going out on loan leaves the available filter once its record's summary is refreshed, and a re-import keeps it so", async () => {
    const q = `q=${encodeURIComponent("鵼")}`;
    // What circulation does when it lends the item: the status and the summary in one transaction.
    await withTenant(t.db, systemId, async (tx) => {
      await tx.execute(sql`UPDATE items SET status = 'onLoan' WHERE barcode = ${testBarcode(101)}`);
      await tx.execute(sql`SELECT refresh_record_summary(${systemId}::integer,
        ARRAY(SELECT record_id FROM items WHERE barcode = ${testBarcode(101)}))`);
    });
    assert.equal((await search(`${q}&available=true`)).total, 0);
    assert.deepEqual(facet(await search(q), "availability"), { unavailable: 1 });

    await importCsv(t, "takarazuka", token, [
      {
        controlNumber: "N-1",
        title: "鵼の巻",
        year: "2001",
        items: [
          { barcode: testBarcode(101), servicePoint: "central", callNumber: "913.6/ヌ" },
          { barcode: testBarcode(102), servicePoint: "higashi", callNumber: "913.6/ヌ", materialType: "cd" },
        ],
      },
    ]);
    const found = await search(q);
    assert.deepEqual(facet(found, "availability"), { available: 1 });
    assert.deepEqual(facet(found, "materialType"), { book: 1, cd: 1 });
    assert.equal(
      (await search(`${q}&available=true&materialType=book`)).total,
      0,
      "the book is still on loan",
    );
    assert.equal((await search(`${q}&available=true&materialType=cd`)).total, 1);
  });

  test("more matches than the exact limit: an estimated total and facets, flagged, and 約 on the page", async () => {
    const count = searchTuning.exactLimit + 500;
    await insertNueRecords(count);
    const found = await search(`q=${encodeURIComponent("鵺")}`);
    assert.equal(found.totalIsEstimate, true);
    assert.equal(found.facetsAreEstimates, true);
    assert.ok(Math.abs(found.total - count) <= count * 0.2, `${found.total} is about ${count}`);
    assert.equal(found.results.length, 20);
    assert.ok(found.results.every((r: { title: string }) => r.title.startsWith("鵺の研究")));
    const books = facet(found, "materialType").book as number;
    assert.ok(Math.abs(books - count) <= count * 0.2, `${books} books is about ${count}`);

    const newest = await search(`q=${encodeURIComponent("鵺")}&sort=newest&pageSize=5`);
    assert.deepEqual(
      newest.results.map((r: { year: number }) => r.year),
      [2019, 2019, 2019, 2019, 2019],
      "newest first is exact: it walks the records newest first",
    );

    const page = await (await t.request(`/takarazuka/search?q=${encodeURIComponent("鵺")}`)).text();
    assert.match(page, /約 [\d,]+ 件/);
    assert.match(page, /<span class="facet-count">\(約 [\d,]+\)<\/span>/);
    assert.ok(page.includes("おおよその数"));

    // Narrowed below the limit, the count is exact again.
    const decade = await search(`q=${encodeURIComponent("鵺")}&yearFrom=1990&yearTo=1999`);
    assert.equal(decade.totalIsEstimate, false);
    assert.equal(decade.total, (await nueIds(1990, 1999)).length);
  });

  test("paging through an estimated result shows every match once: the sample's ranked, then the rest", async () => {
    const tuning = { exactLimit: 50, sampleRows: 300 };
    const input = { q: "鵺", yearFrom: 1990, yearTo: 1994, pageSize: 40 };
    const expected = await nueIds(1990, 1994);
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const found = await searchCatalogue(t.db, systemId, { ...input, page }, tuning);
      assert.equal(found.totalIsEstimate, true);
      if (!found.results.length) break;
      seen.push(...found.results.map((r) => r.id));
    }
    assert.equal(new Set(seen).size, seen.length, "no record twice");
    assert.deepEqual([...seen].sort(), [...expected].sort());
  });
});
