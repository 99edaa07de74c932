import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import {
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
  userpageResident,
} from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// 001 (宝塚): 貸出履歴の保存 — kept only after the patron consents (個人情報保護の観点により、合意された場合のみ),
// stopped when they stop it, each entry deletable. Privacy is checked in the database itself.
describe("Takarazuka (001) loan history", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-06-01");
  });
  after(() => t.close());

  const api = (token: string, path: string, init: { method?: string; json?: unknown } = {}) =>
    t.request(`/api/v1/takarazuka${path}`, { token, ...init });
  const borrowAndReturn = async (cardNumber: string) => {
    const book = await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const barcode = book.barcodes[0]!;
    const lent = await s.post("/loans", {
      credential: { kind: "card", value: cardNumber },
      itemBarcode: barcode,
      servicePoint: "central",
    });
    assert.equal(lent.status, 201, await lent.clone().text());
    assert.equal((await s.post("/returns", { itemBarcode: barcode, servicePoint: "central" })).status, 200);
    return book;
  };
  const keptRows = async (patronId: string) =>
    (
      (await t.db.execute(
        sql`SELECT count(*)::int AS n FROM loan_history WHERE patron_id = ${patronId}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;

  test("nothing is kept before consent; from then on each return is kept; stopping keeps nothing more", async () => {
    const p = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const token = await signInOnWeb(t, "takarazuka", p);
    await borrowAndReturn(p.cardNumber);
    assert.equal(await keptRows(p.id), 0, "off by default: the return left no trace of the patron");
    const loanRow = await t.db.execute(sql`SELECT count(*)::int AS n FROM loans WHERE patron_id = ${p.id}`);
    assert.equal((loanRow as unknown as { rows: { n: number }[] }).rows[0]!.n, 0);

    const noConsent = await api(token, "/me/loan-history/settings", {
      method: "PUT",
      json: { enabled: true },
    });
    assert.equal(noConsent.status, 422);
    assert.equal((await json(noConsent)).error.code, "CONSENT_REQUIRED");
    const on = await api(token, "/me/loan-history/settings", {
      method: "PUT",
      json: { enabled: true, consent: true },
    });
    assert.equal(on.status, 200);
    assert.equal((await json(on)).since, "2026-06-01");

    const first = await borrowAndReturn(p.cardNumber);
    const second = await borrowAndReturn(p.cardNumber);
    const history = await json(await api(token, "/me/loan-history"));
    assert.equal(history.total, 2);
    assert.deepEqual(
      history.entries.map((e: { recordId: number }) => e.recordId).sort(),
      [first.recordId, second.recordId].sort(),
    );

    const csv = await api(token, "/me/loan-history.csv");
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "a byte-order mark for spreadsheets");
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.startsWith("書名 title,"), "a bilingual header");
    assert.equal(text.trim().split("\r\n").length, 3);

    const off = await api(token, "/me/loan-history/settings", { method: "PUT", json: { enabled: false } });
    assert.equal((await json(off)).enabled, false);
    await borrowAndReturn(p.cardNumber);
    assert.equal(await keptRows(p.id), 2, "stopped: the next return is not kept; the kept ones stay");

    const one = history.entries[0].id as number;
    assert.equal((await api(token, `/me/loan-history/${one}`, { method: "DELETE" })).status, 200);
    assert.equal(await keptRows(p.id), 1, "deleting removes the row itself");
    assert.equal((await api(token, `/me/loan-history/${one}`, { method: "DELETE" })).status, 404);
    const all = await json(await api(token, "/me/loan-history", { method: "DELETE" }));
    assert.equal(all.deleted, 1);
    assert.equal(await keptRows(p.id), 0);
  });

  test("another patron's entries cannot be deleted; a system without loan history refuses", async () => {
    const a = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const b = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const aToken = await signInOnWeb(t, "takarazuka", a);
    const bToken = await signInOnWeb(t, "takarazuka", b);
    await api(aToken, "/me/loan-history/settings", { method: "PUT", json: { enabled: true, consent: true } });
    await borrowAndReturn(a.cardNumber);
    const entry = (await json(await api(aToken, "/me/loan-history"))).entries[0].id;
    assert.equal((await api(bToken, `/me/loan-history/${entry}`, { method: "DELETE" })).status, 404);
    assert.equal((await json(await api(bToken, "/me/loan-history"))).total, 0);
    assert.equal(await keptRows(a.id), 1);

    const up = await registerAtCounter(
      t,
      "userpage",
      await t.signIn("userpage"),
      userpageResident({ ...uniqueKana() }),
    );
    const upToken = await signInOnWeb(t, "userpage", up);
    const refused = await t.request("/api/v1/userpage/me/loan-history", { token: upToken });
    assert.equal(refused.status, 404);
    assert.equal((await json(refused)).error.code, "LOAN_HISTORY_NOT_OFFERED");
  });
});
