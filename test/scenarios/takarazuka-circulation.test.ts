import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { smtpTransport } from "../../src/integrations/mail-transport.ts";
import { stockItems } from "../support/circulation-fixtures.ts";
import {
  hiratsukaResident,
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
} from "../support/patron-fixtures.ts";
import { licence, scenario } from "../support/scenario.ts";
import { freePort, startSmtpSink } from "../support/smtp-sink.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館): 15 items over all libraries for 2 weeks, one renewal counted from the renewal
// day and its refusals, returns at any counter except what goes back to the lending library, book drops and
// return points, postal loans of 10 items including current loans, and overdue mail.
describe("Takarazuka (001) circulation", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let smtpPort: number;

  before(async () => {
    smtpPort = await freePort();
    t = await startTestApp({ testClock: true, mailTransport: smtpTransport(`smtp://127.0.0.1:${smtpPort}`) });
    s = await scenario(t, "takarazuka");
  });
  after(() => t.close());

  const patron = (overrides: Record<string, unknown> = {}) =>
    registerAtCounter(t, "takarazuka", s.token, takarazukaResident({ ...uniqueKana(), ...overrides }));
  const stock = (specs: Parameters<typeof stockItems>[3]) => stockItems(t, "takarazuka", s.token, specs);
  const books = (n: number, servicePoint = "central") =>
    stock(Array.from({ length: n }, () => ({ servicePoint })));
  const lend = (cardNumber: string, itemBarcode: string, servicePoint = "central", extra = {}) =>
    s.post("/loans", {
      credential: { kind: "card", value: cardNumber },
      itemBarcode,
      servicePoint,
      ...extra,
    });
  const give = (itemBarcode: string, servicePoint = "central", extra = {}) =>
    s.post("/returns", { itemBarcode, servicePoint, ...extra });
  const codeOf = async (res: Response) => (await json(res)).error?.code;
  const loansOf = async (patronId: string) =>
    (await json(await t.request(`/api/v1/takarazuka/loans?patron=${patronId}`, { token: s.token }))).loans;
  const addPendingHold = async (recordId: number, patronId: string | null = null) => {
    const systemId = await t.systemId("takarazuka");
    await t.db.execute(sql`
      INSERT INTO holds (library_system_id, record_id, status, patron_id, created_at)
      VALUES (${systemId}, ${recordId}, 'pending', ${patronId}, now())`);
  };

  test("15 items over all libraries; the 16th is refused, and staff may lend it with a reason", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const items = await books(16);
    for (const [i, item] of items.slice(0, 15).entries()) {
      const res = await lend(reader.cardNumber, item.barcode, i % 2 === 0 ? "central" : "west");
      assert.equal(res.status, 201, await res.clone().text());
    }
    const refused = await lend(reader.cardNumber, items[15]!.barcode, "nishitani");
    assert.equal(refused.status, 409);
    const error = (await json(refused)).error;
    assert.equal(error.code, "LOAN_LIMIT_REACHED");
    assert.equal(error.details.limit, 15);
    assert.equal(error.details.current, 15);
    assert.equal(error.details.refusals[0].overridable, true);
    assert.match(error.message, /上限/);

    const overridden = await lend(reader.cardNumber, items[15]!.barcode, "nishitani", {
      override: { reason: "調べ学習のため館長了承" },
    });
    assert.equal(overridden.status, 201, await overridden.clone().text());
    assert.deepEqual((await json(overridden)).overridden, ["LOAN_LIMIT_REACHED"]);
    const audit = resultRows<{ details: { overrides: { reason: string }[] } }>(
      await t.db.execute(sql`SELECT details FROM audit_log WHERE action = 'loan.checkOutOverride'`),
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.details.overrides[0]!.reason, "調べ学習のため館長了承");
    assert.equal((await loansOf(reader.id)).length, 16);
  });

  test("the due date moves to the next opening day over Golden Week and the New Year", async () => {
    const reader = await patron();
    const [gw, newYear, ordinary] = await books(3);
    // 2026-04-23 + 14 days = Thu 7 May: the closed day of Golden Week week moves there (6 May is a holiday).
    await s.at("2026-04-23");
    assert.equal((await json(await lend(reader.cardNumber, gw!.barcode))).dueDate, "2026-05-08");
    // 2026-12-15 + 14 days = 29 December, in the New Year closure (28 Dec – 4 Jan).
    await s.at("2026-12-15");
    assert.equal((await json(await lend(reader.cardNumber, newYear!.barcode))).dueDate, "2027-01-05");
    // An ordinary Wednesday: exactly two weeks.
    await s.at("2026-06-03");
    assert.equal((await json(await lend(reader.cardNumber, ordinary!.barcode))).dueDate, "2026-06-17");
  });

  test("a renewal runs two weeks from the day of renewal, once, and is possible on the day of the loan", async () => {
    await s.at("2026-06-03");
    const reader = await patron();
    const [a, b] = await books(2);
    const loanA = await json(await lend(reader.cardNumber, a!.barcode));
    const sameDay = await s.post(`/loans/${loanA.id}/renewals`, {});
    assert.equal(sameDay.status, 201, await sameDay.clone().text());
    assert.equal((await json(sameDay)).dueDate, "2026-06-17");
    const again = await s.post(`/loans/${loanA.id}/renewals`, {});
    assert.equal(await codeOf(again), "RENEWAL_LIMIT_REACHED");

    const loanB = await json(await lend(reader.cardNumber, b!.barcode));
    await s.at("2026-06-12");
    const renewed = await json(await s.post(`/loans/${loanB.id}/renewals`, { channel: "phone" }));
    assert.equal(renewed.dueDate, "2026-06-26");
    assert.equal(renewed.renewals, 1);
  });

  test("renewal refusals: overdue, reserved by someone else, an inter-library-loan item", async () => {
    await s.at("2026-06-03");
    const reader = await patron();
    const other = await patron();
    const [late, reserved] = await books(2);
    const lateLoan = await json(await lend(reader.cardNumber, late!.barcode));
    const reservedLoan = await json(await lend(reader.cardNumber, reserved!.barcode));
    await addPendingHold(reserved!.recordId, other.id);

    const ill = await s.post("/ill-borrowings", {
      recordId: late!.recordId,
      patronId: reader.id,
      lender: "西宮市立中央図書館",
      dueDate: "2026-06-24",
      servicePoint: "west",
    });
    assert.equal(ill.status, 201, await ill.clone().text());
    const illItem = await json(ill);
    const illLoan = await json(await lend(reader.cardNumber, illItem.barcode, "west"));
    assert.equal(illLoan.dueDate, "2026-06-24", "the due date of the inter-library loan");

    const listed = await loansOf(reader.id);
    const byId = (id: number) => listed.find((loan: { id: number }) => loan.id === id);
    assert.equal(byId(lateLoan.id).renewable, true);
    assert.deepEqual(
      byId(reservedLoan.id).renewalRefusals.map((r: { code: string }) => r.code),
      ["ITEM_RESERVED_BY_OTHER"],
    );
    assert.deepEqual(
      byId(illLoan.id).renewalRefusals.map((r: { code: string }) => r.code),
      ["ILL_NOT_RENEWABLE"],
    );
    assert.equal(
      await codeOf(await s.post(`/loans/${reservedLoan.id}/renewals`, {})),
      "ITEM_RESERVED_BY_OTHER",
    );
    assert.equal(await codeOf(await s.post(`/loans/${illLoan.id}/renewals`, {})), "ILL_NOT_RENEWABLE");
    await s.at("2026-06-18");
    assert.equal(await codeOf(await s.post(`/loans/${lateLoan.id}/renewals`, {})), "LOAN_OVERDUE");
  });

  test("checkout refusals: in-library use, lost card, expired registration, another patron's item", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const other = await patron();
    const [reference, onLoan] = await stock([
      { servicePoint: "central", flags: "inLibraryOnly" },
      { servicePoint: "central" },
    ]);
    assert.equal(await codeOf(await lend(reader.cardNumber, reference!.barcode)), "ITEM_NOT_LOANABLE");
    assert.equal((await lend(other.cardNumber, onLoan!.barcode)).status, 201);
    assert.equal(await codeOf(await lend(reader.cardNumber, onLoan!.barcode)), "ITEM_ALREADY_ON_LOAN");
    const unknown = await s.post("/loans", {
      credential: { kind: "felica", value: "0011223344556677" },
      itemBarcode: reference!.barcode,
      servicePoint: "central",
    });
    assert.equal(await codeOf(unknown), "CREDENTIAL_NOT_FOUND");

    // A lost card lends nothing; the temporary card issued with the loss report does (001).
    const lost = await json(await s.post(`/patrons/${reader.id}/cards/${reader.cardNumber}/loss`));
    const [book] = await books(1);
    assert.equal(await codeOf(await lend(reader.cardNumber, book!.barcode)), "CARD_LOST");
    assert.equal((await lend(lost.temporaryCardNumber, book!.barcode)).status, 201);

    const expiring = await patron({ birthDate: "1970-01-20" });
    const [later] = await books(1);
    await s.at("2029-02-01");
    const expired = await json(await lend(expiring.cardNumber, later!.barcode));
    assert.equal(expired.error.code, "REGISTRATION_EXPIRED");
    assert.equal(expired.error.details.refusals[0].overridable, false);
    const renewal = await s.post(`/patrons/${expiring.id}/registration-renewals`, { idDocument: licence });
    assert.equal(renewal.status, 201);
    assert.equal((await lend(expiring.cardNumber, later!.barcode)).status, 201);
  });

  test("FeliCa identifies the borrower; walk-in borrowers come first; a held item waits for its patron", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const waiting = await patron();
    const idm = "0123456789ABCDEF";
    assert.equal((await s.post(`/patrons/${reader.id}/felica`, { idm, idDocument: licence })).status, 201);
    const [wanted] = await books(1);
    await addPendingHold(wanted!.recordId, waiting.id);
    const byChip = await s.post("/loans", {
      credential: { kind: "felica", value: "01:23:45:67:89:ab:cd:ef" },
      itemBarcode: wanted!.barcode,
      servicePoint: "central",
    });
    assert.equal(byChip.status, 201, "walk-in borrower first although a reservation waits");

    // Its return traps the reservation: the item goes to the hold shelf, and only that patron borrows it.
    const back = await json(await give(wanted!.barcode));
    assert.equal(back.holdTrapped.ready, true);
    assert.equal(back.transitTo, null);
    assert.equal(
      await codeOf(await lend(reader.cardNumber, wanted!.barcode)),
      "ITEM_ON_HOLD_FOR_ANOTHER_PATRON",
    );
    assert.equal((await lend(waiting.cardNumber, wanted!.barcode)).status, 201);
    const hold = resultRows<{ status: string }>(
      await t.db.execute(sql`SELECT status FROM holds WHERE id = ${back.holdTrapped.holdId}`),
    );
    assert.equal(hold[0]!.status, "fulfilled");
  });

  test("returns: at any counter, in transit home, and received there with a scan", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const [book] = await books(1, "central");
    // The catalogue's count of copies on the shelf is kept by each scan, not recounted: it must match the items.
    const shelf = async () =>
      resultRows<{ kept: number; counted: number }>(
        await t.db.execute(sql`
          SELECT r.available_item_count AS kept,
                 (SELECT count(*)::int FROM items i WHERE i.record_id = r.id AND i.status = 'onShelf') AS counted
            FROM bibliographic_records r WHERE r.id = ${book!.recordId}`),
      )[0]!;
    assert.deepEqual(await shelf(), { kept: 1, counted: 1 });
    await lend(reader.cardNumber, book!.barcode, "central");
    assert.deepEqual(await shelf(), { kept: 0, counted: 0 }, "lent");
    const back = await json(await give(book!.barcode, "west"));
    assert.equal(back.status, "returned");
    assert.equal(back.transitTo.code, "central");
    assert.deepEqual(await shelf(), { kept: 0, counted: 0 }, "in transit");
    const travelling = await json(
      await t.request(`/api/v1/takarazuka/items/${book!.barcode}`, { token: s.token }),
    );
    assert.equal(travelling.status, "inTransit");
    const arrived = await json(await give(book!.barcode, "central"));
    assert.equal(arrived.status, "arrived");
    const home = await json(await t.request(`/api/v1/takarazuka/items/${book!.barcode}`, { token: s.token }));
    assert.equal(home.status, "onShelf");
    assert.deepEqual(await shelf(), { kept: 1, counted: 1 }, "home again");
    await lend(reader.cardNumber, book!.barcode, "central");
    await give(book!.barcode, "central");
    assert.deepEqual(await shelf(), { kept: 1, counted: 1 }, "lent and returned at home");
  });

  test("big books, kamishibai stages and inter-library-loan items go back to the lending library", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const [bigBook, stage] = await stock([
      { servicePoint: "central", materialType: "bigBook" },
      { servicePoint: "central", materialType: "kamishibaiStage" },
    ]);
    await lend(reader.cardNumber, bigBook!.barcode, "west");
    await lend(reader.cardNumber, stage!.barcode, "central");
    const wrong = await json(await give(bigBook!.barcode, "central"));
    assert.equal(wrong.error.code, "RETURN_AT_LENDING_POINT_ONLY");
    assert.equal(wrong.error.details.servicePoint.name.ja, "宝塚市立西図書館");
    assert.equal(await codeOf(await give(stage!.barcode, "nishitani")), "RETURN_AT_LENDING_POINT_ONLY");
    const right = await json(await give(bigBook!.barcode, "west"));
    assert.equal(right.status, "returned");
    assert.equal(right.transitTo.code, "central");
  });

  test("return points take books and magazines only", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const [book, cd] = await stock([
      { servicePoint: "central" },
      { servicePoint: "central", materialType: "cd" },
    ]);
    await lend(reader.cardNumber, book!.barcode);
    await lend(reader.cardNumber, cd!.barcode);
    assert.equal(
      await codeOf(await give(cd!.barcode, "city-hall-return")),
      "RETURN_POINT_BOOKS_AND_MAGAZINES_ONLY",
    );
    const back = await json(await give(book!.barcode, "city-hall-return"));
    assert.equal(back.status, "returned");
    assert.equal(back.transitTo.code, "central");
  });

  test("a book drop takes everything in but lists what it may not take, and a closed drop", async () => {
    await s.at("2026-12-10");
    const reader = await patron();
    const [cd, book, late] = await stock([
      { servicePoint: "central", materialType: "cd" },
      { servicePoint: "central" },
      { servicePoint: "central" },
    ]);
    await lend(reader.cardNumber, cd!.barcode);
    await lend(reader.cardNumber, book!.barcode);
    const ill = await json(
      await s.post("/ill-borrowings", {
        recordId: book!.recordId,
        patronId: reader.id,
        lender: "伊丹市立図書館",
        dueDate: "2026-12-24",
        servicePoint: "central",
      }),
    );
    await lend(reader.cardNumber, ill.barcode);
    const drop = { via: "bookDrop", bookDrop: "central-drop" };
    const cdBack = await json(await give(cd!.barcode, "central", drop));
    assert.deepEqual(cdBack.exceptions, ["BOOK_DROP_MATERIAL_NOT_ACCEPTED"]);
    assert.equal(cdBack.status, "returned");
    const illBack = await json(await give(ill.barcode, "central", drop));
    assert.deepEqual(illBack.exceptions, ["BOOK_DROP_ILL_ITEM"]);
    assert.equal(illBack.sendBackTo, "伊丹市立図書館");
    assert.equal((await json(await give(book!.barcode, "central", drop))).exceptions.length, 0);

    // Staff see what the drop should not have taken, and clear each once dealt with.
    const listed = await json(await t.request("/api/v1/takarazuka/returns/exceptions", { token: s.token }));
    const cdException = listed.exceptions.find((e: { barcode: string }) => e.barcode === cd!.barcode);
    assert.deepEqual(cdException.exceptions, ["BOOK_DROP_MATERIAL_NOT_ACCEPTED"]);
    assert.equal(cdException.bookDropCode, "central-drop");
    assert.equal((await s.post(`/returns/exceptions/${cdException.loanId}/resolution`)).status, 200);
    assert.equal((await s.post(`/returns/exceptions/${cdException.loanId}/resolution`)).status, 404);
    const after = await json(await t.request("/api/v1/takarazuka/returns/exceptions", { token: s.token }));
    assert.equal(
      after.exceptions.some((e: { barcode: string }) => e.barcode === cd!.barcode),
      false,
    );

    // The inter-library-loan item, returned, is sent back to its lender and leaves the catalogue.
    const open = await json(await t.request("/api/v1/takarazuka/ill-borrowings", { token: s.token }));
    const borrowing = open.borrowings.find((b: { barcode: string }) => b.barcode === ill.barcode);
    const sent = await s.post(`/ill-borrowings/${borrowing.id}/send-back`);
    assert.equal(sent.status, 200, await sent.clone().text());
    assert.equal(
      await codeOf(await s.post(`/ill-borrowings/${borrowing.id}/send-back`)),
      "ILL_ALREADY_SENT_BACK",
    );

    // Due 24 December; the drop, closed over the New Year, emptied on 3 January: counted returned on the 2nd.
    await lend(reader.cardNumber, late!.barcode);
    await s.at("2027-01-03");
    const closed = await json(await give(late!.barcode, "central", { ...drop, emptiedOn: "2027-01-03" }));
    assert.deepEqual(closed.exceptions, ["BOOK_DROP_CLOSED"]);
    assert.equal(closed.returnedOn, "2027-01-02");
    assert.equal(closed.overdueDays, 9);
    const wrongDrop = await give(late!.barcode, "west", { via: "bookDrop", bookDrop: "central-drop" });
    assert.equal(await codeOf(wrongDrop), "BOOK_DROP_NOT_AT_SERVICE_POINT");
  });

  test("a postal loan delivers what was reserved by phone or web: 10 items counting current loans, 3 weeks", async () => {
    await s.at("2026-06-03");
    const reader = await patron();
    for (const item of await books(9))
      assert.equal((await lend(reader.cardNumber, item.barcode)).status, 201);
    // 001: the West Library posts the copies reserved by phone or on the web for delivery.
    const reservePostal = (recordId: number, channel: string) =>
      s.post("/holds", {
        patronId: reader.id,
        channel,
        recordId,
        // the named point does not matter: a posted reservation waits at the West Library, which posts it
        pickupPoint: "central",
        contact: "phone",
        delivery: "postal",
      });
    const posted = await books(2, "west");
    assert.equal(
      await codeOf(await reservePostal(posted[0]!.recordId, "counter")),
      "POSTAL_DELIVERY_CHANNEL_NOT_OFFERED",
    );
    const holdIds: number[] = [];
    for (const copy of posted) {
      const placed = await reservePostal(copy.recordId, "phone");
      assert.equal(placed.status, 201, await placed.clone().text());
      holdIds.push((await json(placed)).id);
      // the copy is pulled from the shelf and kept for the reservation
      const kept = await json(await give(copy.barcode, "west"));
      assert.equal(kept.holdTrapped.ready, true);
    }
    // A copy nobody reserved does not go out by post, even at the posting library.
    const [unreserved] = await books(1, "west");
    const notReserved = await lend(reader.cardNumber, unreserved!.barcode, "west", { delivery: "postal" });
    assert.equal(notReserved.status, 409);
    assert.equal(await codeOf(notReserved), "DELIVERY_RESERVED_ITEMS_ONLY");
    const collect = (id: number) => s.post(`/holds/${id}/collection`, { servicePoint: "west" });
    const first = await collect(holdIds[0]!);
    assert.equal(first.status, 201, await first.clone().text());
    assert.equal((await json(first)).dueDate, "2026-06-24", "three weeks including the post");
    const over = await json(await collect(holdIds[1]!));
    assert.equal(over.error.code, "POSTAL_LOAN_LIMIT_REACHED");
    assert.equal(over.error.details.limit, 10);
    const loans = resultRows<{ delivery: string }>(
      await t.db.execute(
        sql`SELECT delivery FROM loans WHERE patron_id = ${reader.id} AND delivery IS NOT NULL`,
      ),
    );
    assert.deepEqual(
      loans.map((l) => l.delivery),
      ["postal"],
      "the reservation's delivery made it a postal loan",
    );
    // Hiratsuka lends by post to nobody.
    const hiratsuka = await t.signIn("hiratsuka");
    const resident = await registerAtCounter(t, "hiratsuka", hiratsuka, hiratsukaResident(uniqueKana()));
    const [local] = await stockItems(t, "hiratsuka", hiratsuka, [{ servicePoint: "central" }]);
    const refused = await t.request("/api/v1/hiratsuka/loans", {
      method: "POST",
      token: hiratsuka,
      json: {
        credential: { kind: "card", value: resident.cardNumber },
        itemBarcode: local!.barcode,
        servicePoint: "central",
        delivery: "postal",
      },
    });
    assert.equal(await codeOf(refused), "DELIVERY_LENDING_NOT_OFFERED");
  });

  test("the patron link is gone after the return unless the patron keeps a loan history", async () => {
    await s.at("2026-04-01");
    const privateReader = await patron();
    const historyReader = await patron();
    await t.db.execute(
      sql`UPDATE patrons SET loan_history_from = '2026-04-01' WHERE id = ${historyReader.id}`,
    );
    const [a, b] = await books(2);
    const loanA = await json(await lend(privateReader.cardNumber, a!.barcode));
    const loanB = await json(await lend(historyReader.cardNumber, b!.barcode));
    await s.at("2026-04-08");
    await give(a!.barcode);
    await give(b!.barcode);
    const links = resultRows<{ id: number; patron_id: string | null; returned_on: string }>(
      await t.db.execute(
        sql`SELECT id::int, patron_id, returned_on::text FROM loans WHERE id IN (${loanA.id}, ${loanB.id})`,
      ),
    );
    assert.deepEqual(
      links.map((l) => l.patron_id),
      [null, null],
    );
    const history = resultRows<{ patron_id: string; title: string; returned_on: string }>(
      await t.db.execute(sql`
        SELECT patron_id, title, returned_on::text FROM loan_history
         WHERE patron_id IN (${privateReader.id}, ${historyReader.id})`),
    );
    assert.equal(history.length, 1);
    assert.equal(history[0]!.patron_id, historyReader.id);
    assert.equal(history[0]!.returned_on, "2026-04-08");
  });

  test("overdue notices and the courtesy reminder reach the patron over SMTP, once each", async () => {
    await s.at("2026-07-01");
    const reader = await patron({ email: "late-reader@example.jp" });
    const [a, b] = await books(2);
    await lend(reader.cardNumber, a!.barcode);
    await lend(reader.cardNumber, b!.barcode);
    // Due 15 July: the reminder two days before, the first overdue notice the day after, then weekly.
    const sink = await startSmtpSink(smtpPort);
    const mine = async () =>
      (await s.outbox()).filter((mail) => mail.to === "late-reader@example.jp").map((mail) => mail.subject);
    try {
      await s.at("2026-07-12");
      await s.runJob("overdueNotices");
      assert.deepEqual(await mine(), []);
      await s.at("2026-07-13");
      await s.runJob("overdueNotices");
      await s.runJob("overdueNotices");
      assert.equal((await mine()).length, 1, "one reminder for both items, however often the job runs");
      assert.match((await mine())[0]!, /返却期限が近づいています/);
      await s.at("2026-07-16");
      await s.runJob("overdueNotices");
      await s.at("2026-07-20");
      await s.runJob("overdueNotices");
      assert.equal((await mine()).length, 2, "the first overdue notice; the next one waits a week");
      await s.at("2026-07-23");
      await s.runJob("overdueNotices");
      assert.equal((await mine()).filter((subject) => /Overdue items/.test(subject)).length, 2);
      const overdue = await json(await t.request("/api/v1/takarazuka/loans/overdue", { token: s.token }));
      const late = overdue.loans.filter((loan: { patronId: string }) => loan.patronId === reader.id);
      assert.equal(late.length, 2);
      assert.equal(late[0].dueOn, "2026-07-15");
      assert.equal(late[0].overdueNotices, 2);
      await s.runJob("sendMail");
      const received = sink.received.filter((mail) => mail.to.includes("late-reader@example.jp"));
      assert.equal(received.length, 3);
      assert.match(received.at(-1)!.raw, /Subject: =\?UTF-8\?/);
    } finally {
      await sink.close();
    }
  });

  test("two counters lending one item: exactly one loan among 50 parallel requests", async () => {
    await s.at("2026-04-01");
    const readers = await Promise.all(Array.from({ length: 50 }, () => patron()));
    const [contested] = await books(1);
    const answers = await Promise.all(readers.map((r) => lend(r.cardNumber, contested!.barcode)));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((code) => code === 201).length, 1);
    const codes = await Promise.all(answers.filter((a) => a.status !== 201).map(codeOf));
    assert.deepEqual(new Set(codes), new Set(["ITEM_ALREADY_ON_LOAN"]));
    const open = resultRows<{ n: number }>(
      await t.db.execute(sql`
        SELECT count(*)::int AS n FROM loans l JOIN items i ON i.id = l.item_id
         WHERE i.barcode = ${contested!.barcode} AND l.returned_at IS NULL`),
    );
    assert.equal(open[0]!.n, 1);
  });

  test("counters lending to a patron one below the limit: 50 parallel requests never exceed it", async () => {
    await s.at("2026-04-01");
    const reader = await patron();
    const items = await books(64);
    for (const item of items.slice(0, 14)) await lend(reader.cardNumber, item.barcode);
    const answers = await Promise.all(items.slice(14).map((item) => lend(reader.cardNumber, item.barcode)));
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    const codes = await Promise.all(answers.filter((a) => a.status !== 201).map(codeOf));
    assert.deepEqual(new Set(codes), new Set(["LOAN_LIMIT_REACHED"]));
    assert.equal((await loansOf(reader.id)).length, 15);
  });
});
