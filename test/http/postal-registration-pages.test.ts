import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pageBrowser, textOf } from "../support/page-browser.ts";
import { uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The postal desk (000): staff type the posted form for the applicant and a child, the cards wait to be mailed,
// and are marked as mailed; a refusal about the second person is shown beside their block and registers no one.
describe("postal registration pages", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ testClock: true });
    await (await scenario(t, "hiratsuka")).at("2026-12-04");
  });
  after(() => t.close());

  async function staff() {
    const b = pageBrowser(t);
    await b.page("/hiratsuka/staff/sign-in");
    await b.post("/hiratsuka/staff/sign-in", { username: "admin", password: "shiori-admin" });
    return b;
  }

  function fields(child: { birthDate: string; back: boolean }, givenName = "郵子") {
    const self = uniqueKana();
    const kid = uniqueKana();
    return {
      procedure: "newRegistration",
      receivedOn: "2026/12/3",
      returnEnvelopeYen: "110",
      relation: "self",
      familyName: "平塚",
      givenName,
      familyNameKana: self.familyNameKana,
      givenNameKana: self.givenNameKana,
      birthDate: "昭和60年4月1日",
      "address.postalCode": "2540041",
      "address.prefecture": "神奈川県",
      "address.city": "平塚市",
      "address.street": "浅間町12-41",
      phone: "0463-31-2000",
      basis: "resident",
      municipality: "平塚市",
      "idDocument.type": "driversLicence",
      "idDocument.expiresOn": "2030-01-01",
      "idDocument.showsCurrentAddress": "on",
      "identityCopy.front": "on",
      "identityCopy.back": "on",
      "members.1.relation": "child",
      "members.1.familyName": "平塚",
      "members.1.givenName": "小郵",
      "members.1.familyNameKana": kid.familyNameKana,
      "members.1.givenNameKana": kid.givenNameKana,
      "members.1.birthDate": child.birthDate,
      "members.1.idDocument.type": "healthInsuranceCard",
      "members.1.identityCopy.front": "on",
      ...(child.back ? { "members.1.identityCopy.back": "on" } : {}),
    };
  }

  test("the applicant and a child entered, listed to mail, then marked as mailed", async () => {
    const b = await staff();
    const menu = textOf((await b.page("/hiratsuka/staff")).html);
    assert.match(menu, /郵送による利用登録/);
    const form = await b.page("/hiratsuka/staff/postal-registrations/new");
    assert.equal(form.res.status, 200);
    assert.match(textOf(form.html), /2人目\(同居の家族\)/);
    const res = await b.post(
      "/hiratsuka/staff/postal-registrations",
      fields({ birthDate: "2018-05-05", back: true }),
    );
    assert.equal(res.status, 303, await res.clone().text());
    const list = await b.page(res.headers.get("location")!);
    const text = textOf(list.html);
    assert.match(text, /登録しました/);
    assert.match(text, /郵子/);
    assert.match(text, /小郵/);
    assert.match(text, /2026年12月10日/, "the reply is due a week after the post arrived");
    const action = /action="(\/hiratsuka\/staff\/postal-registrations\/[\w-]+\/mailing)"/.exec(
      list.html,
    )![1]!;
    const mailed = await b.post(action, {});
    assert.equal(mailed.status, 303);
    const after = textOf((await b.page(mailed.headers.get("location")!)).html);
    assert.match(after, /発送済みにしました/);
    assert.match(after, /最近発送したもの.*郵子/);
  });

  test("a refusal about person 2 stands beside their block and registers no one", async () => {
    const b = await staff();
    await b.page("/hiratsuka/staff/postal-registrations/new");
    const res = await b.post(
      "/hiratsuka/staff/postal-registrations",
      fields({ birthDate: "2018-05-05", back: false }, "断子"),
    );
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(textOf(html), /2人目: .*コピー/);
    assert.match(html, /id="post-members-1-identityCopy-back-error"/);
    const list = textOf((await b.page("/hiratsuka/staff/postal-registrations")).html);
    assert.doesNotMatch(list, /断子/);

    const tooOld = await b.post(
      "/hiratsuka/staff/postal-registrations",
      fields({ birthDate: "2010-05-05", back: true }),
    );
    assert.equal(tooOld.status, 409);
    assert.match(await tooOld.text(), /id="post-members-1-birthDate-error"/);
  });

  test("no stamps: the envelope field says how much is needed", async () => {
    const b = await staff();
    await b.page("/hiratsuka/staff/postal-registrations/new");
    const res = await b.post("/hiratsuka/staff/postal-registrations", {
      ...fields({ birthDate: "2018-05-05", back: true }),
      returnEnvelopeYen: "",
    });
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(html, /id="post-returnEnvelopeYen-error"/);
    assert.match(textOf(html), /110円分の切手が必要/);
    assert.match(textOf(html), /返信用封筒が必要です/);
  });
});
