import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { japanDate } from "../../src/clock.ts";
import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { AppError } from "../../src/domain/errors.ts";
import { demoPatronPassword } from "../../src/services/demo/seed-demo-patrons.ts";
import { setWebPassword } from "../../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../../src/services/policies/get-policy-in-force.ts";
import {
  hiratsukaResident,
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
} from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

const password = "books2026";

describe("patron sign-in", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const signIn = (system: string, body: unknown) =>
    t.request(`/api/v1/${system}/auth/patron`, { method: "POST", json: body });

  const policyOf = async (system: string) =>
    (await getPolicyInForce(t.db, await t.systemId(system), japanDate(t.clock.now()))).policy;

  /** A patron registered at the counter, with a web password unless told otherwise. */
  async function patron(system: "hiratsuka" | "takarazuka", options: { password?: string | null } = {}) {
    const resident = system === "hiratsuka" ? hiratsukaResident : takarazukaResident;
    const registered = await registerAtCounter(t, system, await t.signIn(system), resident(uniqueKana()));
    const web = options.password === undefined ? password : options.password;
    if (web !== null) {
      await setWebPassword(
        t.db,
        await t.systemId(system),
        registered.id,
        web,
        await policyOf(system),
        t.clock.now(),
      );
    }
    return registered;
  }

  async function tokenOf(system: string, cardNumber: string, secret = password): Promise<string> {
    const res = await signIn(system, { cardNumber, password: secret });
    assert.equal(res.status, 200, await res.clone().text());
    return (await json(res)).token;
  }

  const me = (system: string, token: string) => t.request(`/api/v1/${system}/me`, { token });

  const setStatus = (patronId: string, status: string) =>
    t.db.execute(sql`UPDATE patrons SET status = ${status} WHERE id = ${patronId}`);

  test("the first demo patron signs in with the demo password and the token names them on /me", async () => {
    const rows = await t.db.execute(sql`
      SELECT c.number FROM patron_cards c JOIN patrons p ON p.id = c.patron_id
      JOIN library_systems s ON s.id = p.library_system_id
      WHERE s.slug = 'hiratsuka' AND p.family_name = '山田' AND p.given_name = '花子' AND c.status = 'active'`);
    const cardNumber = (rows as unknown as { rows: { number: string }[] }).rows[0]!.number;
    const res = await signIn("hiratsuka", { cardNumber, password: demoPatronPassword });
    assert.equal(res.status, 200);
    const { token, expiresAt } = await json(res);
    assert.match(token, /^[\w-]{43}$/);
    const lifetime = new Date(expiresAt).getTime() - t.clock.now().getTime();
    assert.ok(
      lifetime > 7.9 * 3600_000 && lifetime <= 8 * 3600_000,
      `an eight-hour token, got ${lifetime} ms`,
    );
    const who = await me("hiratsuka", token);
    assert.equal(who.status, 200);
    assert.equal((await json(who)).displayName, "山田 花子");
  });

  test("a card number is normalised as at the counter: surrounding spaces are ignored", async () => {
    const p = await patron("hiratsuka");
    const token = await tokenOf("hiratsuka", `  ${p.cardNumber} `);
    assert.equal((await json(await me("hiratsuka", token))).patronId, p.id);
  });

  test("a wrong password, an unknown or malformed card and a patron without a web password answer alike: 401 INVALID_CREDENTIALS", async () => {
    const withPassword = await patron("hiratsuka");
    const withoutPassword = await patron("hiratsuka", { password: null });
    // Well formed, with its check digit, but never issued.
    const unknownCard = completeNumber((await policyOf("hiratsuka")).registration.cardNumber, 987654321);
    const answers = [
      await signIn("hiratsuka", { cardNumber: withPassword.cardNumber, password: "wrong2026" }),
      await signIn("hiratsuka", { cardNumber: unknownCard, password }),
      await signIn("hiratsuka", { cardNumber: "not-a-card", password }),
      await signIn("hiratsuka", { cardNumber: withoutPassword.cardNumber, password }),
    ];
    const bodies = [];
    for (const res of answers) {
      assert.equal(res.status, 401);
      bodies.push(await json(res));
    }
    assert.equal(bodies[0].error.code, "INVALID_CREDENTIALS");
    for (const body of bodies) assert.deepEqual(body, bodies[0]);
  });

  test("a sign-in without a password is 422 VALIDATION_FAILED naming the field", async () => {
    const res = await signIn("hiratsuka", { cardNumber: "1234" });
    assert.equal(res.status, 422);
    assert.deepEqual((await json(res)).error.details.issues[0].path, ["password"]);
  });

  test("a card reported lost no longer signs in: 401 INVALID_CREDENTIALS", async () => {
    const p = await patron("hiratsuka");
    const lost = await t.request(`/api/v1/hiratsuka/patrons/${p.id}/cards/${p.cardNumber}/loss`, {
      method: "POST",
      token: await t.signIn("hiratsuka"),
    });
    assert.equal(lost.status, 200, await lost.clone().text());
    const res = await signIn("hiratsuka", { cardNumber: p.cardNumber, password });
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, "INVALID_CREDENTIALS");
  });

  test("a blocked or deleted patron cannot sign in, and their sessions stop working", async () => {
    for (const status of ["blocked", "deleted"]) {
      const p = await patron("hiratsuka");
      const token = await tokenOf("hiratsuka", p.cardNumber);
      await setStatus(p.id, status);
      const res = await signIn("hiratsuka", { cardNumber: p.cardNumber, password });
      assert.equal(res.status, 401, status);
      assert.equal((await json(res)).error.code, "INVALID_CREDENTIALS");
      assert.equal((await me("hiratsuka", token)).status, 401, status);
    }
  });

  test("an expired registration may sign in, to see its status", async () => {
    const p = await patron("hiratsuka");
    await t.db.execute(
      sql`UPDATE patrons SET status = 'expired', expires_on = '2026-03-01' WHERE id = ${p.id}`,
    );
    const token = await tokenOf("hiratsuka", p.cardNumber);
    assert.equal((await me("hiratsuka", token)).status, 200);
  });

  test("five failures within 15 minutes lock the card number: 429 LOGIN_THROTTLED, even with the right password", async () => {
    const p = await patron("takarazuka");
    const other = await patron("takarazuka");
    for (let i = 0; i < 5; i++) {
      const res = await signIn("takarazuka", { cardNumber: p.cardNumber, password: `wrong-${i}` });
      assert.equal(res.status, 401);
    }
    const locked = await signIn("takarazuka", { cardNumber: p.cardNumber, password });
    assert.equal(locked.status, 429);
    const body = await json(locked);
    assert.equal(body.error.code, "LOGIN_THROTTLED");
    assert.equal(body.error.details.retryAfterMinutes, 15);
    assert.ok(Number(locked.headers.get("retry-after")) > 0);
    // The lock is per card: another patron still signs in.
    await tokenOf("takarazuka", other.cardNumber);
    t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000));
    await tokenOf("takarazuka", p.cardNumber);
  });

  test("four failures do not lock the card number", async () => {
    const p = await patron("hiratsuka");
    for (let i = 0; i < 4; i++) {
      await signIn("hiratsuka", { cardNumber: p.cardNumber, password: `wrong-${i}` });
    }
    await tokenOf("hiratsuka", p.cardNumber);
  });

  test("a request to /me without a token is 401 UNAUTHENTICATED", async () => {
    const res = await t.request("/api/v1/hiratsuka/me");
    assert.equal(res.status, 401);
    assert.equal((await json(res)).error.code, "UNAUTHENTICATED");
  });

  test("signing out ends this session only", async () => {
    const p = await patron("hiratsuka");
    const phone = await tokenOf("hiratsuka", p.cardNumber);
    const computer = await tokenOf("hiratsuka", p.cardNumber);
    const res = await t.request("/api/v1/hiratsuka/auth/patron/sign-out", { method: "POST", token: phone });
    assert.equal(res.status, 204);
    assert.equal((await me("hiratsuka", phone)).status, 401);
    assert.equal((await me("hiratsuka", computer)).status, 200);
  });

  test("signing out everywhere ends every session of the patron, and no one else's", async () => {
    const p = await patron("hiratsuka");
    const other = await patron("hiratsuka");
    const phone = await tokenOf("hiratsuka", p.cardNumber);
    const computer = await tokenOf("hiratsuka", p.cardNumber);
    const othersToken = await tokenOf("hiratsuka", other.cardNumber);
    const res = await t.request("/api/v1/hiratsuka/auth/patron/sign-out-everywhere", {
      method: "POST",
      token: computer,
    });
    assert.equal(res.status, 204);
    assert.equal((await me("hiratsuka", phone)).status, 401);
    assert.equal((await me("hiratsuka", computer)).status, 401);
    assert.equal((await me("hiratsuka", othersToken)).status, 200);
  });

  test("a patron session expires after eight hours", async () => {
    const p = await patron("hiratsuka");
    const token = await tokenOf("hiratsuka", p.cardNumber);
    t.clock.set(new Date(t.clock.now().getTime() + 8 * 3600_000 + 1000));
    assert.equal((await me("hiratsuka", token)).status, 401);
  });

  test("a staff token is no patron token, and a patron token is no staff token", async () => {
    const staffToken = await t.signIn("hiratsuka");
    const asPatron = await me("hiratsuka", staffToken);
    assert.equal(asPatron.status, 401);
    assert.equal((await json(asPatron)).error.code, "UNAUTHENTICATED");
    const p = await patron("hiratsuka");
    const patronToken = await tokenOf("hiratsuka", p.cardNumber);
    assert.equal((await t.request("/api/v1/hiratsuka/auth/staff", { token: patronToken })).status, 401);
    assert.equal((await t.request("/api/v1/hiratsuka/outbox", { token: patronToken })).status, 401);
  });

  test("a patron token of one system is refused by another: 403 WRONG_SYSTEM", async () => {
    const p = await patron("takarazuka");
    const token = await tokenOf("takarazuka", p.cardNumber);
    const res = await me("hiratsuka", token);
    assert.equal(res.status, 403);
    assert.equal((await json(res)).error.code, "WRONG_SYSTEM");
    // Nor does its card number sign in there.
    assert.equal((await signIn("hiratsuka", { cardNumber: p.cardNumber, password })).status, 401);
  });

  test("setWebPassword refuses a password that breaks the system's rule: PASSWORD_TOO_WEAK", async () => {
    const p = await patron("hiratsuka", { password: null });
    const id = await t.systemId("hiratsuka");
    const policy = await policyOf("hiratsuka");
    for (const weak of ["abc123", "lettersonly", "1234567890", "books-2026", "ｂｏｏｋｓ２０２６"]) {
      await assert.rejects(
        setWebPassword(t.db, id, p.id, weak, policy, t.clock.now()),
        (error: unknown) =>
          error instanceof AppError &&
          error.code === "PASSWORD_TOO_WEAK" &&
          error.details.minLength === policy.webServices.password.minLength,
        weak,
      );
    }
    const res = await signIn("hiratsuka", { cardNumber: p.cardNumber, password: "abc123" });
    assert.equal(res.status, 401);
  });

  test("without a letters-and-digits rule, any password of the minimum length is taken", async () => {
    const policy = await policyOf("takarazuka");
    assert.equal(policy.webServices.password.requireLettersAndDigits, false);
    const p = await patron("takarazuka", { password: "only-letters!" });
    await tokenOf("takarazuka", p.cardNumber, "only-letters!");
    await assert.rejects(
      setWebPassword(t.db, await t.systemId("takarazuka"), p.id, "short", policy, t.clock.now()),
      (error: unknown) => error instanceof AppError && error.code === "PASSWORD_TOO_WEAK",
    );
  });

  test("a new web password ends the sessions signed in with the old one", async () => {
    const p = await patron("hiratsuka");
    const token = await tokenOf("hiratsuka", p.cardNumber);
    await setWebPassword(
      t.db,
      await t.systemId("hiratsuka"),
      p.id,
      "newpass2027",
      await policyOf("hiratsuka"),
      t.clock.now(),
    );
    assert.equal((await me("hiratsuka", token)).status, 401);
    assert.equal((await signIn("hiratsuka", { cardNumber: p.cardNumber, password })).status, 401);
    await tokenOf("hiratsuka", p.cardNumber, "newpass2027");
  });

  test("setWebPassword refuses an unknown patron: PATRON_NOT_FOUND", async () => {
    await assert.rejects(
      setWebPassword(
        t.db,
        await t.systemId("hiratsuka"),
        "00000000-0000-4000-8000-000000000000",
        "books2026",
        await policyOf("hiratsuka"),
      ),
      (error: unknown) => error instanceof AppError && error.code === "PATRON_NOT_FOUND",
    );
  });
});
