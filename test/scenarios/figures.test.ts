import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The figures staff report (beyond the seeds): loans, returns, reservations, registrations and visitors per
// service point and month, per material type and NDC class, from anonymous events folded nightly.
describe("staff figures", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
  });
  after(() => t.close());

  const figures = async (query: string) =>
    t.request(`/api/v1/takarazuka/figures?${query}`, { token: s.token });
  const countOf = (
    rows: { month: string; key: string; kind: string; count: number }[],
    month: string,
    key: string,
    kind: string,
  ) => rows.find((r) => r.month === month && r.key === key && r.kind === kind)?.count ?? 0;

  test("circulation counts by service point, material type and NDC class, folded and live alike", async () => {
    await s.at("2026-05-12");
    const reader = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const book = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "central" },
      { servicePoint: "west" },
    ]);
    const magazine = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "west", materialType: "magazine" },
    ]);
    const lend = (barcode: string, servicePoint: string) =>
      s.post("/loans", {
        credential: { kind: "card", value: reader.cardNumber },
        itemBarcode: barcode,
        servicePoint,
      });
    assert.equal((await lend(book.barcodes[0]!, "central")).status, 201);
    assert.equal((await lend(magazine.barcodes[0]!, "west")).status, 201);
    assert.equal(
      (await s.post("/returns", { itemBarcode: book.barcodes[0], servicePoint: "west" })).status,
      200,
    );
    const other = await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const hold = await s.post("/holds", {
      patronId: reader.id,
      channel: "counter",
      recordId: other.recordId,
      pickupPoint: "west",
      contact: "none",
    });
    assert.equal(hold.status, 201, await hold.clone().text());

    const live = await json(await figures("from=2026-05&to=2026-05&by=servicePoint"));
    assert.equal(countOf(live.rows, "2026-05", "central", "loan"), 1);
    assert.equal(countOf(live.rows, "2026-05", "west", "loan"), 1);
    assert.equal(countOf(live.rows, "2026-05", "west", "return"), 1);
    assert.equal(countOf(live.rows, "2026-05", "west", "reservation"), 1);
    assert.ok(countOf(live.rows, "2026-05", "", "registration") >= 1, "registrations have no service point");

    await s.at("2026-05-13");
    const report = await s.runJob("refreshFigures");
    assert.equal(report.takarazuka.through, "2026-05-12");
    assert.equal((await s.runJob("refreshFigures")).takarazuka.rows, 0, "a second run folds nothing");
    const folded = await json(await figures("from=2026-05&to=2026-05&by=servicePoint"));
    assert.deepEqual(folded.rows, live.rows, "folding changes nothing the figures say");

    const byType = await json(await figures("from=2026-05&to=2026-05&by=materialType"));
    assert.equal(countOf(byType.rows, "2026-05", "book", "loan"), 1);
    assert.equal(countOf(byType.rows, "2026-05", "magazine", "loan"), 1);
    const byNdc = await json(await figures("from=2026-05&to=2026-05&by=ndc"));
    assert.equal(countOf(byNdc.rows, "2026-05", "9", "loan"), 2, "call numbers 913.6: NDC class 9");
  });

  test("visitors entered per day; CSV for spreadsheets; no patron in the events", async () => {
    await s.at("2026-06-02");
    const put = (body: Record<string, unknown>) =>
      t.request("/api/v1/takarazuka/visitor-counts", { method: "PUT", token: s.token, json: body });
    assert.equal((await put({ servicePoint: "central", day: "2026-06-01", visitors: 410 })).status, 204);
    assert.equal((await put({ servicePoint: "central", day: "2026-06-02", visitors: 380 })).status, 204);
    assert.equal(
      (await put({ servicePoint: "central", day: "2026-06-02", visitors: 390 })).status,
      204,
      "replaced",
    );
    assert.equal(
      (await json(await put({ servicePoint: "central", day: "2026-07-01", visitors: 1 }))).error.code,
      "INVALID_DATE",
    );
    assert.equal(
      (await json(await put({ servicePoint: "nowhere", day: "2026-06-01", visitors: 1 }))).error.code,
      "SERVICE_POINT_NOT_FOUND",
    );
    const june = await json(await figures("from=2026-06&to=2026-06&by=servicePoint"));
    assert.equal(countOf(june.rows, "2026-06", "central", "visit"), 800);

    const csv = await figures("from=2026-05&to=2026-06&by=servicePoint&format=csv");
    assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "a BOM for spreadsheet programs");
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.startsWith("年月,館,貸出,返却,予約,新規登録,入館者\r\n"), text.slice(0, 40));
    assert.match(text, /2026-06,central,0,0,0,0,800/);

    const columns = await t.db.execute(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'circulation_events'`,
    );
    const names = (columns as { rows: { column_name: string }[] }).rows.map((r) => r.column_name);
    assert.ok(!names.some((n) => /patron|item|card|loan_id/.test(n)), names.join(", "));
  });

  test("ranges: more than ten years refused with a clear message; reversed or malformed refused", async () => {
    const long = await figures("from=2016-01&to=2026-12");
    assert.equal(long.status, 400);
    const { error } = await json(long);
    assert.equal(error.code, "FIGURES_RANGE_TOO_LONG");
    assert.match(error.message, /10年/);
    assert.equal((await figures("from=2017-01&to=2026-12")).status, 200, "exactly ten years");
    assert.equal((await json(await figures("from=2026-06&to=2026-05"))).error.code, "INVALID_RANGE");
    assert.equal((await json(await figures("from=2026-13&to=2026-12"))).error.code, "INVALID_DATE");
    assert.equal((await t.request("/api/v1/takarazuka/figures?from=2026-01&to=2026-02")).status, 401);
  });
});
