import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館 インターネット検索用端末): 2 terminals in the central library's reference room and 1
// in the west library's corner, for card holders. Slots of the policy's length follow the (assumed) opening
// hours; one booking per patron at a time.
describe("Takarazuka (001) internet terminals", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-08"); // a Tuesday, 10:00
  });
  after(() => t.close());

  const patron = () => registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
  const day = async (servicePoint: string, date: string) =>
    t.request(`/api/v1/takarazuka/terminals?servicePoint=${servicePoint}&date=${date}`);
  const bookAsPatron = (token: string, body: Record<string, unknown>) =>
    t.request("/api/v1/takarazuka/me/terminal-bookings", { method: "POST", token, json: body });
  const codeOf = async (res: Response) => (await json(res)).error?.code;

  test("slots follow the opening hours; closed days have none; the west library has one terminal", async () => {
    const tuesday = await json(await day("central", "2026-12-08"));
    assert.equal(tuesday.terminals, 2);
    assert.equal(tuesday.slots[0].startsAt, "09:30");
    assert.equal(tuesday.slots.at(-1).endsAt, "19:00");
    assert.equal(tuesday.slots.length, 19);
    assert.equal(tuesday.slots[0].past, true, "09:30–10:00 has ended at 10:00");
    const saturday = await json(await day("central", "2026-12-12"));
    assert.equal(saturday.slots.at(-1).endsAt, "17:00");
    const monday = await json(await day("central", "2026-12-14"));
    assert.equal(monday.slots.length, 0, "closed on Mondays");
    assert.equal((await json(await day("west", "2026-12-08"))).terminals, 1);
    assert.equal(await codeOf(await day("nishitani", "2026-12-08")), "NO_TERMINALS_AT_SERVICE_POINT");
  });

  test("a patron books on the web, sees it, cannot hold two at once; the slot fills terminal by terminal", async () => {
    const [a, b, c] = [await patron(), await patron(), await patron()];
    const [ta, tb, tc] = [
      await signInOnWeb(t, "takarazuka", a),
      await signInOnWeb(t, "takarazuka", b),
      await signInOnWeb(t, "takarazuka", c),
    ];
    const slot = { servicePoint: "central", date: "2026-12-08", startsAt: "14:00" };
    const first = await bookAsPatron(ta, slot);
    assert.equal(first.status, 201, await first.clone().text());
    const booked = await json(first);
    assert.deepEqual(
      [booked.terminal, booked.startsAt, booked.endsAt, booked.channel],
      [1, "14:00", "14:30", "web"],
    );
    assert.equal(
      await codeOf(await bookAsPatron(ta, { ...slot, startsAt: "15:00" })),
      "TERMINAL_BOOKING_LIMIT_REACHED",
    );
    assert.equal((await json(await bookAsPatron(tb, slot))).terminal, 2);
    const full = await bookAsPatron(tc, slot);
    assert.equal(full.status, 409);
    assert.equal(await codeOf(full), "TERMINAL_SLOT_TAKEN");
    const after = await json(await day("central", "2026-12-08"));
    const fourteen = after.slots.find((x: { startsAt: string }) => x.startsAt === "14:00");
    assert.deepEqual(fourteen.free, []);
    assert.ok(!JSON.stringify(after).includes(a.id), "the public day names nobody");

    const mine = await json(await t.request("/api/v1/takarazuka/me/terminal-bookings", { token: ta }));
    assert.deepEqual(
      mine.bookings.map((x: { id: number }) => x.id),
      [booked.id],
    );
    const notMine = await t.request(`/api/v1/takarazuka/me/terminal-bookings/${booked.id}`, {
      method: "DELETE",
      token: tc,
    });
    assert.equal(notMine.status, 404);
    assert.equal(
      (
        await t.request(`/api/v1/takarazuka/me/terminal-bookings/${booked.id}`, {
          method: "DELETE",
          token: ta,
        })
      ).status,
      204,
    );
    assert.equal((await bookAsPatron(tc, slot)).status, 201, "the cancelled slot is free again");
    assert.equal(
      (await bookAsPatron(ta, { ...slot, startsAt: "15:00" })).status,
      201,
      "and the patron may book again",
    );
  });

  test("refusals: outside the hours, a closed day, the past, an unknown terminal, an expired registration", async () => {
    const p = await patron();
    const token = await signInOnWeb(t, "takarazuka", p);
    const base = { servicePoint: "central", date: "2026-12-09" };
    const outside = await bookAsPatron(token, { ...base, startsAt: "19:00" });
    assert.equal(await codeOf(outside), "TERMINAL_SLOT_OUTSIDE_HOURS");
    assert.equal(
      await codeOf(await bookAsPatron(token, { ...base, startsAt: "10:15" })),
      "TERMINAL_SLOT_OUTSIDE_HOURS",
    );
    assert.equal(
      await codeOf(await bookAsPatron(token, { ...base, date: "2026-12-14", startsAt: "10:00" })),
      "SERVICE_POINT_CLOSED_THAT_DAY",
    );
    assert.equal(
      await codeOf(await bookAsPatron(token, { ...base, date: "2026-12-08", startsAt: "09:30" })),
      "TERMINAL_SLOT_PAST",
    );
    assert.equal(
      await codeOf(await bookAsPatron(token, { ...base, startsAt: "10:00", terminal: 3 })),
      "TERMINAL_NOT_FOUND",
    );
    assert.equal((await bookAsPatron(token, { ...base, startsAt: "25:00" })).status, 422);

    const lapsed = await patron();
    const staffBooking = (body: Record<string, unknown>) => s.post("/terminal-bookings", body);
    await t.db.execute(`UPDATE patrons SET expires_on = '2026-12-01' WHERE id = '${lapsed.id}'`);
    const expired = await staffBooking({ patronId: lapsed.id, ...base, startsAt: "10:00" });
    assert.equal(await codeOf(expired), "REGISTRATION_EXPIRED");
  });

  test("staff book at the counter and see the day's board with names; cancel; the board is staff-only", async () => {
    const p = await patron();
    const made = await s.post("/terminal-bookings", {
      patronId: p.id,
      servicePoint: "west",
      date: "2026-12-10",
      startsAt: "11:00",
    });
    assert.equal(made.status, 201, await made.clone().text());
    const booking = await json(made);
    assert.equal(booking.channel, "counter");
    const board = await json(
      await t.request("/api/v1/takarazuka/terminal-bookings?servicePoint=west&date=2026-12-10", {
        token: s.token,
      }),
    );
    assert.equal(board.bookings.length, 1);
    assert.equal(board.bookings[0].patronId, p.id);
    assert.equal(board.bookings[0].cardNumber, p.cardNumber);
    assert.equal(
      (await t.request("/api/v1/takarazuka/terminal-bookings?servicePoint=west&date=2026-12-10")).status,
      401,
    );
    const cancelled = await t.request(`/api/v1/takarazuka/terminal-bookings/${booking.id}`, {
      method: "DELETE",
      token: s.token,
    });
    assert.equal(cancelled.status, 204);
    const again = await t.request(`/api/v1/takarazuka/terminal-bookings/${booking.id}`, {
      method: "DELETE",
      token: s.token,
    });
    assert.equal(again.status, 404);
  });

  test("two patrons racing for the last terminal: one gets it", async () => {
    const [a, b] = [await patron(), await patron()];
    const slot = { servicePoint: "west", date: "2026-12-11", startsAt: "16:00" };
    const results = await Promise.all([
      s.post("/terminal-bookings", { patronId: a.id, ...slot }),
      s.post("/terminal-bookings", { patronId: b.id, ...slot }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409]);
  });
});
