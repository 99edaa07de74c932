import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { verifyNumber } from "../../src/domain/barcodes/check-digit.ts";
import { hiratsukaResident, registerAtCounter, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("patrons at the counter", () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startTestApp();
    token = await t.signIn("hiratsuka");
  });
  after(() => t.close());

  const post = (body: unknown) =>
    t.request("/api/v1/hiratsuka/patrons", { method: "POST", token, json: body });

  test("registerPatron issues a card of the policy's format, valid for 5 years in Hiratsuka", async () => {
    const res = await post(hiratsukaResident(uniqueKana()));
    assert.equal(res.status, 201, await res.clone().text());
    const body = await json(res);
    assert.equal(body.expiresOn, "2031-03-31");
    const policy = await json(await t.request("/api/v1/hiratsuka/policy"));
    assert.deepEqual(verifyNumber(policy.policy.registration.cardNumber, body.cardNumber), { ok: true });
    const patron = await json(await t.request(`/api/v1/hiratsuka/patrons/${body.id}`, { token }));
    assert.equal(patron.cardNumber, body.cardNumber);
    assert.equal(patron.registrationKind, "area");
    assert.equal(patron.cards.length, 1);
    assert.deepEqual(patron.standing.borrow, []);
    assert.equal(patron.elibraryRegistered, true);
  });

  test("concurrent registrations get distinct card numbers without gaps", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(hiratsukaResident(uniqueKana()))));
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(8).fill(201),
    );
    const serials = (await Promise.all(answers.map((a) => json(a))))
      .map((b) => Number(b.cardNumber.slice(0, -1)))
      .sort((a, b) => a - b);
    assert.equal(new Set(serials).size, 8);
    assert.equal(serials.at(-1)! - serials[0]!, 7);
  });

  test("registerPatron needs the counter role", async () => {
    const res = await t.request("/api/v1/hiratsuka/patrons", { method: "POST", json: hiratsukaResident() });
    assert.equal(res.status, 401);
  });

  test("a resident of a partner municipality is registered as a wide-area patron", async () => {
    const body = await registerAtCounter(
      t,
      "hiratsuka",
      token,
      hiratsukaResident({
        ...uniqueKana(),
        municipality: "大磯町",
        address: { postalCode: "255-0003", prefecture: "神奈川県", city: "中郡大磯町", street: "大磯1" },
      }),
    );
    const patron = await json(await t.request(`/api/v1/hiratsuka/patrons/${body.id}`, { token }));
    assert.equal(patron.registrationKind, "wideArea");
  });

  test("registerPatron refuses a resident of another city with NOT_ELIGIBLE and lists every refusal", async () => {
    const res = await post(
      hiratsukaResident({
        ...uniqueKana(),
        municipality: "横浜市",
        idDocument: { type: "pointCard" },
      }),
    );
    assert.equal(res.status, 409);
    const error = (await json(res)).error;
    assert.equal(error.code, "NOT_ELIGIBLE");
    assert.equal(error.details.reason, "outsideArea");
    assert.deepEqual(
      error.details.refusals.map((r: { code: string }) => r.code),
      ["NOT_ELIGIBLE", "ID_DOCUMENT_NOT_ACCEPTED"],
    );
  });

  test("an expired identity document is ID_DOCUMENT_EXPIRED", async () => {
    const res = await post(
      hiratsukaResident({ ...uniqueKana(), idDocument: { type: "driversLicence", expiresOn: "2026-03-31" } }),
    );
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "ID_DOCUMENT_EXPIRED");
  });

  test("an outdated address needs a supplementary document issued within 3 months", async () => {
    const kana = uniqueKana();
    const outdated = { type: "driversLicence", expiresOn: "2029-01-01", showsCurrentAddress: false };
    const refused = await post(hiratsukaResident({ ...kana, idDocument: outdated }));
    assert.equal((await json(refused)).error.code, "SUPPLEMENTARY_DOCUMENT_REQUIRED");
    const tooOld = await post(
      hiratsukaResident({
        ...kana,
        idDocument: outdated,
        supplementaryDocument: { type: "utilityBill", issuedOn: "2025-12-31" },
      }),
    );
    assert.equal((await json(tooOld)).error.details.problem, "tooOld");
    const ok = await post(
      hiratsukaResident({
        ...kana,
        idDocument: outdated,
        supplementaryDocument: { type: "utilityBill", issuedOn: "2026-01-01" },
      }),
    );
    assert.equal(ok.status, 201);
  });

  test("the same reading and birth date is POSSIBLE_DUPLICATE unless staff override it with a reason", async () => {
    const kana = { familyNameKana: "ドウセイ", givenNameKana: "ドウメイ" };
    await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(kana));
    // Half-width and hiragana readings are the same reading.
    const again = await post(
      hiratsukaResident({ familyNameKana: "ドウセイ", givenNameKana: "ドウメイ", familyName: "同姓" }),
    );
    assert.equal(again.status, 409);
    const error = (await json(again)).error;
    assert.equal(error.code, "POSSIBLE_DUPLICATE");
    assert.equal(error.details.patrons.length, 1);
    const overridden = await post(
      hiratsukaResident({ ...kana, duplicateOverride: { reason: "別人(同姓同名・同じ生年月日)" } }),
    );
    assert.equal(overridden.status, 201);
  });

  test("bad input is a 422 with the field path and a message in the request's language", async () => {
    const res = await t.request("/api/v1/hiratsuka/patrons", {
      method: "POST",
      token,
      headers: { "accept-language": "en" },
      json: hiratsukaResident({
        familyNameKana: "ひらつか",
        address: { postalCode: "2540041", prefecture: "神奈川県", city: "平塚市", street: "x".repeat(65) },
        email: "not-an-address",
      }),
    });
    assert.equal(res.status, 422);
    const issues = (await json(res)).error.details.issues as {
      path: string[];
      code: string;
      message: string;
    }[];
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join("."), i]));
    assert.equal(byPath.familyNameKana?.code, "KATAKANA_REQUIRED");
    assert.match(byPath.familyNameKana!.message, /katakana/);
    assert.equal(byPath["address.postalCode"]?.code, "POSTAL_CODE_FORMAT");
    assert.match(byPath["address.street"]!.message, /64/);
    assert.ok(byPath.email);
    const japanese = await post(hiratsukaResident({ familyNameKana: "ひらつか" }));
    assert.match((await json(japanese)).error.details.issues[0].message, /カタカナ/);
  });

  test("a birth date after today and an unknown municipality are 422 with their paths", async () => {
    const res = await post(
      hiratsukaResident({ ...uniqueKana(), birthDate: "2026-04-02", municipality: "架空市" }),
    );
    assert.equal(res.status, 422);
    const issues = (await json(res)).error.details.issues;
    assert.deepEqual(
      issues.map((i: { path: string[]; code: string }) => [i.path.join("."), i.code]),
      [
        ["birthDate", "BIRTH_DATE_IN_FUTURE"],
        ["municipality", "UNKNOWN_MUNICIPALITY"],
      ],
    );
  });

  test("workers need their workplace and proof of it; a Hiratsuka worker living in Tokyo is an area patron", async () => {
    const missing = await post(hiratsukaResident({ ...uniqueKana(), basis: "worker" }));
    assert.equal(missing.status, 422);
    const noProof = await post(
      hiratsukaResident({
        ...uniqueKana(),
        basis: "worker",
        municipality: "千代田区",
        address: { postalCode: "100-0001", prefecture: "東京都", city: "千代田区", street: "千代田1-1" },
        workplaceOrSchool: { name: "平塚市役所", municipality: "平塚市", proofShown: false },
      }),
    );
    assert.equal((await json(noProof)).error.code, "PROOF_OF_WORK_OR_SCHOOL_REQUIRED");
    const ok = await post(
      hiratsukaResident({
        ...uniqueKana(),
        basis: "worker",
        municipality: "千代田区",
        address: { postalCode: "100-0001", prefecture: "東京都", city: "千代田区", street: "千代田1-1" },
        workplaceOrSchool: { name: "平塚市役所", municipality: "平塚市", proofShown: true },
      }),
    );
    assert.equal(ok.status, 201);
  });

  test("a worker who changes workplace shows proof of it; without it the change is refused and nothing is kept", async () => {
    const worker = await registerAtCounter(
      t,
      "hiratsuka",
      token,
      hiratsukaResident({
        ...uniqueKana(),
        basis: "worker",
        municipality: "千代田区",
        address: { postalCode: "100-0001", prefecture: "東京都", city: "千代田区", street: "千代田1-1" },
        workplaceOrSchool: { name: "平塚市役所", municipality: "平塚市", proofShown: true },
      }),
    );
    const patch = (workplaceOrSchool: unknown) =>
      t.request(`/api/v1/hiratsuka/patrons/${worker.id}`, {
        method: "PATCH",
        token,
        json: { workplaceOrSchool, idDocument: { type: "driversLicence", expiresOn: "2030-01-01" } },
      });
    const refused = await patch({ name: "平塚の会社", municipality: "平塚市", proofShown: false });
    assert.equal((await json(refused)).error.code, "PROOF_OF_WORK_OR_SCHOOL_REQUIRED");
    const unchanged = await json(await t.request(`/api/v1/hiratsuka/patrons/${worker.id}`, { token }));
    assert.equal(unchanged.workplaceOrSchool.name, "平塚市役所");
    const changed = await patch({ name: "平塚の会社", municipality: "平塚市", proofShown: true });
    assert.equal((await json(changed)).patron.workplaceOrSchool.name, "平塚の会社");
  });

  test("nothing is half-written: a refused registration leaves no patron and uses no card number", async () => {
    const before = await json(await post(hiratsukaResident(uniqueKana())));
    await post(hiratsukaResident({ ...uniqueKana(), municipality: "横浜市" }));
    const after = await json(await post(hiratsukaResident(uniqueKana())));
    const serial = (n: string) => Number(n.slice(0, -1));
    assert.equal(serial(after.cardNumber) - serial(before.cardNumber), 1);
  });

  test("a guardian registers a child up to the end of primary school; the child shows the guardian", async () => {
    const guardian = await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(uniqueKana()));
    const child = await registerAtCounter(
      t,
      "hiratsuka",
      token,
      hiratsukaResident({
        ...uniqueKana(),
        givenName: "太郎",
        birthDate: "2014-04-02",
        guardianId: guardian.id,
      }),
    );
    const childView = await json(await t.request(`/api/v1/hiratsuka/patrons/${child.id}`, { token }));
    assert.equal(childView.guardian.id, guardian.id);
    const guardianView = await json(await t.request(`/api/v1/hiratsuka/patrons/${guardian.id}`, { token }));
    assert.deepEqual(
      guardianView.children.map((c: { id: string }) => c.id),
      [child.id],
    );
    assert.equal(childView.householdId, guardianView.householdId);
    // Born 2013-04-01: left primary school on 2026-03-31.
    const tooOld = await post(
      hiratsukaResident({ ...uniqueKana(), birthDate: "2013-04-01", guardianId: guardian.id }),
    );
    assert.equal((await json(tooOld)).error.code, "CHILD_TOO_OLD_FOR_GUARDIAN");
  });

  test("a proxy without the card needs a letter, and a letter alone is PROXY_NEEDS_CARD", async () => {
    const proxy = { name: "代理 一郎", idDocumentType: "driversLicence", broughtPatronCard: false };
    const noLetter = await post(
      hiratsukaResident({
        ...uniqueKana(),
        proxy: { ...proxy, letterOfAttorney: false, patronIdDocumentShown: true },
      }),
    );
    assert.equal((await json(noLetter)).error.code, "PROXY_LETTER_REQUIRED");
    const letterOnly = await post(
      hiratsukaResident({
        ...uniqueKana(),
        proxy: { ...proxy, letterOfAttorney: true, patronIdDocumentShown: false },
      }),
    );
    assert.equal((await json(letterOnly)).error.code, "PROXY_NEEDS_CARD");
    const ok = await post(
      hiratsukaResident({
        ...uniqueKana(),
        proxy: { ...proxy, letterOfAttorney: true, patronIdDocumentShown: true },
      }),
    );
    assert.equal(ok.status, 201);
  });

  test("the counter finds patrons by card number, reading in hiragana, phone and birth date", async () => {
    const kana = { familyNameKana: "サガシ", givenNameKana: "ミツコ" };
    const registered = await registerAtCounter(
      t,
      "hiratsuka",
      token,
      hiratsukaResident({ ...kana, phone: "0463-99-1234", birthDate: "1971-02-03" }),
    );
    const find = async (query: string) =>
      (await json(await t.request(`/api/v1/hiratsuka/patrons?${query}`, { token }))).patrons.map(
        (p: { id: string }) => p.id,
      );
    assert.deepEqual(await find(`cardNumber=${registered.cardNumber}`), [registered.id]);
    assert.deepEqual(await find(`name=${encodeURIComponent("さがし")}`), [registered.id]);
    assert.deepEqual(await find(`phone=${encodeURIComponent("０４６３９９１２３４")}`), [registered.id]);
    assert.deepEqual(await find("birthDate=1971-02-03"), [registered.id]);
    // The written name from its start, in any width.
    assert.ok((await find(`name=${encodeURIComponent("平塚")}`)).includes(registered.id));
  });

  test("every staff view of a patron is in the audit log with who, which patron and from where", async () => {
    const registered = await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(uniqueKana()));
    await t.request(`/api/v1/hiratsuka/patrons/${registered.id}`, {
      token,
      headers: { "x-forwarded-for": "192.0.2.7" },
    });
    const { sql } = await import("drizzle-orm");
    const rows = await t.db.execute(
      sql`SELECT action, actor_staff_id, details FROM audit_log WHERE subject_id = ${registered.id} ORDER BY id`,
    );
    const entries = (
      rows as unknown as { rows: { action: string; actor_staff_id: string; details: { from: string } }[] }
    ).rows;
    assert.deepEqual(
      entries.map((e) => e.action),
      ["patron.register", "patron.view"],
    );
    assert.equal(entries[1]!.details.from, "192.0.2.7");
    assert.ok(entries[1]!.actor_staff_id);
  });

  test("a card number resolves to its patron; an unknown one is CREDENTIAL_NOT_FOUND", async () => {
    const registered = await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(uniqueKana()));
    const resolved = await json(
      await t.request(`/api/v1/hiratsuka/credentials/resolve?kind=card&value=${registered.cardNumber}`, {
        token,
      }),
    );
    assert.equal(resolved.patron.id, registered.id);
    const policy = (await json(await t.request("/api/v1/hiratsuka/policy"))).policy;
    const { completeNumber } = await import("../../src/domain/barcodes/check-digit.ts");
    const unknown = completeNumber(policy.registration.cardNumber, 999_999);
    const res = await t.request(`/api/v1/hiratsuka/credentials/resolve?kind=card&value=${unknown}`, {
      token,
    });
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, "CREDENTIAL_NOT_FOUND");
  });

  test("registration tells the e-library where the policy says so", async () => {
    const registered = await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(uniqueKana()));
    await t.runJobs();
    assert.ok(
      t.elibrary.calls.some(
        (call) => call.system === "hiratsuka" && call.event.cardNumber === registered.cardNumber,
      ),
    );
  });
});
