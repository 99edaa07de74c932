import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { hiratsukaResident, kashiwaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 000 (平塚市図書館 郵送による新規登録): the form and a copy of both sides of every member's identity
// document, a return envelope with 110 yen of stamps, about a week; the applicant or a guardian of children up to
// primary school, and the whole household at once; no reissue by post. Staff enter it; all members or none.
describe("Hiratsuka (000) registration by post", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "hiratsuka");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  const copy = { front: true, back: true };
  const member = (relation: string, overrides: Record<string, unknown> = {}) => ({
    relation,
    identityCopy: copy,
    ...hiratsukaResident({ ...uniqueKana(), ...overrides }),
  });
  const household = () => [
    member("self"),
    member("householdMember", { givenName: "太郎", birthDate: "1988-02-01", email: null }),
    member("child", {
      givenName: "小花",
      birthDate: "2018-06-01",
      email: null,
      idDocument: { type: "healthInsuranceCard" },
    }),
  ];
  const application = (overrides: Record<string, unknown> = {}) => ({
    procedure: "newRegistration",
    receivedOn: "2026-12-03",
    returnEnvelopeYen: 110,
    members: household(),
    ...overrides,
  });
  const patronCount = async () =>
    Number(
      ((await t.db.execute(sql`SELECT count(*)::int AS n FROM patrons`)) as { rows: { n: number }[] })
        .rows[0]!.n,
    );

  test("a household registered at once: one household, the child guarded by the applicant, plastic cards, a week", async () => {
    const res = await s.post("/postal-registrations", application());
    assert.equal(res.status, 201, await res.clone().text());
    const body = await json(res);
    assert.equal(body.receivedOn, "2026-12-03");
    assert.equal(body.replyBy, "2026-12-10");
    assert.equal(body.mailedOn, null);
    assert.deepEqual(
      body.members.map((m: { relation: string }) => m.relation),
      ["self", "householdMember", "child"],
    );
    const [self, partner, child] = await Promise.all(
      body.members.map((m: { patronId: string }) => s.patron(m.patronId)),
    );
    assert.equal(self.registeredVia, "postal");
    assert.equal(partner.householdId, self.householdId);
    assert.equal(child.householdId, self.householdId);
    assert.equal(child.guardian.id, self.id);
    assert.equal(self.cards[0].physical, true);
    assert.equal(self.cards[0].number, body.members[0].cardNumber);

    const list = await json(await t.request("/api/v1/hiratsuka/postal-registrations", { token: s.token }));
    assert.ok(list.postalRegistrations.some((r: { id: string }) => r.id === body.id));

    const mailed = await s.post(`/postal-registrations/${body.id}/mailing`);
    assert.equal(mailed.status, 200);
    assert.equal((await json(mailed)).mailedOn, "2026-12-04");
    const again = await s.post(`/postal-registrations/${body.id}/mailing`);
    assert.equal(again.status, 409);
    assert.equal((await json(again)).error.code, "CARDS_ALREADY_MAILED");
    const toMail = await json(await t.request("/api/v1/hiratsuka/postal-registrations", { token: s.token }));
    assert.ok(!toMail.postalRegistrations.some((r: { id: string }) => r.id === body.id));
    const sent = await json(
      await t.request("/api/v1/hiratsuka/postal-registrations?status=mailed", { token: s.token }),
    );
    assert.ok(sent.postalRegistrations.some((r: { id: string }) => r.id === body.id));
  });

  test("a guardian may apply for a child alone", async () => {
    const res = await s.post(
      "/postal-registrations",
      application({
        members: [member("child", { birthDate: "2019-09-09", idDocument: { type: "healthInsuranceCard" } })],
      }),
    );
    assert.equal(res.status, 201, await res.clone().text());
  });

  test("the post's own refusals register nobody", async () => {
    const before = await patronCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ procedure: "reissue" }, 409, "NOT_AVAILABLE_BY_POST"],
      [{ returnEnvelopeYen: 84 }, 409, "RETURN_ENVELOPE_REQUIRED"],
      [{ members: [member("self"), member("self")] }, 422, "POSTAL_MEMBERS_INVALID"],
      [{ members: [member("householdMember")] }, 422, "POSTAL_MEMBERS_INVALID"],
      [
        {
          members: [
            member("self"),
            { ...member("householdMember"), identityCopy: { front: true, back: false } },
          ],
        },
        409,
        "IDENTITY_COPY_REQUIRED",
      ],
      // 000: 小学生以下の児童 — a child past primary school applies for themself
      [
        { members: [member("self"), member("child", { birthDate: "2012-06-01" })] },
        409,
        "CHILD_TOO_OLD_FOR_GUARDIAN",
      ],
      [{ receivedOn: "2026-12-05" }, 422, "VALIDATION_FAILED"],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await s.post("/postal-registrations", application(overrides));
      const body = await json(res);
      assert.equal(res.status, status, `${code}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, code);
    }
    const copyRefusal = await json(
      await s.post(
        "/postal-registrations",
        application({
          members: [
            member("self"),
            { ...member("child", { birthDate: "2018-01-01" }), identityCopy: { front: true, back: false } },
          ],
        }),
      ),
    );
    assert.equal(copyRefusal.error.details.member, 1);
    assert.deepEqual(copyRefusal.error.details.missing, ["back"]);
    assert.equal(await patronCount(), before);
  });

  test("all or nothing: a member refused by eligibility or as a duplicate leaves no one registered", async () => {
    const before = await patronCount();
    const outsider = member("householdMember", {
      municipality: "柏市",
      address: { postalCode: "277-0005", prefecture: "千葉県", city: "柏市", street: "柏1-1" },
    });
    const res = await s.post("/postal-registrations", application({ members: [member("self"), outsider] }));
    const body = await json(res);
    assert.equal(res.status, 409, JSON.stringify(body));
    assert.equal(body.error.details.member, 1);
    assert.equal(await patronCount(), before);

    // the last member is a duplicate of a registered patron: the first two were written, then rolled back
    const registered = member("self");
    assert.equal((await s.post("/postal-registrations", application({ members: [registered] }))).status, 201);
    const again = { ...registered, relation: "householdMember" };
    const duplicate = await s.post(
      "/postal-registrations",
      application({ members: [member("self"), member("child", { birthDate: "2020-01-01" }), again] }),
    );
    const refusal = await json(duplicate);
    assert.equal(duplicate.status, 409);
    assert.equal(refusal.error.code, "POSSIBLE_DUPLICATE");
    assert.equal(refusal.error.details.member, 2);
    assert.equal(await patronCount(), before + 1);
    const orphans = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM postal_registrations r WHERE NOT EXISTS (SELECT 1 FROM postal_registration_members m WHERE m.postal_registration_id = r.id)`,
    );
    assert.equal((orphans as { rows: { n: number }[] }).rows[0]!.n, 0);
  });

  test("counter staff only; a library without postal registration refuses", async () => {
    const anonymous = await t.request("/api/v1/hiratsuka/postal-registrations", {
      method: "POST",
      json: application(),
    });
    assert.equal(anonymous.status, 401);
    const kashiwa = await t.signIn("kashiwa");
    const res = await t.request("/api/v1/kashiwa/postal-registrations", {
      method: "POST",
      token: kashiwa,
      json: application({
        members: [{ relation: "self", identityCopy: copy, ...kashiwaResident(uniqueKana()) }],
      }),
    });
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "POSTAL_REGISTRATION_NOT_OFFERED");
  });
});
