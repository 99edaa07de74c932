import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { isoDateOf, katakanaOf, postalCodeOf } from "../../src/http/pages/patron-form-data.ts";
import { addStaffAccount } from "../../src/services/staff/add-staff-account.ts";
import { signInStaff } from "../../src/services/staff/sign-in-staff.ts";
import {
  hiratsukaResident,
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
} from "../support/patron-fixtures.ts";
import { startTestApp, type TestApp, testNow } from "../support/test-app.ts";

/** Cookies of a response as a Cookie header, for the next request. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Session = { cookie: string; csrf: string };

/** Signs in through the staff sign-in page, as a browser would: a CSRF cookie and the staff cookie. */
async function staffSession(
  t: TestApp,
  system: string,
  username = "admin",
  password = "shiori-admin",
): Promise<Session> {
  const page = await t.request(`/${system}/staff/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(csrf, "the sign-in page has a CSRF field");
  const csrfCookie = cookiesOf(page);
  const res = await t.request(`/${system}/staff/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  assert.equal(res.status, 303);
  return { cookie: `${csrfCookie}; ${cookiesOf(res)}`, csrf };
}

/** The registration form's fields for a resident of Takarazuka, as the browser would post them. */
function registrationForm(overrides: Record<string, string> = {}): Record<string, string> {
  const kana = uniqueKana();
  return {
    familyName: "宝塚",
    givenName: "花子",
    familyNameKana: kana.familyNameKana,
    givenNameKana: kana.givenNameKana,
    birthDate: "1990-05-15",
    "address.postalCode": "6650014",
    "address.prefecture": "兵庫県",
    "address.city": "宝塚市",
    "address.street": "末成町1-1",
    "address.building": "",
    phone: "0797-71-1141",
    email: "",
    basis: "resident",
    municipality: "宝塚市",
    "idDocument.type": "driversLicence",
    "idDocument.expiresOn": "2030-06-15",
    "idDocument.showsCurrentAddress": "on",
    guardian: "",
    householdOf: "",
    notes: "",
    ...overrides,
  };
}

describe("staff patron pages", () => {
  let t: TestApp;
  let staff: Session;

  before(async () => {
    t = await startTestApp();
    staff = await staffSession(t, "takarazuka");
  });
  after(() => t.close());

  const get = (path: string, session: Session = staff, extraCookie = "") =>
    t.request(path, { headers: { cookie: `${session.cookie}${extraCookie}` } });
  const post = (path: string, form: Record<string, string>, session: Session = staff, extraCookie = "") =>
    t.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: `${session.cookie}${extraCookie}`,
      },
      body: new URLSearchParams(form).toString(),
    });
  const register = (form: Record<string, string>, extraCookie = "") =>
    post("/takarazuka/staff/patrons", { _csrf: staff.csrf, ...form }, staff, extraCookie);
  const auditActions = async (patronId: string) => {
    const rows = await t.db.execute(
      sql`SELECT action, details FROM audit_log WHERE subject_id = ${patronId} ORDER BY id`,
    );
    return (rows as unknown as { rows: { action: string; details: { purpose?: string } }[] }).rows;
  };

  test("the patron pages are for signed-in staff only", async () => {
    for (const path of ["/takarazuka/staff/patrons", "/takarazuka/staff/patrons/new"]) {
      const res = await t.request(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get("location"), "/takarazuka/staff/sign-in");
    }
  });

  test("staff without the counter role are refused (403)", async () => {
    await addStaffAccount({
      db: t.db,
      librarySystemId: await t.systemId("takarazuka"),
      account: {
        username: "reviewer",
        displayName: "審査係",
        password: "reviewer-pass",
        roles: ["reviewer"],
      },
      actorStaffId: null,
      now: t.clock.now(),
    });
    const reviewer = await staffSession(t, "takarazuka", "reviewer", "reviewer-pass");
    const res = await get("/takarazuka/staff/patrons", reviewer);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /この操作を行う権限がありません/);
  });

  test("the dashboard links to the patron search and the registration form", async () => {
    const html = await (await get("/takarazuka/staff")).text();
    assert.match(html, /href="\/takarazuka\/staff\/patrons">利用者検索</);
    assert.match(html, /href="\/takarazuka\/staff\/patrons\/new">新規利用者登録</);
  });

  test("the registration form labels every control and carries the CSRF token", async () => {
    const res = await get("/takarazuka/staff/patrons/new");
    assert.equal(res.status, 200);
    const html = await res.text();
    const form = html.slice(html.indexOf('<form method="post" action="/takarazuka/staff/patrons"'));
    assert.match(form, /name="_csrf" value="[\w-]{43}"/);
    const ids = [...form.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length >= 30, `every field of the API body is on the form (${ids.length})`);
    for (const id of ids) assert.ok(form.includes(`<label for="${id}"`), `${id} has a label`);
    assert.doesNotMatch(
      form,
      /duplicateOverride/,
      "the override reason waits for a POSSIBLE_DUPLICATE answer",
    );
  });

  test("a form posted without the CSRF token is refused with 403", async () => {
    const res = await post("/takarazuka/staff/patrons", registrationForm());
    assert.equal(res.status, 403);
    assert.match(await res.text(), /画面の有効期限が切れました/);
  });

  test("registration shows the card number; the record's view is audited", async () => {
    const res = await register(registrationForm({ familyNameKana: "ぺーじ", givenNameKana: "てすと" }));
    assert.equal(res.status, 201);
    const html = await res.text();
    const cardNumber = /class="card-number new-card-number">(\d+)</.exec(html)?.[1];
    assert.ok(cardNumber, "the new card number is shown");
    assert.match(html, /2029年5月31日/, "valid to the end of the birth month three years on (001)");
    const id = /href="\/takarazuka\/staff\/patrons\/([0-9a-f-]{36})"/.exec(html)?.[1];
    assert.ok(id, "a link to the patron's record");

    const record = await get(`/takarazuka/staff/patrons/${id}`);
    assert.equal(record.status, 200);
    const page = await record.text();
    assert.match(page, /<h1>宝塚 花子<span class="patron-reading">ページ テスト<\/span><\/h1>/);
    assert.match(page, new RegExp(`<span class="card-number">${cardNumber}</span>`));
    assert.match(page, /〒665-0014 兵庫県 宝塚市 末成町1-1/);
    const actions = await auditActions(id);
    assert.deepEqual(
      actions.map((a) => a.action),
      ["patron.register", "patron.view"],
    );
    assert.equal(actions[1]!.details.purpose, "view");
  });

  test("a refusal (409) is listed in the summary and beside its field, and what was typed is kept", async () => {
    const res = await register(
      registrationForm({
        familyName: "横浜",
        municipality: "横浜市",
        "address.prefecture": "神奈川県",
        "idDocument.type": "pointCard",
      }),
    );
    assert.equal(res.status, 409);
    const html = await res.text();
    const summary = /<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    assert.match(summary, /href="#reg-municipality">居住市区町村: この図書館の利用登録の対象ではありません/);
    assert.match(summary, /href="#reg-idDocument-type">書類の種類: この書類は本人確認書類として使えません/);
    assert.match(html, /<p id="reg-municipality-error" class="field-error">/);
    assert.match(html, /aria-describedby="reg-municipality-hint reg-municipality-error"/);
    assert.match(html, /id="reg-familyName" name="familyName" type="text" value="横浜"/);
    assert.match(html, /id="reg-municipality" name="municipality" type="text" value="横浜市"/);
  });

  test("field errors (422) are worded in the page's language", async () => {
    const res = await register(
      registrationForm({ "address.postalCode": "66-0014", familyNameKana: "Takarazuka", givenName: "" }),
      "; lang=en",
    );
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /<html lang="en"/);
    assert.match(html, /href="#reg-address-postalCode">Postal code: Enter the postal code as 123-4567\./);
    assert.match(
      html,
      /href="#reg-familyNameKana">Family name reading \(katakana\): Enter this in full-width katakana\./,
    );
    assert.match(html, /href="#reg-givenName">Given name: Required\./);
  });

  test("a possible duplicate asks for a reason, and registers with it", async () => {
    const form = registrationForm({ familyNameKana: "ニジュウ", givenNameKana: "トウロク" });
    assert.equal((await register(form)).status, 201);
    const again = await register(form);
    assert.equal(again.status, 409);
    const html = await again.text();
    assert.match(html, /<legend>重複の可能性<\/legend>/);
    assert.match(html, /href="#reg-duplicateOverride-reason">重複を承知で登録する理由: 同じ氏名/);
    const overridden = await register({ ...form, "duplicateOverride.reason": "同姓同名の別人(住所で確認)" });
    assert.equal(overridden.status, 201);
  });

  test("a guardian named by card number links the child to the guardian's record", async () => {
    const guardianHtml = await (await register(registrationForm({ givenName: "保護者" }))).text();
    const guardianCard = /class="card-number new-card-number">(\d+)</.exec(guardianHtml)![1]!;
    const childHtml = await (
      await register(registrationForm({ givenName: "子", birthDate: "2019-06-01", guardian: guardianCard }))
    ).text();
    const childId = /href="\/takarazuka\/staff\/patrons\/([0-9a-f-]{36})"/.exec(childHtml)![1]!;
    const page = await (await get(`/takarazuka/staff/patrons/${childId}`)).text();
    assert.match(page, /保護者: <a href="\/takarazuka\/staff\/patrons\/[0-9a-f-]{36}">宝塚 保護者<\/a>/);
  });

  test("search by a hiragana reading lists the patron; a card number opens the record", async () => {
    const body = takarazukaResident({ familyNameKana: "サガシモノ", givenNameKana: "ミツカル" });
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, body);
    const res = await get(`/takarazuka/staff/patrons?q=${encodeURIComponent("さがしもの")}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<p class="result-count" role="status">1 件<\/p>/);
    assert.match(html, new RegExp(`href="/takarazuka/staff/patrons/${registered.id}"`));
    const byCard = await get(`/takarazuka/staff/patrons?q=A${registered.cardNumber}A`);
    assert.equal(byCard.status, 303);
    assert.equal(byCard.headers.get("location"), `/takarazuka/staff/patrons/${registered.id}`);
    const searches = (await auditActions(registered.id)).filter((a) => a.action === "patron.search");
    assert.equal(searches.length, 2, "both searches are audited");
    const badDate = await get("/takarazuka/staff/patrons?birthDate=1990-13-40");
    assert.equal(badDate.status, 422);
    assert.match(await badDate.text(), /href="#search-birthDate">生年月日: 日付は YYYY-MM-DD の形式で/);
  });

  test("Takarazuka's renewal month reminder shows on every counter screen of the patron", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(
      t,
      "takarazuka",
      token,
      takarazukaResident({ ...uniqueKana(), birthDate: "1985-04-20" }),
    );
    assert.equal(registered.expiresOn, "2029-04-30");
    const path = `/takarazuka/staff/patrons/${registered.id}`;
    assert.doesNotMatch(await (await get(path)).text(), /更新月が近づいています/);
    t.clock.set(new Date("2029-04-01T10:00:00+09:00"));
    try {
      // Three years on, the morning's session is long gone. A new one is made by the service: the sign-in
      // page cannot set a cookie that expires more than 400 days after the real clock.
      const { token } = await signInStaff({
        db: t.db,
        librarySystemId: await t.systemId("takarazuka"),
        username: "admin",
        password: "shiori-admin",
        kind: "cookie",
        now: t.clock.now(),
        production: false,
      });
      // Every counter screen for the patron says so: the record, the loans and the reservations.
      for (const screen of [path, `${path}/loans`, `${path}/holds`]) {
        const res = await t.request(screen, { headers: { cookie: `shiori_staff=${token}` } });
        const html = await res.text();
        assert.match(html, /<p class="notice-title">更新月が近づいています<\/p>/, screen);
      }
    } finally {
      t.clock.set(testNow);
    }
  });

  test("a move to a partner city makes a wide-area patron; a move away ends the registration today", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const path = `/takarazuka/staff/patrons/${registered.id}`;
    const page = await (await get(path)).text();
    const values = (name: string) =>
      new RegExp(`id="chg-${name.replaceAll(".", "-")}" name="${name}" type="\\w+" value="([^"]*)"`).exec(
        page,
      )?.[1] ?? "";
    const current: Record<string, string> = {};
    for (const name of [
      "familyName",
      "givenName",
      "familyNameKana",
      "givenNameKana",
      "address.postalCode",
      "address.street",
      "phone",
    ]) {
      current[name] = values(name);
    }
    assert.equal(current["address.postalCode"], "665-0014", "the form holds the current details");
    const move = (city: string, prefecture: string, postalCode: string) =>
      post(path, {
        _csrf: staff.csrf,
        ...current,
        "address.postalCode": postalCode,
        "address.prefecture": prefecture,
        "address.city": city,
        municipality: city,
        "idDocument.type": "driversLicence",
        "idDocument.expiresOn": "2030-01-01",
        "idDocument.showsCurrentAddress": "on",
      });
    const toItami = await move("伊丹市", "兵庫県", "664-0898");
    assert.equal(toItami.status, 200);
    const itami = await toItami.text();
    assert.match(
      itami,
      /<p class="notice-title">登録内容を変更しました<\/p><ul><li>広域利用者になります<\/li>/,
    );
    assert.match(itami, /<strong>広域利用者<\/strong>/);
    const away = await (await move("横浜市", "神奈川県", "231-0005")).text();
    assert.match(away, /登録は本日で終了します/);
    assert.deepEqual(
      (await auditActions(registered.id)).map((a) => a.action).filter((a) => a === "patron.change"),
      ["patron.change", "patron.change"],
    );
  });

  test("credentials: FeliCa shows its IDm, the My Number link only that it exists; a lost card its reissue date", async () => {
    const hiratsuka = await staffSession(t, "hiratsuka");
    const token = await t.signIn("hiratsuka");
    const registered = await registerAtCounter(t, "hiratsuka", token, hiratsukaResident(uniqueKana()));
    const base = `/api/v1/hiratsuka/patrons/${registered.id}`;
    const linked = await t.request(`${base}/my-number-link`, {
      method: "POST",
      token,
      json: {
        userCertificate: "fake-cert:page-test",
        cardFace: { name: "平塚 花子", address: "神奈川県平塚市浅間町12-41", birthDate: "1990-05-15" },
        termsAccepted: true,
      },
    });
    assert.equal(linked.status, 201, await linked.clone().text());
    const lost = await t.request(`${base}/cards/${registered.cardNumber}/loss`, { method: "POST", token });
    assert.equal(lost.status, 200, await lost.clone().text());
    const html = await (await get(`/hiratsuka/staff/patrons/${registered.id}`, hiratsuka)).text();
    assert.match(html, /<strong>マイナンバーカード<\/strong>: <span>連携済み<\/span>/);
    assert.doesNotMatch(html, /mkp-hiratsuka-page-test/, "the platform's identifier is never shown");
    assert.match(html, new RegExp(`${registered.cardNumber}</span></th>.*?class="card-lost">紛失</td>`));
    assert.match(html, /再発行できる日/);
  });

  test("a change without an identity document is refused beside the field, with the form open", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const res = await post(`/takarazuka/staff/patrons/${registered.id}`, {
      _csrf: staff.csrf,
      phone: "0797-00-0000",
    });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /<details class="change-details" open="">/);
    assert.match(html, /href="#chg-idDocument-type">書類の種類: /);
    assert.match(html, /value="0797-00-0000"/, "the typed phone number is kept");
  });

  /** A session made by the service at the test clock's time, with the CSRF cookie of the morning's one. */
  const sessionNow = async (): Promise<Session> => {
    const { token } = await signInStaff({
      db: t.db,
      librarySystemId: await t.systemId("takarazuka"),
      username: "admin",
      password: "shiori-admin",
      kind: "cookie",
      now: t.clock.now(),
      production: false,
    });
    return { cookie: `shiori_csrf=${staff.csrf}; shiori_staff=${token}`, csrf: staff.csrf };
  };
  const summaryOf = (html: string) =>
    /<div class="error-summary" role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
  const renewalForm = {
    "idDocument.type": "driversLicence",
    "idDocument.expiresOn": "2033-01-01",
    "idDocument.showsCurrentAddress": "on",
  };

  test("the record offers renewal, reissue and per-card forms, each with the CSRF token", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const html = await (await get(`/takarazuka/staff/patrons/${registered.id}`)).text();
    const base = `/takarazuka/staff/patrons/${registered.id}`;
    for (const action of [
      `${base}/renewal`,
      `${base}/reissue`,
      `${base}/cards/${registered.cardNumber}/loss`,
    ]) {
      const form = html.slice(html.indexOf(`<form method="post" action="${action}"`));
      assert.ok(form.length < html.length, `a form posts to ${action}`);
      assert.match(form.slice(0, 400), /name="_csrf" value="[\w-]{43}"/);
    }
    assert.match(html, /更新できる日: <strong>\d{4}-\d{2}-\d{2}<\/strong>/);
    assert.match(html, new RegExp(`href="${base}/cards/${registered.cardNumber}/card"`));
    const forms = html.slice(html.indexOf('id="patron-renewal"'), html.indexOf('id="patron-credentials"'));
    const ids = [...forms.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length >= 15, `the renewal and reissue fields (${ids.length})`);
    for (const id of ids) assert.ok(forms.includes(`<label for="${id}"`), `${id} has a label`);
  });

  test("renewal: too early is refused with the day it opens; in the renewal month it gives the new expiry", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(
      t,
      "takarazuka",
      token,
      takarazukaResident({ ...uniqueKana(), birthDate: "1986-04-12" }),
    );
    assert.equal(registered.expiresOn, "2029-04-30");
    const path = `/takarazuka/staff/patrons/${registered.id}/renewal`;
    const early = await post(path, { _csrf: staff.csrf, ...renewalForm });
    assert.equal(early.status, 409);
    const html = await early.text();
    assert.match(
      summaryOf(html),
      /有効期限の更新はまだできません\(更新できる日から受け付けます\)。更新できる日: 2029-03-30/,
    );
    assert.match(html, /<details class="change-details" open="">\s*<summary>更新の手続きをする/);
    assert.match(
      html,
      /id="rnw-idDocument-expiresOn" name="idDocument.expiresOn" type="text" value="2033-01-01"/,
    );

    t.clock.set(new Date("2029-04-01T10:00:00+09:00"));
    try {
      const later = await sessionNow();
      const res = await post(path, { _csrf: later.csrf, ...renewalForm }, later);
      assert.equal(res.status, 200);
      const renewed = await res.text();
      assert.match(renewed, /<p class="notice-title">登録を更新しました<\/p>/);
      assert.match(renewed, /<dd class="new-expiry">2032年4月30日<\/dd>/);
    } finally {
      t.clock.set(testNow);
    }
    const actions = (await auditActions(registered.id)).map((a) => a.action);
    assert.ok(actions.includes("patron.renewRegistration"));
  });

  test("renewal without an identity document is refused beside the field", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const res = await post(`/takarazuka/staff/patrons/${registered.id}/renewal`, { _csrf: staff.csrf });
    assert.equal(res.status, 422);
    assert.match(summaryOf(await res.text()), /href="#rnw-idDocument-type">書類の種類: 選択してください。/);
  });

  test("a loss report on Takarazuka issues a temporary card; the reissue waits 30 days, then a new number", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const base = `/takarazuka/staff/patrons/${registered.id}`;
    const lost = await post(`${base}/cards/${registered.cardNumber}/loss`, { _csrf: staff.csrf });
    assert.equal(lost.status, 200);
    const html = await lost.text();
    assert.match(html, /<p class="notice-title">紛失届を受け付けました<\/p>/);
    const temporary = /class="card-number new-card-number temporary-card-number">(\d+)</.exec(html)?.[1];
    assert.ok(temporary && temporary !== registered.cardNumber, "a temporary card number is shown");
    assert.match(html, new RegExp(`${registered.cardNumber}</span></th>.*?class="card-lost">紛失</td>`));
    assert.match(html, new RegExp(`${temporary}</span></th><td[^>]*>仮の利用券</td>`));
    assert.match(html, new RegExp(`action="${base}/cards/${registered.cardNumber}/found"`));

    const reissue = { _csrf: staff.csrf, reason: "lost", physical: "on" };
    const early = await post(`${base}/reissue`, reissue);
    assert.equal(early.status, 409);
    assert.match(
      summaryOf(await early.text()),
      /紛失届から所定の期間が過ぎるまで再発行できません.*再発行できる日: 2026-05-01/,
    );

    t.clock.set(new Date("2026-05-02T10:00:00+09:00"));
    try {
      const later = await sessionNow();
      const res = await post(`${base}/reissue`, { ...reissue, _csrf: later.csrf }, later);
      assert.equal(res.status, 200);
      const reissued = await res.text();
      assert.match(reissued, /<p class="notice-title">カードを再発行しました<\/p>/);
      const number = /class="card-number new-card-number">(\d+)</.exec(reissued)?.[1];
      assert.ok(number && number !== registered.cardNumber && number !== temporary, "a new number");
      assert.match(reissued, new RegExp(`${number}</span></th>.*?class="card-active">使用中</td>`));
    } finally {
      t.clock.set(testNow);
    }
    const actions = (await auditActions(registered.id)).map((a) => a.action);
    assert.ok(actions.includes("card.reportLost") && actions.includes("card.reissue"));
  });

  test("a lost card that is found is used again and the temporary card retired", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const card = `/takarazuka/staff/patrons/${registered.id}/cards/${registered.cardNumber}`;
    assert.equal((await post(`${card}/loss`, { _csrf: staff.csrf })).status, 200);
    const res = await post(`${card}/found`, { _csrf: staff.csrf });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<p class="notice-title">カードを再び使えるようにしました<\/p>/);
    assert.match(html, new RegExp(`${registered.cardNumber}</span></th>.*?class="card-active">使用中</td>`));
    assert.match(html, /class="card-retired">使用終了<\/td>/);
    const again = await post(`${card}/found`, { _csrf: staff.csrf });
    assert.equal(again.status, 409);
    assert.match(summaryOf(await again.text()), /このカードには紛失届が出されていません/);
  });

  test("the printable card has the NW-7 barcode inline, and opening it is audited", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const res = await get(`/takarazuka/staff/patrons/${registered.id}/cards/${registered.cardNumber}/card`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, new RegExp(`<svg [^>]*role="img" aria-label="${registered.cardNumber}"`));
    assert.match(html, /<section class="library-card"/);
    const views = (await auditActions(registered.id)).filter((a) => a.action === "patron.view");
    assert.deepEqual(
      views.map((a) => a.details.purpose),
      ["card"],
    );
    const other = await get(`/takarazuka/staff/patrons/${registered.id}/cards/0000000000/card`);
    assert.equal(other.status, 404);
  });

  test("the card and renewal forms refuse a post without the CSRF token (403)", async () => {
    const token = await t.signIn("takarazuka");
    const registered = await registerAtCounter(t, "takarazuka", token, takarazukaResident(uniqueKana()));
    const base = `/takarazuka/staff/patrons/${registered.id}`;
    for (const path of [
      `${base}/cards/${registered.cardNumber}/loss`,
      `${base}/cards/${registered.cardNumber}/found`,
      `${base}/renewal`,
      `${base}/reissue`,
    ]) {
      const res = await post(path, { ...renewalForm, reason: "damaged" });
      assert.equal(res.status, 403, path);
    }
    const html = await (await get(base)).text();
    assert.match(html, /class="card-active">使用中<\/td>/, "the card was not reported lost");
  });
});

describe("what staff type at the counter", () => {
  test("dates: western, compact and Japanese era forms are read as YYYY-MM-DD", () => {
    const cases: [string, string][] = [
      ["1990-05-15", "1990-05-15"],
      ["1990/5/15", "1990-05-15"],
      ["19900515", "1990-05-15"],
      ["１９９０年５月１５日", "1990-05-15"],
      ["平成2年5月15日", "1990-05-15"],
      ["H2.5.15", "1990-05-15"],
      ["令和元年5月1日", "2019-05-01"],
      ["昭和64年1月7日", "1989-01-07"],
      ["15/05/1990", "15/05/1990"],
      ["", ""],
    ];
    for (const [typed, expected] of cases) assert.equal(isoDateOf(typed), expected, typed);
  });

  test("readings in hiragana or half-width kana become full-width katakana", () => {
    assert.equal(katakanaOf("たからづか"), "タカラヅカ");
    assert.equal(katakanaOf("ﾀｶﾗﾂﾞｶ"), "タカラヅカ");
    assert.equal(katakanaOf(" ぺーじ "), "ページ");
  });

  test("postal codes without the hyphen, in full width or with 〒 are NNN-NNNN", () => {
    assert.equal(postalCodeOf("6650014"), "665-0014");
    assert.equal(postalCodeOf("〒６６５－００１４"), "665-0014");
    assert.equal(postalCodeOf("665-001"), "665-001");
  });
});
