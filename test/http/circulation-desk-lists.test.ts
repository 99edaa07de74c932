import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockItems } from "../support/circulation-fixtures.ts";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The counter's lists (001): the overdue call list with whom to ring, the returns a book drop took against a rule
// (cleared once dealt with), and inter-library-loan items received for a patron and sent back once returned.
describe("the counter's lists: overdue calls, return exceptions, ILL items", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-11-02");
  });
  after(() => t.close());

  async function staff() {
    const b = pageBrowser(t);
    await b.page("/takarazuka/staff/sign-in");
    await b.post("/takarazuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    return b;
  }
  const lend = (cardNumber: string, itemBarcode: string) =>
    s.post("/loans", {
      credential: { kind: "card", value: cardNumber },
      itemBarcode,
      servicePoint: "central",
    });

  test("the overdue list names the patron and the phone; the book drop's exception is cleared on its page", async () => {
    const reader = await registerAtCounter(
      t,
      "takarazuka",
      s.token,
      takarazukaResident({ ...uniqueKana(), givenName: "延子" }),
    );
    const [book, cd] = await stockItems(t, "takarazuka", s.token, [
      { servicePoint: "central" },
      { servicePoint: "central", materialType: "cd" },
    ]);
    assert.equal((await lend(reader.cardNumber, book!.barcode)).status, 201);
    assert.equal((await lend(reader.cardNumber, cd!.barcode)).status, 201);
    await s.at("2026-12-04");
    const b = await staff();
    const overdue = await b.page("/takarazuka/staff/overdue");
    assert.equal(overdue.res.status, 200);
    const text = textOf(overdue.html);
    assert.match(text, /延子/);
    assert.match(text, /0463-31-2000/);
    assert.match(overdue.html, /href="tel:/);

    await s.post("/returns", {
      itemBarcode: cd!.barcode,
      servicePoint: "central",
      via: "bookDrop",
      bookDrop: "central-drop",
    });
    const list = await b.page("/takarazuka/staff/return-exceptions");
    assert.match(textOf(list.html), new RegExp(cd!.barcode));
    const action = /action="(\/takarazuka\/staff\/return-exceptions\/\d+\/resolution)"/.exec(list.html)![1]!;
    const done = await b.post(action, {});
    assert.equal(done.status, 303);
    const after = textOf((await b.page(done.headers.get("location")!)).html);
    assert.match(after, /対応済みにしました/);
    assert.doesNotMatch(after, new RegExp(cd!.barcode));
    const again = await b.post(action, {});
    assert.equal(again.status, 409);
  });

  test("an ILL item received for the patron by card number, lent, returned, sent back", async () => {
    const reader = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    const [book] = await stockItems(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const b = await staff();
    await b.page("/takarazuka/staff/ill");
    const fields = {
      recordId: String(book!.recordId),
      card: reader.cardNumber,
      lender: "伊丹市立図書館",
      lenderReference: "IT-123",
      dueDate: "2027/1/20",
      servicePoint: "central",
      materialType: "book",
      callNumber: "",
      barcode: "",
    };
    const bad = await b.post("/takarazuka/staff/ill", { ...fields, dueDate: "来月" });
    assert.equal(bad.status, 422);
    const unknown = await b.post("/takarazuka/staff/ill", { ...fields, card: "9999999999" });
    assert.equal(unknown.status, 409);
    const received = await b.post("/takarazuka/staff/ill", fields);
    assert.equal(received.status, 303, await received.clone().text());
    const barcode = new URL(received.headers.get("location")!, "http://x").searchParams.get("received")!;
    const open = textOf((await b.page("/takarazuka/staff/ill")).html);
    assert.match(open, /伊丹市立図書館 \(IT-123\)/);
    assert.match(open, /2027年1月20日/);

    assert.equal((await lend(reader.cardNumber, barcode)).status, 201);
    let page = await b.page("/takarazuka/staff/ill");
    assert.doesNotMatch(page.html, /\/send-back"/, "not sent back while on loan");
    await s.post("/returns", { itemBarcode: barcode, servicePoint: "central", via: "counter" });
    page = await b.page("/takarazuka/staff/ill");
    const action = /action="(\/takarazuka\/staff\/ill\/\d+\/send-back)"/.exec(page.html)![1]!;
    const sent = await b.post(action, {});
    assert.equal(sent.status, 303);
    const history = textOf((await b.page("/takarazuka/staff/ill?status=sentBack")).html);
    assert.match(history, /伊丹市立図書館/);
    const borrowings = await json(
      await t.request("/api/v1/takarazuka/ill-borrowings?status=sentBack", { token: s.token }),
    );
    assert.ok(borrowings.borrowings.some((x: { barcode: string }) => x.barcode === barcode));
  });
});
