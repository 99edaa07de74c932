import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { smtpTransport } from "../../src/integrations/mail-transport.ts";
import { stockItems, stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { freePort, startSmtpSink } from "../support/smtp-sink.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館): reservations of any card holder, 10 in total with requests, 2 by phone; not
// for in-library copies, assigned reading or big books; the copy trapped at a return anywhere, sent to the
// pickup library, the notice mailed, collected within a week or cancelled for the next patron; requests only
// for titles the library does not hold, at the counter, never for magazines or CDs.
describe("Takarazuka (001) reservations and requests", () => {
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
  const title = (copies: Parameters<typeof stockTitle>[3]) => stockTitle(t, "takarazuka", s.token, copies);
  const reserve = (patronId: string, recordId: number, extra: Record<string, unknown> = {}) =>
    s.post("/holds", {
      patronId,
      channel: "counter",
      recordId,
      pickupPoint: "central",
      contact: "email",
      ...extra,
    });
  const lend = (cardNumber: string, itemBarcode: string, servicePoint = "central") =>
    s.post("/loans", { credential: { kind: "card", value: cardNumber }, itemBarcode, servicePoint });
  const give = (itemBarcode: string, servicePoint = "central") =>
    s.post("/returns", { itemBarcode, servicePoint });
  const hold = async (id: number) =>
    json(await t.request(`/api/v1/takarazuka/holds/${id}`, { token: s.token }));
  const error = async (res: Response) => (await json(res)).error;

  test("a reservation joins the title's queue in order and shows the queue length in search", async () => {
    await s.at("2026-06-01");
    const [a, b] = [await patron(), await patron()];
    const lent = await title([{ servicePoint: "central" }]);
    const owner = await patron();
    assert.equal((await lend(owner.cardNumber, lent.barcodes[0]!)).status, 201);
    const first = await reserve(a.id, lent.recordId);
    assert.equal(first.status, 201, await first.clone().text());
    const second = await json(await reserve(b.id, lent.recordId, { contact: "phone" }));
    assert.deepEqual([(await json(first)).position, second.position], [1, 2]);
    assert.equal(second.status, "pending");
    const record = await json(await t.request(`/api/v1/takarazuka/records/${lent.recordId}`));
    assert.equal(record.availability.queueLength, 2);
  });

  test("10 reservations in total with requests included; 2 by phone; the same title twice refused", async () => {
    await s.at("2026-06-01");
    const reader = await patron();
    const titles = [];
    for (let i = 0; i < 10; i++) titles.push(await title([{ servicePoint: "central" }]));
    for (const [i, tt] of titles.slice(0, 2).entries()) {
      const res = await reserve(reader.id, tt.recordId, {
        channel: "phone",
        contact: i === 0 ? "phone" : "none",
      });
      assert.equal(res.status, 201, await res.clone().text());
    }
    const thirdByPhone = await error(await reserve(reader.id, titles[2]!.recordId, { channel: "phone" }));
    assert.equal(thirdByPhone.code, "HOLD_LIMIT_REACHED");
    assert.equal(thirdByPhone.details.limit, "channel");
    assert.match(thirdByPhone.message, /上限/);
    const twice = await error(await reserve(reader.id, titles[0]!.recordId));
    assert.equal(twice.code, "ALREADY_RESERVED");
    for (const tt of titles.slice(2, 9)) assert.equal((await reserve(reader.id, tt.recordId)).status, 201);
    // A request counts in the total: the ninth reservation and one request make ten.
    const request = await s.post("/requests", {
      patronId: reader.id,
      title: "所蔵のない本",
      isbn: "9784000000000",
      materialType: "book",
      pickupPoint: "central",
      contact: "email",
    });
    assert.equal(request.status, 201, await request.clone().text());
    const eleventh = await error(await reserve(reader.id, titles[9]!.recordId));
    assert.equal(eleventh.code, "HOLD_LIMIT_REACHED");
    assert.deepEqual(
      [eleventh.details.limit, eleventh.details.max, eleventh.details.current],
      ["total", 10, 10],
    );
  });

  test("in-library copies, assigned reading and big books are not reservable; a borrowed title is refused", async () => {
    await s.at("2026-06-01");
    const reader = await patron();
    const inLibrary = await title([{ servicePoint: "central", flags: "inLibraryOnly" }]);
    const assigned = await title([{ servicePoint: "central", flags: "assignedReading" }]);
    const big = await title([{ servicePoint: "central", materialType: "bigBook" }]);
    for (const [tt, reason] of [
      [inLibrary, "館内閲覧のみの本"],
      [assigned, "課題図書"],
      [big, "ビッグブック"],
    ] as const) {
      const refused = await error(await reserve(reader.id, tt.recordId));
      assert.equal(refused.code, "NOT_RESERVABLE");
      assert.equal(refused.details.reason.ja, reason);
    }
    const mine = await title([{ servicePoint: "central" }]);
    assert.equal((await lend(reader.cardNumber, mine.barcodes[0]!)).status, 201);
    const onLoan = await error(await reserve(reader.id, mine.recordId));
    assert.deepEqual([onLoan.code, onLoan.details.reason], ["ALREADY_RESERVED", "onLoan"]);
    const notAPickup = await error(
      await reserve(reader.id, big.recordId, { pickupPoint: "city-hall-return" }),
    );
    assert.equal(notAPickup.code, "NOT_RESERVABLE");
  });

  test("trapped at a return at another library, in transit, ready with mail; expiry over a closed week; next patron", async () => {
    const sink = await startSmtpSink(smtpPort);
    try {
      await s.at("2026-12-14");
      const [first, second, borrower] = [
        await patron({ email: "first-in-queue@example.jp" }),
        await patron(),
        await patron(),
      ];
      const tt = await title([{ servicePoint: "central" }]);
      assert.equal((await lend(borrower.cardNumber, tt.barcodes[0]!)).status, 201);
      const h1 = await json(await reserve(first.id, tt.recordId, { pickupPoint: "west" }));
      const h2 = await json(await reserve(second.id, tt.recordId, { pickupPoint: "west", contact: "none" }));

      const returned = await json(await give(tt.barcodes[0]!, "nishitani"));
      assert.equal(returned.holdTrapped.holdId, h1.id);
      assert.equal(returned.holdTrapped.ready, false);
      assert.equal(returned.transitTo.code, "west");
      assert.equal((await hold(h1.id)).status, "inTransit");

      // 2026-12-21: arrives at the West Library; the week would end on 28 Dec, in the New Year closure.
      await s.at("2026-12-21");
      const arrived = await json(await give(tt.barcodes[0]!, "west"));
      assert.equal(arrived.status, "arrived");
      assert.equal(arrived.holdTrapped.ready, true);
      const ready = await hold(h1.id);
      assert.equal(ready.status, "ready");
      assert.equal(ready.notifiedOn, "2026-12-21");
      assert.equal(ready.pickupDeadline, "2027-01-05");
      await s.runJob("sendMail");
      const mail = sink.received.find((m) => m.to.includes("first-in-queue@example.jp"));
      assert.ok(mail, "the ready notice reaches the patron over SMTP");
      assert.match(Buffer.from(mail.raw).toString("utf8"), /2027-01-05|=E4=BA=88|予約/);

      const shelf = await json(
        await t.request("/api/v1/takarazuka/hold-shelf?servicePoint=west", { token: s.token }),
      );
      assert.ok(shelf.shelf.some((row: { id: number }) => row.id === h1.id));

      await s.at("2027-01-05");
      assert.equal((await s.runJob("expireHolds")).takarazuka.expired, 0);
      await s.at("2027-01-06");
      const report = (await s.runJob("expireHolds")).takarazuka;
      assert.equal(report.expired, 1);
      assert.equal(report.retrapped, 1);
      assert.equal((await hold(h1.id)).status, "expired");
      const next = await hold(h2.id);
      assert.equal(next.status, "ready");
      // "No contact": the week runs from the day it became ready.
      assert.equal(next.notifiedOn, "2027-01-06");
      assert.equal(next.pickupDeadline, "2027-01-13");
      const outbox = await s.outbox();
      assert.ok(outbox.some((m) => m.to === "first-in-queue@example.jp" && /取置期限/.test(m.subject)));
    } finally {
      await sink.close();
    }
  });

  test("phone contact: the pickup week runs from the call staff record", async () => {
    await s.at("2026-06-01");
    const [reader, borrower] = [await patron(), await patron()];
    const tt = await title([{ servicePoint: "central" }]);
    await lend(borrower.cardNumber, tt.barcodes[0]!);
    const h = await json(await reserve(reader.id, tt.recordId, { contact: "phone" }));
    await s.at("2026-06-03");
    await give(tt.barcodes[0]!, "central");
    const ready = await hold(h.id);
    assert.deepEqual([ready.status, ready.pickupDeadline], ["ready", null]);
    const calls = await json(
      await t.request("/api/v1/takarazuka/hold-shelf?servicePoint=central", { token: s.token }),
    );
    assert.ok(calls.toCall.some((row: { id: number }) => row.id === h.id));
    const missed = await json(await s.post(`/holds/${h.id}/calls`, { outcome: "noAnswer" }));
    assert.equal(missed.pickupDeadline, null);
    await s.at("2026-06-04");
    const reached = await json(await s.post(`/holds/${h.id}/calls`, { outcome: "reached" }));
    assert.deepEqual([reached.notifiedOn, reached.pickupDeadline], ["2026-06-04", "2026-06-11"]);
  });

  test("a proxy collects with a letter of attorney; without the card and the letter it is refused", async () => {
    await s.at("2026-06-01");
    const [reader, borrower] = [await patron(), await patron()];
    const tt = await title([{ servicePoint: "central" }]);
    await lend(borrower.cardNumber, tt.barcodes[0]!);
    const h = await json(await reserve(reader.id, tt.recordId));
    await give(tt.barcodes[0]!, "central");
    const proxy = {
      name: "宝塚 代理",
      idDocumentType: "driversLicence",
      broughtPatronCard: false,
      letterOfAttorney: false,
      patronIdDocumentShown: false,
    };
    const refused = await error(
      await s.post(`/holds/${h.id}/collection`, { servicePoint: "central", proxy }),
    );
    assert.equal(refused.code, "PROXY_LETTER_REQUIRED");
    assert.equal((await hold(h.id)).status, "ready");
    const lent = await s.post(`/holds/${h.id}/collection`, {
      servicePoint: "central",
      proxy: { ...proxy, letterOfAttorney: true },
    });
    assert.equal(lent.status, 201, await lent.clone().text());
    assert.equal((await json(lent)).patronId, reader.id);
    assert.equal((await hold(h.id)).status, "fulfilled");
  });

  test("cancelling a ready reservation at the counter traps the copy for the next patron", async () => {
    await s.at("2026-06-01");
    const [a, b, borrower] = [await patron(), await patron(), await patron()];
    const tt = await title([{ servicePoint: "central" }]);
    await lend(borrower.cardNumber, tt.barcodes[0]!);
    const ha = await json(await reserve(a.id, tt.recordId));
    const hb = await json(await reserve(b.id, tt.recordId));
    await give(tt.barcodes[0]!, "central");
    assert.equal((await hold(ha.id)).status, "ready");
    const cancelled = await t.request(
      `/api/v1/takarazuka/holds/${ha.id}?reason=${encodeURIComponent("本人より電話")}&channel=phone`,
      {
        method: "DELETE",
        token: s.token,
      },
    );
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    assert.equal((await json(cancelled)).cancelledBy, "staff");
    assert.equal((await hold(hb.id)).status, "ready");
    assert.equal((await hold(hb.id)).itemBarcode, tt.barcodes[0]);
  });

  test("50 concurrent returns of copies with one queue: every copy trapped once, no reservation filled twice", async () => {
    await s.at("2026-06-01");
    const copies = Array.from({ length: 50 }, () => ({ servicePoint: "central" }));
    const tt = await title(copies);
    const borrowers = [];
    for (let i = 0; i < 50; i++) borrowers.push(await patron());
    for (const [i, barcode] of tt.barcodes.entries()) {
      assert.equal((await lend(borrowers[i]!.cardNumber, barcode)).status, 201);
    }
    const waiting = [];
    for (let i = 0; i < 60; i++) {
      const p = await patron();
      waiting.push((await json(await reserve(p.id, tt.recordId, { contact: "none" }))).id as number);
    }
    const results = await Promise.all(
      tt.barcodes.map(async (barcode) => json(await give(barcode, "central"))),
    );
    const trapped = results.map((r) => r.holdTrapped?.holdId as number);
    assert.equal(new Set(trapped).size, 50, "fifty different reservations trapped");
    assert.deepEqual(
      [...trapped].sort((x, y) => x - y),
      waiting.slice(0, 50),
    );
    const states = await Promise.all(waiting.map((id) => hold(id)));
    assert.equal(states.filter((h) => h.status === "ready").length, 50);
    assert.equal(states.filter((h) => h.status === "pending").length, 10);
    assert.equal(states.find((h) => h.status === "pending")!.position, 1);
  });

  test("requests: only for titles not held, at the counter, not for magazines or CDs; arrival becomes a reservation", async () => {
    await s.at("2026-06-01");
    const reader = await patron({ email: "requester@example.jp" });
    const held = await stockItems(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const heldRecord = await json(await t.request(`/api/v1/takarazuka/records/${held[0]!.recordId}`));
    const ask = (extra: Record<string, unknown>) =>
      s.post("/requests", {
        patronId: reader.id,
        title: "リクエストの本",
        materialType: "book",
        pickupPoint: "west",
        contact: "email",
        ...extra,
      });
    if (heldRecord.isbn13) {
      assert.equal((await error(await ask({ isbn: heldRecord.isbn13 }))).code, "TITLE_HELD_RESERVE_INSTEAD");
    }
    const magazine = await error(await ask({ materialType: "magazine" }));
    assert.equal(magazine.code, "REQUEST_NOT_ACCEPTED");
    assert.equal(magazine.details.category.ja, "雑誌(週刊誌・月刊誌)");
    assert.equal((await error(await ask({ materialType: "cd" }))).code, "REQUEST_NOT_ACCEPTED");
    assert.equal((await error(await ask({ channel: "phone" }))).code, "REQUEST_CHANNEL_NOT_OFFERED");

    const request = await json(await ask({ isbn: "978-4-10-109205-8" }));
    assert.equal(request.status, "received");
    const patch = (body: unknown) =>
      t.request(`/api/v1/takarazuka/requests/${request.id}`, { method: "PATCH", token: s.token, json: body });
    assert.equal((await error(await patch({ status: "refused" }))).code, "REFUSAL_REASON_REQUIRED");
    const asked = await json(await patch({ status: "requested", lender: "西宮市立中央図書館" }));
    assert.deepEqual([asked.status, asked.route], ["requested", "interLibrary"]);
    const news = (await s.outbox()).filter((m) => m.to === "requester@example.jp").map((m) => m.text);
    assert.equal(news.length, 2, "received and requested are both mailed");
    assert.ok(news.some((text) => text.includes("他の図書館に借用を依頼しました")));

    const [copy] = await stockItems(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const arrived = await s.post(`/requests/${request.id}/arrival`, {
      itemBarcode: copy!.barcode,
      servicePoint: "central",
      postageYen: 720,
    });
    assert.equal(arrived.status, 201, await arrived.clone().text());
    const done = await json(arrived);
    assert.equal(done.status, "arrived");
    const reservation = await hold(done.holdId);
    assert.deepEqual([reservation.status, reservation.pickupPoint.code], ["inTransit", "west"]);
    assert.equal((await json(await give(copy!.barcode, "west"))).holdTrapped.ready, true);
    assert.equal((await hold(done.holdId)).status, "ready");
    assert.equal(
      (await error(await patch({ status: "cancelled" }))).code,
      "REQUEST_STATUS_CHANGE_NOT_ALLOWED",
    );
  });

  test("refusals answer with their code and write nothing", async () => {
    await s.at("2026-06-01");
    const [reader, borrower] = [await patron(), await patron()];
    const tt = await title([{ servicePoint: "central" }, { servicePoint: "central" }]);
    assert.equal((await lend(borrower.cardNumber, tt.barcodes[0]!)).status, 201);
    const h = await json(await reserve(reader.id, tt.recordId));
    assert.equal(
      (await error(await s.post(`/holds/${h.id}/calls`, { outcome: "reached" }))).code,
      "HOLD_NOT_READY",
    );
    assert.equal(
      (await error(await s.post(`/holds/${h.id}/collection`, { servicePoint: "central" }))).code,
      "HOLD_NOT_READY",
    );
    const missing = await t.request("/api/v1/takarazuka/holds/999999", { token: s.token });
    assert.deepEqual([missing.status, (await error(missing)).code], [404, "HOLD_NOT_FOUND"]);

    // A proxy may collect only what is kept for the patron: the other copy is not lent.
    const proxy = {
      name: "宝塚 代理",
      idDocumentType: "driversLicence",
      broughtPatronCard: true,
      letterOfAttorney: false,
      patronIdDocumentShown: false,
    };
    const byProxy = await s.post("/loans", {
      credential: { kind: "card", value: reader.cardNumber },
      itemBarcode: tt.barcodes[1],
      servicePoint: "central",
      proxy,
    });
    assert.equal((await error(byProxy)).code, "PROXY_COLLECTS_RESERVATIONS_ONLY");
    const loans = await json(
      await t.request(`/api/v1/takarazuka/loans?patron=${reader.id}`, { token: s.token }),
    );
    assert.equal(loans.loans.length, 0);
    assert.equal((await hold(h.id)).status, "pending");

    // Borrowing the other copy in person fulfils the reservation: the patron no longer waits.
    assert.equal((await lend(reader.cardNumber, tt.barcodes[1]!)).status, 201);
    assert.equal((await hold(h.id)).status, "fulfilled");

    // Email contact is not called.
    const [other, third] = [await patron(), await patron()];
    const t2 = await title([{ servicePoint: "central" }]);
    await lend(third.cardNumber, t2.barcodes[0]!);
    const mailed = await json(await reserve(other.id, t2.recordId));
    await give(t2.barcodes[0]!, "central");
    assert.equal(
      (await error(await s.post(`/holds/${mailed.id}/calls`, { outcome: "reached" }))).code,
      "HOLD_CONTACT_NOT_PHONE",
    );

    // Requests: a bad ISBN, an unknown request, and a copy that is not on the shelf leave everything as it was.
    const ask = {
      patronId: reader.id,
      title: "所蔵のない本",
      materialType: "book",
      pickupPoint: "central",
      contact: "none",
    };
    assert.equal(
      (await error(await s.post("/requests", { ...ask, isbn: "978-4-00-000000-1" }))).code,
      "INVALID_ISBN",
    );
    const request = await json(await s.post("/requests", ask));
    const unknown = await t.request("/api/v1/takarazuka/requests/999999", { token: s.token });
    assert.deepEqual([unknown.status, (await error(unknown)).code], [404, "REQUEST_NOT_FOUND"]);
    await t.request(`/api/v1/takarazuka/requests/${request.id}`, {
      method: "PATCH",
      token: s.token,
      json: { status: "ordered" },
    });
    const onLoan = await s.post(`/requests/${request.id}/arrival`, {
      itemBarcode: t2.barcodes[0],
      servicePoint: "central",
    });
    assert.equal((await error(onLoan)).code, "ITEM_NOT_AVAILABLE");
    const after = await json(
      await t.request(`/api/v1/takarazuka/requests/${request.id}`, { token: s.token }),
    );
    assert.deepEqual([after.status, after.holdId], ["ordered", null]);
  });

  test("the patron sees their requests and their steps on the web, and no one else's", async () => {
    await s.at("2026-06-01");
    const reader = await patron();
    const other = await patron();
    const taken = await s.post("/requests", {
      patronId: reader.id,
      title: "所蔵のない雑誌の特集号",
      materialType: "book",
      pickupPoint: "central",
      contact: "none",
    });
    assert.equal(taken.status, 201, await taken.clone().text());
    const token = await signInOnWeb(t, "takarazuka", reader);
    const mine = (await json(await t.request("/api/v1/takarazuka/me/requests", { token }))).requests;
    assert.deepEqual(
      mine.map((r: { title: string; status: string }) => [r.title, r.status]),
      [["所蔵のない雑誌の特集号", "received"]],
    );
    const otherToken = await signInOnWeb(t, "takarazuka", other);
    const theirs = (await json(await t.request("/api/v1/takarazuka/me/requests", { token: otherToken })))
      .requests;
    assert.deepEqual(theirs, []);
  });
});
