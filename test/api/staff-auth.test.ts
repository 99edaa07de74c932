import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addStaffAccount } from "../../src/services/staff/add-staff-account.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

const signIn = (t: TestApp, system: string, body: unknown) =>
  t.request(`/api/v1/${system}/auth/staff`, { method: "POST", json: body });

describe("staff sign-in", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await addStaffAccount({
      db: t.db,
      librarySystemId: await t.systemId("kashiwa"),
      account: {
        username: "counter1",
        displayName: "Counter",
        password: "counter-pass-1",
        roles: ["counter"],
      },
      actorStaffId: null,
      now: t.clock.now(),
    });
  });
  after(() => t.close());

  test("the demo administrator signs in and gets a Bearer token that names them", async () => {
    const res = await signIn(t, "hiratsuka", { username: "admin", password: "shiori-admin" });
    assert.equal(res.status, 200);
    const { token, expiresAt } = await json(res);
    assert.match(token, /^[\w-]{43}$/);
    assert.equal(new Date(expiresAt).getTime() - t.clock.now().getTime() > 7 * 3600_000, true);
    const me = await json(await t.request("/api/v1/hiratsuka/auth/staff", { token }));
    assert.equal(me.username, "admin");
    assert.ok(me.roles.includes("administrator"));
  });

  test("a wrong password and an unknown user answer alike: 401 INVALID_CREDENTIALS", async () => {
    const wrongPassword = await signIn(t, "takarazuka", { username: "admin", password: "nope-nope" });
    const unknownUser = await signIn(t, "takarazuka", { username: "ghost", password: "nope-nope" });
    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownUser.status, 401);
    assert.deepEqual(await json(wrongPassword), await json(unknownUser));
  });

  test("a sign-in without a password is 422 VALIDATION_FAILED naming the field", async () => {
    const res = await signIn(t, "takarazuka", { username: "admin" });
    assert.equal(res.status, 422);
    const body = await json(res);
    assert.equal(body.error.code, "VALIDATION_FAILED");
    assert.deepEqual(body.error.details.issues[0].path, ["password"]);
  });

  test("malformed JSON is 400 BAD_REQUEST", async () => {
    const res = await t.request("/api/v1/takarazuka/auth/staff", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(res.status, 400);
    assert.equal((await json(res)).error.code, "BAD_REQUEST");
  });

  test("five failed sign-ins within 15 minutes lock the account: 429 LOGIN_THROTTLED, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn(t, "userpage", { username: "admin", password: `wrong-${i}` })).status, 401);
    }
    const locked = await signIn(t, "userpage", { username: "admin", password: "shiori-admin" });
    assert.equal(locked.status, 429);
    assert.equal((await json(locked)).error.code, "LOGIN_THROTTLED");
    assert.ok(Number(locked.headers.get("retry-after")) > 0);
    // The lock is per account and per system.
    assert.equal((await signIn(t, "aomori", { username: "admin", password: "shiori-admin" })).status, 200);
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000));
    assert.equal((await signIn(t, "userpage", { username: "admin", password: "shiori-admin" })).status, 200);
  });

  test("four failures do not lock the account", async () => {
    for (let i = 0; i < 4; i++) await signIn(t, "kashiwa", { username: "admin", password: `wrong-${i}` });
    assert.equal((await signIn(t, "kashiwa", { username: "admin", password: "shiori-admin" })).status, 200);
  });

  test("a request without a token is 401 UNAUTHENTICATED", async () => {
    const res = await t.request("/api/v1/hiratsuka/outbox");
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, "UNAUTHENTICATED");
  });

  test("a token of one system is refused by another: 403 WRONG_SYSTEM", async () => {
    const token = await t.signIn("takarazuka");
    const res = await t.request("/api/v1/hiratsuka/outbox", { token });
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, "WRONG_SYSTEM");
    assert.equal((await t.request("/api/v1/takarazuka/outbox", { token })).status, 200);
  });

  test("signing out ends the session", async () => {
    const token = await t.signIn("hiratsuka");
    assert.equal((await t.request("/api/v1/hiratsuka/auth/staff", { method: "DELETE", token })).status, 204);
    const after = await t.request("/api/v1/hiratsuka/auth/staff", { token });
    assert.equal(after.status, 401);
  });

  test("a session expires after eight hours", async () => {
    const token = await t.signIn("aomori");
    // used just before: a session the server has seen a moment ago still ends on time
    assert.equal((await t.request("/api/v1/aomori/auth/staff", { token })).status, 200);
    t.clock.set(new Date(t.clock.now().getTime() + 8 * 3600_000 + 1000));
    assert.equal((await t.request("/api/v1/aomori/auth/staff", { token })).status, 401);
  });

  test("a counter clerk may not publish a policy: 403 FORBIDDEN", async () => {
    const token = await t.signIn("kashiwa", "counter1", "counter-pass-1");
    const res = await t.request("/api/v1/kashiwa/policy", { method: "PUT", token, json: { policy: {} } });
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, "FORBIDDEN");
  });
});

describe("the demo account in production", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ production: true });
  });
  after(() => t.close());

  test("admin / shiori-admin is refused when NODE_ENV=production", async () => {
    const res = await signIn(t, "hiratsuka", { username: "admin", password: "shiori-admin" });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, "INVALID_CREDENTIALS");
  });
});
