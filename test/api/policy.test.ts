import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("policy versions", () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp();
    token = await t.signIn("takarazuka");
  });
  after(() => t.close());

  const current = async (query = "") => json(await t.request(`/api/v1/takarazuka/policy${query}`));

  test("GET /policy returns the preset in force: Takarazuka lends 15 items for 2 weeks", async () => {
    const body = await current();
    assert.equal(body.version, 1);
    assert.equal(body.policy.loans.totalLimit, 15);
    assert.equal(body.policy.loans.periodDays, 14);
    assert.equal(body.policy.holds.totalLimit, 10);
  });

  test("each system answers its own policy", async () => {
    const userpage = await json(await t.request("/api/v1/userpage/policy"));
    assert.equal(userpage.policy.registration.cardNumber.mustRenewPrefix, "07");
    assert.equal(userpage.policy.holds.wideAreaMayReserve, false);
  });

  test("an administrator publishes a new version in force from today, and it is audited", async () => {
    const { policy } = await current();
    policy.loans.totalLimit = 20;
    const res = await t.request("/api/v1/takarazuka/policy", {
      method: "PUT",
      token,
      json: { policy, note: "20 items" },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(await json(res), { version: 2, effectiveFrom: "2026-04-01" });
    const after = await current();
    assert.equal(after.version, 2);
    assert.equal(after.policy.loans.totalLimit, 20);
    const audit = resultRows<{ action: string; details: { version: number } }>(
      await t.db.execute(sql`SELECT action, details FROM audit_log WHERE action = 'policy.publish'`),
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.details.version, 2);
  });

  test("a version dated in the future is in force only from its date", async () => {
    const { policy } = await current();
    policy.loans.periodDays = 21;
    const res = await t.request("/api/v1/takarazuka/policy", {
      method: "PUT",
      token,
      json: { policy, effectiveFrom: "2026-05-01" },
    });
    assert.equal(res.status, 201);
    assert.equal((await current()).policy.loans.periodDays, 14);
    assert.equal((await current("?date=2026-05-01")).policy.loans.periodDays, 21);
  });

  test("a broken policy is refused with 422 POLICY_INVALID and the failing path; nothing is written", async () => {
    const before = await json(await t.request("/api/v1/takarazuka/policy/versions", { token }));
    const { policy } = await current();
    policy.loans.totalLimit = 0;
    delete policy.holds.pickup;
    const res = await t.request("/api/v1/takarazuka/policy", { method: "PUT", token, json: { policy } });
    assert.equal(res.status, 422);
    const body = await json(res);
    assert.equal(body.error.code, "POLICY_INVALID");
    const paths = body.error.details.issues.map((i: { path: string[] }) => i.path.join("."));
    assert.ok(paths.includes("loans.totalLimit"), paths.join(", "));
    assert.ok(paths.includes("holds.pickup"), paths.join(", "));
    const afterVersions = await json(await t.request("/api/v1/takarazuka/policy/versions", { token }));
    assert.equal(afterVersions.versions.length, before.versions.length);
  });

  test("an effective date in the past is refused", async () => {
    const { policy } = await current();
    const res = await t.request("/api/v1/takarazuka/policy", {
      method: "PUT",
      token,
      json: { policy, effectiveFrom: "2026-03-31" },
    });
    assert.equal(res.status, 422);
    assert.equal((await json(res)).error.code, "EFFECTIVE_DATE_IN_PAST");
  });

  test("publishing needs a signed-in administrator", async () => {
    const res = await t.request("/api/v1/takarazuka/policy", { method: "PUT", json: { policy: {} } });
    assert.equal(res.status, 401);
  });
});
