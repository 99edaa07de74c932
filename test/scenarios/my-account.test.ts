import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import {
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
  userpageResident,
} from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The patron's own account (issue "my page"; 003 利用者のページ, 001): a first password from the card number
// and birth date with a mailed code, a forgotten password set anew through a mailed link or at the counter,
// changing the password and the e-mail address, the registration's expiry, loans renewed one by one or all.
describe("My account: password, e-mail, registration and loans on the web", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "userpage");
    await s.at("2026-06-01");
  });
  after(() => t.close());

  const api = (path: string, init: Parameters<TestApp["request"]>[1] = {}) =>
    t.request(`/api/v1/userpage${path}`, init);
  const codeOf = async (res: Response) => (await json(res)).error?.code as string | undefined;
  const resident = (overrides: Record<string, unknown> = {}) =>
    registerAtCounter(t, "userpage", s.token, userpageResident({ ...uniqueKana(), ...overrides }));
  const mailTo = async (to: string) => (await s.outbox()).filter((m) => m.to === to).at(-1);
  const signIn = (cardNumber: string, password: string) =>
    api("/auth/patron", { method: "POST", json: { cardNumber, password } });

  test("a first password: card number and birth date, then the code mailed to the registered address", async () => {
    const email = "first-setup@example.jp";
    const patron = await resident({ email });
    const start = (birthDate: string) =>
      api("/web-password/setup", { method: "POST", json: { cardNumber: patron.cardNumber, birthDate } });

    const wrong = await start("1990-05-16");
    assert.equal(wrong.status, 422);
    assert.equal(await codeOf(wrong), "SETUP_DETAILS_DO_NOT_MATCH");
    const unknown = await api("/web-password/setup", {
      method: "POST",
      json: { cardNumber: "0000000000000", birthDate: "1990-05-15" },
    });
    assert.equal(await codeOf(unknown), "SETUP_DETAILS_DO_NOT_MATCH", "an unknown card answers the same");

    const started = await start("1990-05-15");
    assert.equal(started.status, 200, await started.clone().text());
    const { setupToken, codeSent, emailHint } = await json(started);
    assert.equal(codeSent, true);
    assert.equal(emailHint, "fi****@example.jp");
    const mail = await mailTo(email);
    const code = /確認コード: (\d{6})/u.exec(mail?.text ?? "")?.[1];
    assert.ok(code, "the code is mailed");

    const complete = (body: Record<string, unknown>) =>
      api("/web-password/setup/complete", { method: "POST", json: { setupToken, ...body } });
    const badCode = await complete({
      code: code === "000000" ? "111111" : "000000",
      password: "hon2026yomu",
    });
    assert.equal(await codeOf(badCode), "SETUP_CODE_WRONG");
    const weak = await complete({ code, password: "honyomuhon" });
    assert.equal(weak.status, 422);
    assert.equal(await codeOf(weak), "PASSWORD_TOO_WEAK", "003: letters and digits");
    assert.equal((await signIn(patron.cardNumber, "hon2026yomu")).status, 401, "nothing set by a refusal");

    const done = await complete({ code, password: "hon2026yomu" });
    assert.equal(done.status, 204, await done.clone().text());
    assert.equal((await signIn(patron.cardNumber, "hon2026yomu")).status, 200);
    assert.equal((await signIn(patron.cardNumber, "HON2026YOMU")).status, 401, "case-sensitive");
    assert.equal(
      await codeOf(await complete({ code, password: "other2026x" })),
      "WEB_TOKEN_INVALID",
      "used once",
    );
    assert.equal(await codeOf(await start("1990-05-15")), "WEB_PASSWORD_ALREADY_SET");
  });

  test("five wrong codes spend the key; five wrong birth dates lock the card number", async () => {
    const patron = await resident({ email: "codes@example.jp" });
    const started = await json(
      await api("/web-password/setup", {
        method: "POST",
        json: { cardNumber: patron.cardNumber, birthDate: "1990-05-15" },
      }),
    );
    const code = /確認コード: (\d{6})/u.exec((await mailTo("codes@example.jp"))?.text ?? "")![1]!;
    const wrongCode = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) {
      await api("/web-password/setup/complete", {
        method: "POST",
        json: { setupToken: started.setupToken, code: wrongCode, password: "hon2026yomu" },
      });
    }
    const late = await api("/web-password/setup/complete", {
      method: "POST",
      json: { setupToken: started.setupToken, code, password: "hon2026yomu" },
    });
    assert.equal(await codeOf(late), "WEB_TOKEN_INVALID", "the right code no longer helps");

    const other = await resident({ email: null });
    for (let i = 0; i < 5; i++) {
      await api("/web-password/setup", {
        method: "POST",
        json: { cardNumber: other.cardNumber, birthDate: `1990-01-0${i + 1}` },
      });
    }
    const locked = await api("/web-password/setup", {
      method: "POST",
      json: { cardNumber: other.cardNumber, birthDate: "1990-05-15" },
    });
    assert.equal(locked.status, 429);
    assert.equal(await codeOf(locked), "LOGIN_THROTTLED");
  });

  test("without a registered address no code is needed; a 07 card is sent to the counter", async () => {
    const patron = await resident({ email: null });
    const started = await json(
      await api("/web-password/setup", {
        method: "POST",
        json: { cardNumber: patron.cardNumber, birthDate: "1990-05-15" },
      }),
    );
    assert.equal(started.codeSent, false);
    const done = await api("/web-password/setup/complete", {
      method: "POST",
      json: { setupToken: started.setupToken, password: "hon2026yomu" },
    });
    assert.equal(done.status, 204);

    const old = await resident();
    const oldSeries = `07${old.cardNumber.slice(2)}`;
    await t.db.execute(sql`UPDATE patron_cards SET number = ${oldSeries} WHERE number = ${old.cardNumber}`);
    const refused = await api("/web-password/setup", {
      method: "POST",
      json: { cardNumber: oldSeries, birthDate: "1990-05-15" },
    });
    assert.equal(refused.status, 409);
    assert.equal(await codeOf(refused), "CARD_MUST_BE_RENEWED");
  });

  test("a forgotten password: a one-time link by mail ends every session; the counter can clear it", async () => {
    const email = "forgot@example.jp";
    const patron = await resident({ email });
    const oldToken = await signInOnWeb(t, "userpage", patron);

    const unknown = await api("/web-password/reset", {
      method: "POST",
      json: { cardNumber: "0000000000000" },
    });
    assert.equal(unknown.status, 202, "the same answer for a card that does not exist");
    const asked = await api("/web-password/reset", {
      method: "POST",
      json: { cardNumber: patron.cardNumber },
    });
    assert.equal(asked.status, 202);
    const mail = await mailTo(email);
    assert.ok(!mail!.text.includes("yomu2026"), "the password is never sent");
    const token = /password\/reset\?token=([\w-]+)/u.exec(mail!.text)?.[1];
    assert.ok(token, "the mail carries the link");
    assert.ok(mail!.text.includes("http://localhost"), "an absolute link");

    const weak = await api("/web-password/reset/complete", {
      method: "POST",
      json: { token, password: "short1" },
    });
    assert.equal(await codeOf(weak), "PASSWORD_TOO_WEAK");
    const reset = await api("/web-password/reset/complete", {
      method: "POST",
      json: { token, password: "atarashii2026" },
    });
    assert.equal(reset.status, 204);
    assert.equal((await api("/me/account", { token: oldToken })).status, 401, "old sessions ended");
    assert.equal((await signIn(patron.cardNumber, "atarashii2026")).status, 200);
    const again = await api("/web-password/reset/complete", {
      method: "POST",
      json: { token, password: "mata2026abc" },
    });
    assert.equal(again.status, 410);

    const cleared = await t.request(`/api/v1/userpage/patrons/${patron.id}/web-password`, {
      method: "DELETE",
      token: s.token,
    });
    assert.equal(cleared.status, 204);
    assert.equal((await signIn(patron.cardNumber, "atarashii2026")).status, 401);
    const restart = await api("/web-password/setup", {
      method: "POST",
      json: { cardNumber: patron.cardNumber, birthDate: "1990-05-15" },
    });
    assert.equal(restart.status, 200, "set anew with card number and birth date");
    const audit = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patron.clearWebPassword' AND subject_id = ${patron.id}`,
    );
    assert.equal((audit as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
  });

  test("changing the password needs the current one; the other sessions end, this one stays", async () => {
    const patron = await resident();
    const here = await signInOnWeb(t, "userpage", patron);
    const elsewhere = await json(await signIn(patron.cardNumber, "yomu2026"));
    const change = (currentPassword: string, newPassword: string) =>
      api("/me/password", { method: "PUT", token: here, json: { currentPassword, newPassword } });
    assert.equal(await codeOf(await change("wrong2026", "kawaru2026")), "CURRENT_PASSWORD_WRONG");
    assert.equal(await codeOf(await change("yomu2026", "kawaru")), "PASSWORD_TOO_WEAK");
    assert.equal((await change("yomu2026", "kawaru2026")).status, 204);
    assert.equal((await api("/me/account", { token: here })).status, 200);
    assert.equal((await api("/me/account", { token: elsewhere.token })).status, 401);
    assert.equal((await signIn(patron.cardNumber, "kawaru2026")).status, 200);
  });

  test("a new e-mail address counts once its link is followed; the old address is told", async () => {
    const patron = await resident({ email: "old-address@example.jp" });
    const token = await signInOnWeb(t, "userpage", patron);
    const bad = await api("/me/email", { method: "PUT", token, json: { email: "not an address" } });
    assert.equal(await codeOf(bad), "EMAIL_INVALID");
    const same = await api("/me/email", { method: "PUT", token, json: { email: "old-address@example.jp" } });
    assert.equal(await codeOf(same), "EMAIL_UNCHANGED");

    const asked = await api("/me/email", { method: "PUT", token, json: { email: "new-address@example.jp" } });
    assert.equal(asked.status, 202);
    const pending = await json(await api("/me/account", { token }));
    assert.equal(pending.email, "old-address@example.jp", "unchanged until confirmed");
    assert.equal(pending.pendingEmail, "new-address@example.jp");
    const link = /email\/verify\?token=([\w-]+)/u.exec((await mailTo("new-address@example.jp"))!.text)?.[1];
    assert.ok(link);

    const confirmed = await api("/email-verification", { method: "POST", json: { token: link } });
    assert.equal(confirmed.status, 200);
    const after = await json(await api("/me/account", { token }));
    assert.equal(after.email, "new-address@example.jp");
    assert.equal(after.pendingEmail, null);
    assert.ok((await mailTo("old-address@example.jp"))?.text.includes("変更されました"));
    assert.equal((await api("/email-verification", { method: "POST", json: { token: link } })).status, 410);
  });

  test("my registration tells the expiry and when renewal opens", async () => {
    const patron = await resident();
    const token = await signInOnWeb(t, "userpage", patron);
    const account = await json(await api("/me/account", { token }));
    assert.equal(account.cardNumber, patron.cardNumber);
    assert.equal(account.expiresOn, patron.expiresOn);
    assert.equal(account.advice.kind, "valid");
    assert.ok(account.advice.renewableFrom < patron.expiresOn);
    assert.equal(account.services.readingRecord, true);
  });

  test("my loans: renewable, cannot renew (with the reason), limit reached; renew one or all", async () => {
    const patron = await resident();
    const token = await signInOnWeb(t, "userpage", patron);
    const other = await resident();
    const a = await stockTitle(t, "userpage", s.token, [{ servicePoint: "main" }]);
    const b = await stockTitle(t, "userpage", s.token, [{ servicePoint: "main" }]);
    const c = await stockTitle(t, "userpage", s.token, [{ servicePoint: "main" }]);
    for (const barcode of [a.barcodes[0], b.barcodes[0], c.barcodes[0]]) {
      const lent = await s.post("/loans", {
        credential: { kind: "card", value: patron.cardNumber },
        itemBarcode: barcode,
        servicePoint: "main",
      });
      assert.equal(lent.status, 201, await lent.clone().text());
    }
    const held = await s.post("/holds", {
      patronId: other.id,
      channel: "counter",
      recordId: b.recordId,
      pickupPoint: "main",
      contact: "email",
    });
    assert.equal(held.status, 201, await held.clone().text());

    const listed = (await json(await api("/me/loans", { token }))).loans as {
      id: number;
      item: { recordId: number };
      renewable: boolean;
      renewalRefusals: { code: string }[];
    }[];
    assert.equal(listed.length, 3);
    const loanOf = (recordId: number) => listed.find((l) => l.item.recordId === recordId)!;
    assert.equal(loanOf(a.recordId).renewable, true);
    assert.deepEqual(
      loanOf(b.recordId).renewalRefusals.map((r) => r.code),
      ["ITEM_RESERVED_BY_OTHER"],
    );

    const one = await api(`/me/loans/${loanOf(a.recordId).id}/renewals`, { method: "POST", token });
    assert.equal(one.status, 201, await one.clone().text());
    const all = await json(await api("/me/loans/renewals", { method: "POST", token }));
    assert.deepEqual(
      all.renewed.map((r: { id: number }) => r.id),
      [loanOf(c.recordId).id],
    );
    assert.deepEqual(all.notRenewed.map((r: { code: string }) => r.code).sort(), [
      "ITEM_RESERVED_BY_OTHER",
      "RENEWAL_LIMIT_REACHED",
    ]);

    const otherToken = await signInOnWeb(t, "userpage", other);
    const notTheirs = await api(`/me/loans/${loanOf(a.recordId).id}/renewals`, {
      method: "POST",
      token: otherToken,
    });
    assert.equal(notTheirs.status, 404, "another patron's loan does not exist for them");
    assert.equal((await json(await api("/me/loans", { token: otherToken }))).loans.length, 0);
  });

  test("a token of another system reads nothing here", async () => {
    const patron = await registerAtCounter(
      t,
      "takarazuka",
      await t.signIn("takarazuka"),
      takarazukaResident(uniqueKana()),
    );
    const token = await signInOnWeb(t, "takarazuka", patron);
    for (const path of ["/me/account", "/me/loans"]) {
      const res = await api(path, { token });
      assert.ok([401, 403].includes(res.status), `${path}: ${res.status}`);
    }
    assert.equal((await api("/me/account")).status, 401, "and nothing without a token");
  });
});
