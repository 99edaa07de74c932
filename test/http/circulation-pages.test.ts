import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { stockItems } from "../support/circulation-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp, testNow } from "../support/test-app.ts";

/** Cookies of a response as a Cookie header, for the next request. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Session = { cookie: string; csrf: string };

/** Signs in through the staff sign-in page, as a browser would: a CSRF cookie and the staff cookie. */
async function staffSession(t: TestApp, system: string): Promise<Session> {
  const page = await t.request(`/${system}/staff/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  assert.ok(csrf, "the sign-in page has a CSRF field");
  const csrfCookie = cookiesOf(page);
  const res = await t.request(`/${system}/staff/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrf, username: "admin", password: "shiori-admin" }).toString(),
  });
  assert.equal(res.status, 303);
  return { cookie: `${csrfCookie}; ${cookiesOf(res)}`, csrf };
}

type Fields = [string, string][];

const decode = (value: string) =>
  value
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/**
 * The fields a browser would send for a form of the page: its hidden fields, in order, as rendered. The
 * form is found by its id or, failing that, by its class.
 */
function formFields(html: string, selector: { id?: string; className?: string }): Fields {
  const open = selector.id ? `<form id="${selector.id}"` : `class="desk-form ${selector.className}"`;
  const start = html.indexOf(open);
  assert.ok(start >= 0, `the page has the form ${JSON.stringify(selector)}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
    m[1]!,
    decode(m[2]!),
  ]);
}

/** The rows of a session table's body, as text without tags. */
function rowsOf(html: string, tbodyId: string): string[] {
  const start = html.indexOf(`<tbody id="${tbodyId}">`);
  assert.ok(start >= 0, `the page has #${tbodyId}`);
  const body = html.slice(start, html.indexOf("</tbody>", start));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

describe("staff circulation pages", () => {
  let t: TestApp;
  let staff: Session;
  let token: string;

  before(async () => {
    t = await startTestApp();
    staff = await staffSession(t, "takarazuka");
    token = await t.signIn("takarazuka");
  });
  after(() => t.close());

  const patron = (overrides: Record<string, unknown> = {}) =>
    registerAtCounter(t, "takarazuka", token, takarazukaResident({ ...uniqueKana(), ...overrides }));
  const stock = (specs: Parameters<typeof stockItems>[3]) => stockItems(t, "takarazuka", token, specs);
  const lendByApi = async (cardNumber: string, itemBarcode: string, servicePoint = "central") => {
    const res = await t.request("/api/v1/takarazuka/loans", {
      method: "POST",
      token,
      json: { credential: { kind: "card", value: cardNumber }, itemBarcode, servicePoint },
    });
    assert.equal(res.status, 201, await res.clone().text());
    return json(res);
  };

  const get = (path: string, headers: Record<string, string> = {}) =>
    t.request(path, { headers: { cookie: staff.cookie, ...headers } });
  const post = (
    path: string,
    fields: Fields | Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    t.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: staff.cookie,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  /** Reads the patron at the checkout desk, as the credential form does. */
  const readPatron = (cardNumber: string) =>
    post("/takarazuka/staff/checkout", {
      _csrf: staff.csrf,
      step: "patron",
      servicePoint: "central",
      credentialKind: "card",
      credential: cardNumber,
    });
  const scan = (html: string, itemBarcode: string) =>
    post("/takarazuka/staff/checkout", [
      ...formFields(html, { id: "checkout-scan" }),
      ["itemBarcode", itemBarcode],
    ]);

  test("the pages are for signed-in staff; an htmx scan without a session is sent to sign in", async () => {
    for (const path of ["/takarazuka/staff/checkout", "/takarazuka/staff/returns"]) {
      const res = await t.request(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get("location"), "/takarazuka/staff/sign-in");
    }
    const scanned = await t.request("/takarazuka/staff/checkout/scan", {
      method: "POST",
      headers: { "HX-Request": "true", "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    assert.equal(scanned.status, 401);
    assert.equal(scanned.headers.get("HX-Redirect"), "/takarazuka/staff/sign-in");
  });

  test("the dashboard and the patron record link to the circulation pages", async () => {
    const html = await (await get("/takarazuka/staff")).text();
    assert.match(html, /href="\/takarazuka\/staff\/checkout">貸出</);
    assert.match(html, /href="\/takarazuka\/staff\/returns">返却</);
    const reader = await patron();
    const record = await (await get(`/takarazuka/staff/patrons/${reader.id}`)).text();
    assert.match(
      record,
      new RegExp(`href="/takarazuka/staff/patrons/${reader.id}/loans">貸出中の資料・延長<`),
    );
  });

  test("the checkout page labels every control and starts at the credential", async () => {
    const res = await get("/takarazuka/staff/checkout");
    assert.equal(res.status, 200);
    const html = await res.text();
    const controls = [...html.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]!);
    for (const id of ["counter-point", "checkout-credentialKind", "checkout-credential"]) {
      assert.ok(controls.includes(id), `#${id} is on the page`);
    }
    for (const id of controls) {
      if (id === "header-q") continue;
      assert.ok(html.includes(`<label for="${id}"`), `${id} has a label`);
    }
    assert.match(html, /<option value="card" selected="">図書館カード<\/option>/, "a card by default");
    assert.match(html, /id="checkout-credential"[^>]*autofocus/);
    assert.doesNotMatch(html, /city-hall-return/, "a return point lends nothing and is not offered");
  });

  test("checkout through the page form (no JS) lends, shows the due date and keeps the session's list", async () => {
    const reader = await patron();
    const [first, second] = await stock([{ servicePoint: "central" }, { servicePoint: "central" }]);

    const read = await readPatron(reader.cardNumber);
    assert.equal(read.status, 200);
    const readHtml = await read.text();
    assert.match(readHtml, /<a href="\/takarazuka\/staff\/patrons\/[0-9a-f-]{36}">宝塚 花子<\/a>/);
    assert.match(readHtml, new RegExp(`<strong class="card-number">${reader.cardNumber}</strong>`));
    assert.match(readHtml, /貸出中: <strong>0<\/strong> 冊/);
    assert.match(readHtml, /id="checkout-itemBarcode"[^>]*autofocus/, "the item field waits for a scan");

    // A scanner sends the NW-7 start and stop letters with the number: they are dropped.
    const lent = await scan(readHtml, `A${first!.barcode}A`);
    assert.equal(lent.status, 200);
    const lentHtml = await lent.text();
    assert.match(lentHtml, /aria-live="polite"/);
    assert.match(lentHtml, /貸出しました/);
    assert.match(lentHtml, /返却期限 <strong class="due-date">2026年4月15日<\/strong>/, "two weeks");
    assert.match(lentHtml, /貸出中: <strong>1<\/strong> 冊/);
    assert.match(
      lentHtml,
      new RegExp(`href="/takarazuka/staff/patrons/${reader.id}/loans/slip">返却期限票を印刷`),
    );
    assert.deepEqual(rowsOf(lentHtml, "checkout-loans"), [
      `貸出試験資料 ${serialOf(first!.barcode)} ${first!.barcode} 2026年4月15日`,
    ]);

    const again = await scan(lentHtml, second!.barcode);
    assert.equal(again.status, 200);
    const rows = rowsOf(await again.text(), "checkout-loans");
    assert.equal(rows.length, 2, "the list keeps the first loan and adds the second");
    assert.match(rows[1]!, new RegExp(second!.barcode));
  });

  test("a refusal shows its Japanese message; an override with a reason lends", async () => {
    const reader = await patron();
    const [reference] = await stock([{ servicePoint: "central", flags: "inLibraryOnly" }]);
    const read = await (await readPatron(reader.cardNumber)).text();

    const refused = await scan(read, reference!.barcode);
    assert.equal(refused.status, 409);
    const refusedHtml = await refused.text();
    assert.match(refusedHtml, /<title>エラー: /);
    assert.match(refusedHtml, /貸出できません/);
    assert.match(refusedHtml, /館内閲覧のみの資料のため貸出できません。/);
    assert.deepEqual(rowsOf(refusedHtml, "checkout-loans"), []);
    assert.match(refusedHtml, /<label for="checkout-overrideReason">貸し出す理由<\/label>/);
    const inEnglish = await post(
      "/takarazuka/staff/checkout",
      [...formFields(read, { id: "checkout-scan" }), ["itemBarcode", reference!.barcode]],
      { cookie: `${staff.cookie}; lang=en` },
    );
    assert.equal(inEnglish.status, 409);
    assert.match(await inEnglish.text(), /Cannot lend.*This item is for in-library use only\./s);

    const override = formFields(refusedHtml, { className: "override-form" });
    assert.ok(override.some(([name, value]) => name === "itemBarcode" && value === reference!.barcode));
    const noReason = await post("/takarazuka/staff/checkout", [...override, ["overrideReason", ""]]);
    assert.equal(noReason.status, 409);
    assert.match(await noReason.text(), /貸し出す理由を入力してください。/);

    const lent = await post("/takarazuka/staff/checkout", [
      ...override,
      ["overrideReason", "館長了承(調べ学習)"],
    ]);
    assert.equal(lent.status, 200);
    const lentHtml = await lent.text();
    assert.match(lentHtml, /理由を記録して貸出しました/);
    assert.equal(rowsOf(lentHtml, "checkout-loans").length, 1);
    const audit = resultRows<{ details: { overrides: { code: string; reason: string }[] } }>(
      await t.db.execute(
        sql`SELECT details FROM audit_log WHERE action = 'loan.checkOutOverride' AND subject_id = ${reader.id}`,
      ),
    );
    assert.equal(audit.length, 1);
    assert.deepEqual(
      audit[0]!.details.overrides.map((o) => [o.code, o.reason]),
      [["ITEM_NOT_LOANABLE", "館長了承(調べ学習)"]],
    );
  });

  test("a refusal that staff may not override offers no override form", async () => {
    const reader = await patron();
    const other = await patron();
    const [taken] = await stock([{ servicePoint: "central" }]);
    await lendByApi(other.cardNumber, taken!.barcode);
    const refused = await scan(await (await readPatron(reader.cardNumber)).text(), taken!.barcode);
    assert.equal(refused.status, 409);
    const html = await refused.text();
    assert.match(html, /この資料は貸出中です。先に返却処理をしてください。/);
    assert.doesNotMatch(html, /override-form/);
  });

  test("an unknown card is shown beside the credential field", async () => {
    const res = await post("/takarazuka/staff/checkout", {
      _csrf: staff.csrf,
      step: "patron",
      servicePoint: "central",
      credentialKind: "felica",
      credential: "0011223344556677",
    });
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /<p id="checkout-credential-error" class="field-error" role="alert">/);
    assert.match(html, /このカード・連携は登録されていません。/);
    assert.match(html, /aria-describedby="checkout-credential-error"/);
    assert.doesNotMatch(html, /id="checkout-scan"/, "no item is scanned without a patron");
  });

  test("an htmx scan answers with the new row and the parts of the page that change", async () => {
    const reader = await patron();
    const [item] = await stock([{ servicePoint: "central" }]);
    const read = await (await readPatron(reader.cardNumber)).text();
    const res = await post(
      "/takarazuka/staff/checkout/scan",
      [...formFields(read, { id: "checkout-scan" }), ["itemBarcode", item!.barcode]],
      { "HX-Request": "true" },
    );
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.startsWith("<tr>"), "the row comes first, for the list's tbody");
    assert.doesNotMatch(html, /<html/, "a fragment, not a page");
    assert.doesNotMatch(
      html,
      /<form id="checkout-scan"/,
      "the scan form stays: a queued scan answers into it",
    );
    assert.match(
      html,
      /<hx-partial hx-target="#checkout-session-loans" hx-swap="beforeend"><input type="hidden" name="loan" value="\d+"/,
      "the new loan joins the form's list",
    );
    assert.match(
      html,
      /<hx-partial hx-target="#checkout-outcome" hx-swap="innerHTML"><div class="notice notice-ok">/,
    );
    assert.match(html, /貸出中: <strong>1<\/strong> 冊/);

    const expired = await post("/takarazuka/staff/checkout/scan", [["itemBarcode", item!.barcode]], {
      "HX-Request": "true",
    });
    assert.equal(expired.status, 403);
    const expiredHtml = await expired.text();
    assert.match(expiredHtml, /^<hx-partial hx-target="#checkout-outcome"/);
    assert.match(expiredHtml, /画面の有効期限が切れました/);
  });

  test("the return page shows the transit to the home library, and remembers the desk's point", async () => {
    const reader = await patron();
    const [book] = await stock([{ servicePoint: "central" }]);
    await lendByApi(reader.cardNumber, book!.barcode);

    const switched = await post("/takarazuka/staff/counter-point", {
      _csrf: staff.csrf,
      servicePoint: "west",
      return: "returns",
    });
    assert.equal(switched.status, 303);
    assert.equal(switched.headers.get("location"), "/takarazuka/staff/returns");
    const pointCookie = cookiesOf(switched);
    assert.match(pointCookie, /shiori_counter_point=west/);
    const page = await (
      await get("/takarazuka/staff/returns", { cookie: `${staff.cookie}; ${pointCookie}` })
    ).text();
    assert.match(page, /<option value="west" selected="">宝塚市立西図書館<\/option>/);
    assert.match(page, /<option value="west-drop"/, "the drops of the chosen point");
    assert.doesNotMatch(page, /<option value="central-drop"/);

    const res = await post("/takarazuka/staff/returns", [
      ...formFields(page, { id: "return-scan" }),
      ["itemBarcode", book!.barcode],
    ]);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /返却しました/);
    const rows = rowsOf(html, "return-rows");
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, new RegExp(`${book!.barcode} — 所蔵館へ搬送: 宝塚市立中央図書館`));
  });

  test("returns: refusals name where the item must go; a book drop lists what it may not take", async () => {
    const reader = await patron();
    const [bigBook, cd, dropCd] = await stock([
      { servicePoint: "central", materialType: "bigBook" },
      { servicePoint: "central", materialType: "cd" },
      { servicePoint: "central", materialType: "cd" },
    ]);
    await lendByApi(reader.cardNumber, bigBook!.barcode, "west");
    await lendByApi(reader.cardNumber, cd!.barcode);
    await lendByApi(reader.cardNumber, dropCd!.barcode);
    const returnAt = (servicePoint: string, itemBarcode: string, extra: Record<string, string> = {}) =>
      post("/takarazuka/staff/returns", {
        _csrf: staff.csrf,
        servicePoint,
        via: "counter",
        itemBarcode,
        ...extra,
      });

    const wrongPoint = await returnAt("central", bigBook!.barcode);
    assert.equal(wrongPoint.status, 409);
    assert.match(
      await wrongPoint.text(),
      /この資料は、借りた図書館・分室の窓口へ返却してください。 返却先: 宝塚市立西図書館/,
    );
    const returnPoint = await returnAt("city-hall-return", cd!.barcode);
    assert.equal(returnPoint.status, 409);
    assert.match(await returnPoint.text(), /「返却できるところ」では本と雑誌のみ返却できます。/);

    // Emptied on the 4th, three days after the loan: returned on the 3rd, the day before.
    t.clock.set(new Date("2026-04-04T10:00:00+09:00"));
    const morning = staff;
    try {
      staff = await staffSession(t, "takarazuka");
      const dropped = await returnAt("central", dropCd!.barcode, {
        via: "bookDrop",
        bookDrop: "central-drop",
        emptiedOn: "2026-04-04",
      });
      assert.equal(dropped.status, 200);
      const html = await dropped.text();
      const rows = rowsOf(html, "return-rows");
      assert.equal(rows.length, 1);
      assert.match(rows[0]!, /返却日: 2026年4月3日/);
      assert.match(rows[0]!, /ブックポストでは受け付けない資料です/);
      assert.match(
        html,
        /<input type="radio" id="return-via-bookDrop" name="via" value="bookDrop" checked=""/,
      );
      assert.match(html, /<input id="return-emptiedOn" name="emptiedOn" type="date" value="2026-04-04"/);
    } finally {
      t.clock.set(testNow);
      staff = morning;
    }
  });

  test("an htmx return answers with the row, and the form carries the session's list", async () => {
    const reader = await patron();
    const [a, b] = await stock([{ servicePoint: "central" }, { servicePoint: "central" }]);
    await lendByApi(reader.cardNumber, a!.barcode);
    await lendByApi(reader.cardNumber, b!.barcode);
    const page = await (await get("/takarazuka/staff/returns")).text();
    const first = await post(
      "/takarazuka/staff/returns/scan",
      [...formFields(page, { id: "return-scan" }), ["servicePoint", "central"], ["itemBarcode", a!.barcode]],
      { "HX-Request": "true" },
    );
    assert.equal(first.status, 200);
    const firstHtml = await first.text();
    assert.ok(firstHtml.startsWith("<tr>"));
    assert.match(firstHtml, /書架へ/);
    assert.doesNotMatch(
      firstHtml,
      /<form id="return-scan"/,
      "the scan form stays: a queued scan answers into it",
    );
    // The answer adds the row's copy to the form; from those copies a page drawn without scripts lists the session.
    const added = firstHtml.match(
      /<hx-partial hx-target="#return-done" hx-swap="beforeend">(.*?)<\/hx-partial>/s,
    );
    assert.ok(added, "the row's copy goes into the form");
    const second = await post("/takarazuka/staff/returns", [
      ...formFields(page, { id: "return-scan" }),
      ...formFields(`<form id="added">${added[1]}</form>`, { id: "added" }),
      ["servicePoint", "central"],
      ["itemBarcode", b!.barcode],
    ]);
    assert.equal(rowsOf(await second.text(), "return-rows").length, 2);
  });

  test("the patron's loans page renews a loan, then says why it cannot be renewed again", async () => {
    const reader = await patron();
    const [item] = await stock([{ servicePoint: "central" }]);
    const loan = await lendByApi(reader.cardNumber, item!.barcode);
    const page = await get(`/takarazuka/staff/patrons/${reader.id}/loans`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<td data-label="返却期限"><span class="due-date">2026年4月15日<\/span><\/td>/);
    const action = `/takarazuka/staff/patrons/${reader.id}/loans/${loan.id}/renewal`;
    assert.ok(html.includes(`<form method="post" action="${action}"`), "a renew button for the loan");

    const renewed = await post(action, { _csrf: staff.csrf });
    assert.equal(renewed.status, 200);
    const after = await renewed.text();
    assert.match(after, /延長しました/);
    assert.match(after, /新しい返却期限: <strong class="due-date">2026年4月15日<\/strong>/);
    assert.ok(!after.includes(`action="${action}"`), "no second renewal is offered");
    assert.match(after, /延長できません/);
    assert.match(after, /すでに延長している資料は、これ以上延長できません。/);

    const again = await post(action, { _csrf: staff.csrf });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /延長できませんでした/);

    // A loan is renewed only from its own patron's page.
    const other = await patron();
    const elsewhere = await post(`/takarazuka/staff/patrons/${other.id}/loans/${loan.id}/renewal`, {
      _csrf: staff.csrf,
    });
    assert.equal(elsewhere.status, 404);
    assert.match(await elsewhere.text(), /その貸出はありません。/);
  });

  test("the due-date slip shows the card's last four digits, titles and due dates, and no name", async () => {
    const reader = await patron({ familyName: "伝票", givenName: "太郎" });
    const [item] = await stock([{ servicePoint: "central" }]);
    await lendByApi(reader.cardNumber, item!.barcode);
    const res = await get(`/takarazuka/staff/patrons/${reader.id}/loans/slip`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const slip = html.slice(html.indexOf('<section class="due-slip"'), html.indexOf("</section>"));
    assert.match(slip, new RegExp(`<dd class="card-number">${reader.cardNumber.slice(-4)}</dd>`));
    assert.ok(!html.includes(reader.cardNumber), "never the whole card number");
    assert.ok(!html.includes("伝票"), "never the name, not even in the page title");
    assert.match(slip, /返却期限: <strong>2026年4月15日<\/strong>/);
    assert.match(slip, new RegExp(`貸出試験資料 ${serialOf(item!.barcode)}`));
  });

  test("a form posted without the CSRF token is refused with 403 and lends nothing", async () => {
    const reader = await patron();
    const [item] = await stock([{ servicePoint: "central" }]);
    const read = await (await readPatron(reader.cardNumber)).text();
    const fields = formFields(read, { id: "checkout-scan" }).filter(([name]) => name !== "_csrf");
    const res = await post("/takarazuka/staff/checkout", [...fields, ["itemBarcode", item!.barcode]]);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /画面の有効期限が切れました/);
    const loans = await json(await t.request(`/api/v1/takarazuka/loans?patron=${reader.id}`, { token }));
    assert.equal(loans.loans.length, 0);
    for (const path of ["/takarazuka/staff/returns", "/takarazuka/staff/counter-point"]) {
      assert.equal((await post(path, { itemBarcode: item!.barcode })).status, 403, path);
    }
  });
});

/** The serial in the fixture's title (貸出試験資料 N) of an item it stocked. */
function serialOf(barcode: string): number {
  return Number(barcode.slice(1, -1)) - 900000;
}
