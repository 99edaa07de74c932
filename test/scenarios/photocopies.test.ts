import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館): photocopies within copyright law art. 31 — one copy per person, part of a
// work, a whole article of a periodical once the issue is past — at 10 yen a black-and-white page and 30 yen
// a colour page, each in the fee ledger with a receipt; refunds with a reason; daily totals per service point.
describe("Takarazuka (001) photocopies and the fee ledger", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
  });
  after(() => t.close());

  const allConfirmed = ["forResearch", "onePerPerson", "withinScope"];
  const copy = (body: Record<string, unknown>) =>
    s.post("/photocopies", {
      servicePoint: "central",
      title: "宝塚市史 第1巻",
      scope: "partOfWork",
      monoPages: 12,
      colourPages: 0,
      confirmed: allConfirmed,
      ...body,
    });
  const get = async (path: string) => t.request(`/api/v1/takarazuka${path}`, { token: s.token });
  const ledgerRows = async () =>
    Number(
      ((await t.db.execute(sql`SELECT count(*)::int AS n FROM fee_ledger`)) as { rows: { n: number }[] })
        .rows[0]!.n,
    );

  test("a copy is charged at the policy's prices and its receipt is in the ledger", async () => {
    await s.at("2026-12-01");
    const res = await copy({ monoPages: 12, colourPages: 3, pagesDescription: "pp. 20-34" });
    assert.equal(res.status, 201, await res.clone().text());
    const made = await json(res);
    assert.equal(made.amountYen, 12 * 10 + 3 * 30);
    assert.equal(made.scope, "partOfWork");
    const entry = await json(await get(`/fees/${made.feeEntryId}`));
    assert.deepEqual(
      [entry.kind, entry.amountYen, entry.servicePointCode, entry.recordedOn],
      ["photocopy", 210, "central", "2026-12-01"],
    );
    assert.equal(entry.subjectId, String(made.id));
    assert.equal((await json(await get(`/photocopies/${made.id}`))).feeEntryId, made.feeEntryId);
  });

  test("art. 31: every broken rule is refused with the rule, and nothing is written", async () => {
    await s.at("2026-12-02");
    const before = await ledgerRows();
    const cases: [Record<string, unknown>, string][] = [
      [{ confirmed: ["forResearch", "onePerPerson"] }, "checklistNotConfirmed"],
      [{ copies: 2 }, "oneCopyPerPerson"],
      [{ scope: "wholeWork" }, "partOfWorkOnly"],
      [{ scope: "wholeArticle", periodical: false }, "partOfWorkOnly"],
      [{ scope: "wholeArticle", periodical: true, currentIssue: true }, "currentIssue"],
    ];
    for (const [body, rule] of cases) {
      const res = await copy(body);
      assert.equal(res.status, 409, JSON.stringify(body));
      const { error } = await json(res);
      assert.equal(error.code, "PHOTOCOPY_NOT_PERMITTED");
      assert.equal(error.details.rule, rule);
      assert.match(error.message, /著作権法第31条/);
    }
    assert.equal(await ledgerRows(), before);
    const unconfirmed = (await json(await copy({ confirmed: ["forResearch"] }))).error.details.unconfirmed;
    assert.deepEqual(unconfirmed, ["onePerPerson", "withinScope"]);
    // A past issue's whole article may be copied.
    assert.equal((await copy({ scope: "wholeArticle", periodical: true, currentIssue: false })).status, 201);
  });

  test("the item's barcode says whether it is the current issue of a magazine", async () => {
    await s.at("2026-12-02");
    const latest = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "central", materialType: "magazine", flags: "latestIssue" },
    ]);
    const past = await stockTitle(t, "takarazuka", s.token, [
      { servicePoint: "central", materialType: "magazine" },
    ]);
    const refused = await json(
      await copy({ itemBarcode: latest.barcodes[0], title: null, scope: "wholeArticle" }),
    );
    assert.equal(refused.error.details.rule, "currentIssue");
    const made = await json(
      await copy({ itemBarcode: past.barcodes[0], title: null, scope: "wholeArticle" }),
    );
    assert.equal(made.periodical, true);
    assert.equal(made.currentIssue, false);
    assert.match(made.title, /予約試験資料/);
    const unknown = await copy({ itemBarcode: "2999999999", title: null });
    assert.equal((await json(unknown)).error.code, "ITEM_NOT_FOUND");
  });

  test("bad input answers 422 with the field", async () => {
    for (const body of [
      { monoPages: 0, colourPages: 0 },
      { monoPages: -1 },
      { scope: "all" },
      { confirmed: ["x"] },
    ]) {
      const res = await copy(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal((await json(res)).error.code, "VALIDATION_FAILED");
    }
    assert.equal((await json(await copy({ title: null }))).error.code, "VALIDATION_FAILED");
    assert.equal((await json(await copy({ servicePoint: "nowhere" }))).error.code, "SERVICE_POINT_NOT_FOUND");
  });

  test("refunds: part then the rest, never more than paid, never a refund of a refund; audited", async () => {
    await s.at("2026-12-03");
    const made = await json(await copy({ monoPages: 5, colourPages: 0 }));
    const refund = (id: number, body: Record<string, unknown>) => s.post(`/fees/${id}/refunds`, body);
    const noReason = await refund(made.feeEntryId, { amountYen: 10 });
    assert.equal(noReason.status, 422);
    const part = await refund(made.feeEntryId, { amountYen: 20, reason: "2枚が不鮮明" });
    assert.equal(part.status, 201, await part.clone().text());
    const partEntry = await json(part);
    assert.deepEqual(
      [partEntry.amountYen, partEntry.refundOf, partEntry.reason],
      [-20, made.feeEntryId, "2枚が不鮮明"],
    );
    const tooMuch = await json(await refund(made.feeEntryId, { amountYen: 40, reason: "重複" }));
    assert.equal(tooMuch.error.code, "REFUND_EXCEEDS_PAID");
    assert.equal(tooMuch.error.details.remainingYen, 30);
    assert.equal(
      (await json(await refund(partEntry.id, { reason: "x" }))).error.code,
      "FEE_ENTRY_NOT_REFUNDABLE",
    );
    const rest = await json(await refund(made.feeEntryId, { reason: "申込の取消" }));
    assert.equal(rest.amountYen, -30);
    assert.equal((await json(await get(`/fees/${made.feeEntryId}`))).refundedYen, 50);
    assert.equal(
      (await json(await refund(made.feeEntryId, { reason: "again" }))).error.code,
      "REFUND_EXCEEDS_PAID",
    );
    assert.equal((await json(await refund(999_999, { reason: "x" }))).error.code, "FEE_ENTRY_NOT_FOUND");
    const audited = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fee.refunded' AND subject_id = ${String(made.feeEntryId)}`,
    );
    assert.equal((audited as { rows: { n: number }[] }).rows[0]!.n, 2);
  });

  test("daily totals per service point and kind, refunds netted; ranges over a year refused", async () => {
    await s.at("2026-12-04");
    await copy({ monoPages: 10, colourPages: 0 });
    await copy({ servicePoint: "west", monoPages: 0, colourPages: 2 });
    const westCopy = await json(await copy({ servicePoint: "west", monoPages: 3, colourPages: 0 }));
    await s.post(`/fees/${westCopy.feeEntryId}/refunds`, { reason: "機械の故障" });
    const day = await json(await get("/fees?date=2026-12-04"));
    const totals = Object.fromEntries(
      day.totals.map((r: { servicePointCode: string }) => [r.servicePointCode, r]),
    );
    assert.deepEqual(
      [totals.central.receivedYen, totals.central.netYen, totals.central.entries],
      [100, 100, 1],
    );
    assert.deepEqual(
      [totals.west.receivedYen, totals.west.refundedYen, totals.west.netYen, totals.west.entries],
      [90, 30, 60, 2],
    );
    assert.equal(day.entries.length, 4);
    const westOnly = await json(await get("/fees?date=2026-12-04&servicePoint=west"));
    assert.equal(westOnly.entries.length, 3);
    const range = await json(await get("/fees/totals?from=2026-12-01&to=2026-12-04"));
    assert.deepEqual(
      [...new Set(range.totals.map((r: { day: string }) => r.day))],
      ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
    );
    const tooLong = await get("/fees/totals?from=2025-01-01&to=2026-12-04");
    assert.equal(tooLong.status, 400);
    assert.equal((await json(tooLong)).error.code, "INVALID_RANGE");
    assert.equal((await get("/fees?date=2026-13-01")).status, 400);
  });

  test("postage of a postal loan or a request is recorded in the same ledger", async () => {
    await s.at("2026-12-05");
    const res = await s.post("/fees", {
      kind: "postalLoanPostage",
      servicePoint: "west",
      amountYen: 720,
      reference: "loan 12",
    });
    assert.equal(res.status, 201, await res.clone().text());
    const entry = await json(res);
    assert.deepEqual(
      [entry.kind, entry.amountYen, entry.servicePointCode],
      ["postalLoanPostage", 720, "west"],
    );
    const day = await json(await get("/fees?date=2026-12-05"));
    assert.equal(day.totals.find((r: { kind: string }) => r.kind === "postalLoanPostage").receivedYen, 720);
    assert.equal(
      (await s.post("/fees", { kind: "photocopy", servicePoint: "west", amountYen: 10 })).status,
      422,
    );
    assert.equal(
      (await s.post("/fees", { kind: "requestPostage", servicePoint: "west", amountYen: 0 })).status,
      422,
    );
  });

  test("the ledger is staff-only and per library system", async () => {
    assert.equal((await t.request("/api/v1/takarazuka/fees?date=2026-12-04")).status, 401);
    const other = await t.signIn("kashiwa");
    const res = await t.request("/api/v1/takarazuka/fees?date=2026-12-04", { token: other });
    assert.ok([401, 403].includes(res.status), String(res.status));
    const kashiwaDay = await json(await t.request("/api/v1/kashiwa/fees?date=2026-12-04", { token: other }));
    assert.equal(kashiwaDay.entries.length, 0);
  });
});
