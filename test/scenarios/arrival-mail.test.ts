import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { completeNumber } from "../../src/domain/barcodes/check-digit.ts";
import { smtpTransport } from "../../src/integrations/mail-transport.ts";
import { importCsv, presetItemFormat } from "../support/catalogue-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { pageBrowser } from "../support/page-browser.ts";
import {
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
  userpageResident,
} from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { freePort, mailText, startSmtpSink } from "../support/smtp-sink.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// New-arrival mail: Takarazuka (001) by keyword every Monday; the user-page library (003) by author and genre.
// The week before Monday 2026-11-23 (勤労感謝の日, a holiday): the mail still goes, read here over SMTP.
describe("New-arrival mail", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let smtpPort: number;

  before(async () => {
    smtpPort = await freePort();
    t = await startTestApp({ testClock: true, mailTransport: smtpTransport(`smtp://127.0.0.1:${smtpPort}`) });
    s = await scenario(t, "takarazuka");
    await s.at("2026-11-16");
  });
  after(() => t.close());

  let serial = 0;
  const arrive = async (
    system: string,
    token: string,
    servicePoint: string,
    records: { title: string; authors?: string; ndc?: string; receivedOn: string }[],
  ) => {
    await importCsv(
      t,
      system,
      token,
      records.map((r) => {
        serial++;
        return {
          controlNumber: `ARRIVAL-${serial}-${process.pid}`,
          title: r.title,
          authors: r.authors,
          ndc: r.ndc,
          items: [
            {
              barcode: completeNumber(presetItemFormat, 950000 + serial),
              servicePoint,
              receivedOn: r.receivedOn,
            },
          ],
        };
      }),
    );
  };

  test("Takarazuka: Monday's mail lists the week's matching titles once; the link stops the next one", async () => {
    const reader = await registerAtCounter(
      t,
      "takarazuka",
      s.token,
      takarazukaResident({ ...uniqueKana(), email: "arrivals@example.jp" }),
    );
    const token = await signInOnWeb(t, "takarazuka", reader);
    const save = (kind: string, value: string) =>
      t.request("/api/v1/takarazuka/me/arrival-alerts", { method: "POST", token, json: { kind, value } });
    assert.equal((await save("keyword", "宝塚歌劇")).status, 201);
    assert.equal((await save("keyword", "ねこ")).status, 201);
    const refused = await save("author", "村上春樹");
    assert.equal((await json(refused)).error.code, "ARRIVAL_ALERT_KIND_NOT_OFFERED", "001 mails by keyword");

    await arrive("takarazuka", s.token, "central", [
      { title: "宝塚歌劇の百年", receivedOn: "2026-11-09" },
      { title: "宝塚歌劇 名作選", receivedOn: "2026-11-17" },
      { title: "ネコと暮らす", receivedOn: "2026-11-22" },
      { title: "宝塚歌劇とねこ", receivedOn: "2026-11-20" },
      { title: "関係のない本", receivedOn: "2026-11-18" },
      { title: "宝塚歌劇 月曜日受入", receivedOn: "2026-11-23" },
    ]);

    await s.at("2026-11-22");
    const sunday = await s.runJob("newArrivalMail");
    assert.deepEqual(sunday, {}, "not Takarazuka's day");

    const sink = await startSmtpSink(smtpPort);
    try {
      await s.at("2026-11-23");
      const monday = await s.runJob("newArrivalMail");
      assert.equal(monday.takarazuka.mails, 1);
      await s.runJob("sendMail");
      const mail = sink.received.find((m) => m.to.includes("arrivals@example.jp"));
      assert.ok(mail, "the mail arrived over SMTP");
      assert.match(mail.raw, /^Subject: /m);
      const body = mailText(mail.raw);
      assert.match(body, /ご登録の条件に合う新着資料/);
      for (const title of ["宝塚歌劇 名作選", "ネコと暮らす", "宝塚歌劇とねこ"])
        assert.ok(body.includes(title), title);
      assert.equal(
        (body.match(/宝塚歌劇とねこ/g) ?? []).length,
        1,
        "a title matching two keywords is listed once",
      );
      for (const title of ["宝塚歌劇の百年", "関係のない本", "月曜日受入"])
        assert.ok(!body.includes(title), title);
      assert.match(body, /2026-11-16〜2026-11-22/);

      const again = await s.runJob("newArrivalMail");
      assert.equal(again.takarazuka.mails, 0, "a second run the same Monday sends nothing");

      const link = /\/takarazuka\/arrival-alerts\/unsubscribe\?token=([\w-]+)/.exec(body);
      assert.ok(link);
      const b = pageBrowser(t);
      const opened = await b.page(link[0]);
      assert.equal(opened.res.status, 200, "no sign-in needed");
      const listed = await json(
        await t.request("/api/v1/takarazuka/me/arrival-alerts", {
          token: await signInOnWeb(t, "takarazuka", reader),
        }),
      );
      assert.equal(listed.alerts.length, 2, "opening the link changes nothing");
      const stopped = await b.post("/takarazuka/arrival-alerts/unsubscribe", { token: link[1]! });
      assert.equal(stopped.status, 200);
      const after = await json(
        await t.request("/api/v1/takarazuka/me/arrival-alerts", {
          token: await signInOnWeb(t, "takarazuka", reader),
        }),
      );
      assert.equal(after.alerts.length, 0);

      await arrive("takarazuka", s.token, "central", [{ title: "宝塚歌劇 翌週", receivedOn: "2026-11-25" }]);
      await s.at("2026-11-30");
      const next = await s.runJob("newArrivalMail");
      assert.equal(next.takarazuka.mails, 0, "unsubscribed: nothing the next week");
    } finally {
      await sink.close();
    }
  });

  test("the user page library: authors and NDC genres; refusals", async () => {
    await s.at("2026-11-16");
    const up = await t.signIn("userpage");
    const reader = await registerAtCounter(
      t,
      "userpage",
      up,
      userpageResident({ ...uniqueKana(), email: "genre@example.jp" }),
    );
    const token = await signInOnWeb(t, "userpage", reader);
    const save = (kind: string, value: string) =>
      t.request("/api/v1/userpage/me/arrival-alerts", { method: "POST", token, json: { kind, value } });
    assert.equal((await save("author", "村上 春樹")).status, 201);
    assert.equal((await save("genre", "48")).status, 201);
    assert.equal((await json(await save("genre", "文学"))).error.code, "ARRIVAL_ALERT_INVALID");
    assert.equal((await json(await save("keyword", "ねこ"))).error.code, "ARRIVAL_ALERT_KIND_NOT_OFFERED");
    for (let i = 0; i < 8; i++) assert.equal((await save("genre", `9${i}`)).status, 201);
    assert.equal((await json(await save("genre", "99"))).error.code, "ARRIVAL_ALERT_LIMIT_REACHED");

    await arrive("userpage", up, "main", [
      { title: "街とその不確かな壁", authors: "村上, 春樹", ndc: "913.6", receivedOn: "2026-11-18" },
      { title: "昆虫図鑑", ndc: "486", receivedOn: "2026-11-19" },
      { title: "料理の本", ndc: "596", receivedOn: "2026-11-19" },
    ]);
    await s.at("2026-11-23");
    const run = await s.runJob("newArrivalMail");
    assert.equal(run.userpage.mails, 1);
    const mails = (
      await json(await t.request("/api/v1/userpage/outbox", { token: await t.signIn("userpage") }))
    ).messages as { to: string; text: string }[];
    const mine = mails.filter((m) => m.to === "genre@example.jp").at(-1);
    assert.ok(mine, "mailed");
    assert.ok(mine.text.includes("街とその不確かな壁"), "author, any spacing");
    assert.ok(mine.text.includes("昆虫図鑑"), "genre 48 matches 486");
    assert.ok(!mine.text.includes("料理の本"));
  });
});
