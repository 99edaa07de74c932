import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (国立国会図書館デジタル送信サービス): at the central library, card holders only, one hour per person
// a day, on an application form; prints made by staff within art. 31, possibly handed over on a later day;
// no download or photographs (rules the patron accepts).
describe("Takarazuka (001) NDL digital transmission service", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-08"); // Tuesday
  });
  after(() => t.close());

  const rules = ["noDownload", "noScreenCopy", "noPhotographs", "printsByStaff"];
  const patron = () => registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
  const apply = (patronId: string, minutes: number, extra: Record<string, unknown> = {}) =>
    s.post("/ndl-sessions", { patronId, servicePoint: "central", minutes, accepted: rules, ...extra });
  const codeOf = async (res: Response) => (await json(res)).error?.code;

  test("one hour a person a day, at the central library, with the rules accepted", async () => {
    const p = await patron();
    assert.equal((await apply(p.id, 40)).status, 201);
    const over = await apply(p.id, 30);
    assert.equal(over.status, 409);
    const error = (await json(over)).error;
    assert.equal(error.code, "NDL_DAILY_LIMIT_REACHED");
    assert.equal(error.details.minutesLeft, 20);
    assert.equal((await apply(p.id, 20)).status, 201);
    assert.equal(await codeOf(await apply(p.id, 1)), "NDL_DAILY_LIMIT_REACHED");
    await s.at("2026-12-09");
    assert.equal((await apply(p.id, 60)).status, 201, "a new day, a new hour");

    const other = await patron();
    assert.equal(await codeOf(await apply(other.id, 30, { servicePoint: "west" })), "NDL_SERVICE_NOT_HERE");
    const missing = await apply(other.id, 30, { accepted: ["noDownload"] });
    assert.equal(await codeOf(missing), "NDL_RULES_NOT_ACCEPTED");
    await t.db.execute(`UPDATE patrons SET status = 'blocked' WHERE id = '${other.id}'`);
    assert.equal(await codeOf(await apply(other.id, 30)), "PATRON_BLOCKED");
  });

  test("prints: art. 31 checked, ready the next opening day, handed over then with the fee in the ledger", async () => {
    await s.at("2026-12-12"); // Saturday; the library is closed on Monday the 14th
    const p = await patron();
    const session = await json(await apply(p.id, 60));
    const ask = (body: Record<string, unknown>) =>
      s.post(`/ndl-sessions/${session.id}/prints`, {
        title: "官報 明治20年",
        scope: "partOfWork",
        monoPages: 8,
        colourPages: 0,
        confirmed: ["forResearch", "onePerPerson", "withinScope"],
        ...body,
      });
    const refused = await json(await ask({ copies: 2 }));
    assert.equal(refused.error.code, "PHOTOCOPY_NOT_PERMITTED");
    assert.equal(refused.error.details.rule, "oneCopyPerPerson");
    const print = await json(await ask({}));
    assert.deepEqual([print.status, print.amountYen, print.readyOn], ["requested", 80, "2026-12-13"]);
    const early = await s.post(`/ndl-prints/${print.id}/hand-over`);
    assert.equal(await codeOf(early), "NDL_PRINT_NOT_READY");
    const desk = await json(await t.request("/api/v1/takarazuka/ndl-sessions", { token: s.token }));
    assert.ok(desk.prints.some((x: { id: number }) => x.id === print.id));
    assert.equal(desk.minutesPerDay, 60);

    await s.at("2026-12-13");
    const handed = await json(await s.post(`/ndl-prints/${print.id}/hand-over`));
    assert.equal(handed.status, "handedOver");
    const entry = await json(
      await t.request(`/api/v1/takarazuka/fees/${handed.feeEntryId}`, { token: s.token }),
    );
    assert.deepEqual([entry.kind, entry.amountYen, entry.recordedOn], ["ndlPrint", 80, "2026-12-13"]);
    assert.equal(
      await codeOf(await s.post(`/ndl-prints/${print.id}/hand-over`)),
      "NDL_PRINT_ALREADY_HANDED_OVER",
    );
    assert.equal(await codeOf(await s.post("/ndl-prints/999999/hand-over")), "NDL_PRINT_NOT_FOUND");
  });
});
