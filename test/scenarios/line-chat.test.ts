import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { describeError } from "../../src/http/error-messages.ts";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { lineChat, newLineUserId, replyText } from "../support/line-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// 001 LINE連携: the library's LINE account shows the card, searches and reserves (also from an earlier result),
// opens the web portal; the patron links it after setting a portal password, only if the names match; LINE
// never brings notices. Driven here as LINE's servers drive it: signed webhook requests, replies read back.
describe("The LINE chat (001)", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let chat: ReturnType<typeof lineChat>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-06-01");
    chat = lineChat(t);
  });
  after(() => t.close());

  const codeOf = async (res: Response) => (await json(res)).error?.code;
  /** A Takarazuka patron with a web password, signed in on the web. */
  const reader = async (overrides: Record<string, unknown> = {}) => {
    const p = await registerAtCounter(
      t,
      "takarazuka",
      s.token,
      takarazukaResident({ ...uniqueKana(), ...overrides }),
    );
    return { ...p, token: await signInOnWeb(t, "takarazuka", p) };
  };
  const links = async (token: string) => json(await t.request("/api/v1/takarazuka/me/links", { token }));
  /** The account link flow: “link” in the chat, confirm on the library's side, LINE's accountLink event. */
  const link = async (userId: string, patronToken: string) => {
    const offer = replyText(await chat.say(userId, "連携"));
    const linkToken = /my\/links\/line\?linkToken=([A-Za-z0-9_-]+)/.exec(offer)?.[1];
    assert.ok(linkToken, `a link button: ${offer}`);
    const res = await t.request("/api/v1/takarazuka/me/links/line", {
      method: "POST",
      token: patronToken,
      json: { linkToken },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const redirectTo = new URL((await json(res)).redirectTo);
    assert.equal(redirectTo.origin + redirectTo.pathname, "https://access.line.me/dialog/bot/accountLink");
    assert.equal(redirectTo.searchParams.get("linkToken"), linkToken);
    const nonce = redirectTo.searchParams.get("nonce")!;
    return { nonce, replies: await chat.accountLink(userId, nonce) };
  };

  test("only requests signed with the channel secret are answered; systems without LINE refuse", async () => {
    const userId = newLineUserId();
    const event = {
      ...chat.base(userId),
      type: "message",
      message: { id: "1", type: "text", text: "カード" },
    };
    const before = t.line.replies.length;
    const forged = await chat.send([event], "not-the-channel-secret");
    assert.equal(forged.status, 401);
    assert.equal(await codeOf(forged), "LINE_SIGNATURE_INVALID");
    const unsigned = await t.request("/api/v1/takarazuka/line/webhook", {
      method: "POST",
      body: JSON.stringify({ events: [event] }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(await codeOf(unsigned), "LINE_SIGNATURE_INVALID");
    assert.equal(t.line.replies.length, before, "nothing answered");
    // LINE's console checks the address with an empty, signed request.
    assert.equal((await chat.send([])).status, 200);
    const malformed = await chat.send("none" as never);
    assert.equal(malformed.status, 422, "signed, but not a webhook request");
    assert.equal(await codeOf(malformed), "VALIDATION_FAILED");
    const hiratsuka = await t.request("/api/v1/hiratsuka/line/webhook", { method: "POST", body: "{}" });
    assert.equal(await codeOf(hiratsuka), "LINE_NOT_OFFERED");
  });

  test("anyone may search: five results a message, each with a reservation button and a details link", async () => {
    for (let i = 0; i < 6; i++) await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const userId = newLineUserId();
    const first = await chat.say(userId, "予約試験資料");
    assert.equal(first.length, 2);
    assert.match(replyText([first[0]!]), /「予約試験資料」の検索結果 \d+件（1〜5件目）/);
    const carousel = first[1] as { type: string; contents: { contents: unknown[] } };
    assert.equal(carousel.type, "flex");
    assert.equal(carousel.contents.contents.length, 5);
    const buttons = replyText(first.slice(1));
    assert.equal([...buttons.matchAll(/a=reserve&r=\d+/g)].length, 5, "a reservation button per result");
    assert.match(buttons, /\/takarazuka\/records\/\d+/);
    const next = /a=more&q=[^"]+&o=5/.exec(buttons)?.[0];
    assert.ok(next, "a “next 5” button");
    const second = await chat.press(userId, next);
    assert.match(replyText([second[0]!]), /（6〜\d+件目）/);
    assert.match(replyText(await chat.say(userId, "ぜったいにない書名xyzzy")), /見つかりませんでした/);
    assert.match(replyText(await chat.say(userId, "ヘルプ")), /予約の確保などのお知らせはLINEでは届きません/);
  });

  test("the card, reserving and unlinking need a linked account", async () => {
    const userId = newLineUserId();
    assert.match(replyText(await chat.say(userId, "カード")), /連携が必要です/);
    const book = await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    assert.match(
      replyText(await chat.press(userId, `a=reserve&r=${book.recordId}&p=central`)),
      /連携が必要です/,
    );
    assert.match(replyText(await chat.press(userId, "a=unlink&confirm=yes")), /連携が必要です/);
  });

  test("linking: the chat's link token, confirmed by the signed-in patron, completed by LINE with the nonce", async () => {
    const p = await reader();
    const userId = newLineUserId();
    t.line.profiles.set(userId, "宝塚 花子");
    const { nonce, replies } = await link(userId, p.token);
    assert.match(replyText(replies), /宝塚 花子 様の利用券とLINEを連携しました/);
    const view = await links(p.token);
    assert.equal(view.line.linked, true);
    assert.ok(Math.abs(Date.parse(view.line.linkedAt) - t.clock.now().getTime()) < 60_000, "linked now");
    const audit = resultRows<{ details: { by: string } }>(
      await t.db.execute(
        sql`SELECT details FROM audit_log WHERE action = 'credential.link.line' AND subject_id = ${p.id}`,
      ),
    );
    assert.equal(audit[0]?.details.by, "patron");
    // The nonce is spent; the patron and the LINE account are each linked once.
    assert.match(
      replyText(await chat.accountLink(userId, nonce)),
      new RegExp(describeError("LINE_LINK_EXPIRED").ja),
    );
    assert.match(replyText(await chat.say(userId, "連携")), /すでに利用券と連携しています/);
    const again = await t.request("/api/v1/takarazuka/me/links/line", {
      method: "POST",
      token: p.token,
      json: { linkToken: "x".repeat(20) },
    });
    assert.equal(await codeOf(again), "LINE_ALREADY_LINKED");
  });

  test("the LINE name must match the registered name; a cancelled or late link links nothing", async () => {
    const p = await reader();
    const stranger = newLineUserId();
    t.line.profiles.set(stranger, "別人 太郎");
    const mismatch = await link(stranger, p.token);
    assert.match(replyText(mismatch.replies), new RegExp(describeError("LINE_NAME_MISMATCH").ja));
    // The reading of the name (katakana, width and spaces aside) matches as well as the kanji.
    const kana = newLineUserId();
    const row = resultRows<{ family: string; given: string }>(
      await t.db.execute(
        sql`SELECT family_name_kana AS family, given_name_kana AS given FROM patrons WHERE id = ${p.id}`,
      ),
    )[0]!;
    t.line.profiles.set(kana, `${row.family}${row.given}`);
    const byReading = await link(kana, p.token);
    assert.match(replyText(byReading.replies), /連携しました/);
    await t.request("/api/v1/takarazuka/me/links/line", { method: "DELETE", token: p.token });

    const late = newLineUserId();
    t.line.profiles.set(late, "宝塚 花子");
    const offer = replyText(await chat.say(late, "連携"));
    const linkToken = /linkToken=([A-Za-z0-9_-]+)/.exec(offer)![1]!;
    const started = await t.request("/api/v1/takarazuka/me/links/line", {
      method: "POST",
      token: p.token,
      json: { linkToken },
    });
    const nonce = new URL((await json(started)).redirectTo).searchParams.get("nonce")!;
    assert.match(replyText(await chat.accountLink(late, nonce, "failed")), /連携は完了しませんでした/);
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 60_000));
    assert.match(
      replyText(await chat.accountLink(late, nonce)),
      new RegExp(describeError("LINE_LINK_EXPIRED").ja),
    );
    assert.equal((await links(p.token)).line.linked, false);
  });

  test("a linked patron: the card as a barcode image, a reservation with the channel line, the portal, unlinking", async () => {
    const p = await reader();
    const userId = newLineUserId();
    t.line.profiles.set(userId, "宝塚 花子");
    await link(userId, p.token);

    const card = await chat.say(userId, "カード");
    assert.match(replyText([card[0]!]), new RegExp(`利用者番号 / Card number: ${p.cardNumber}`));
    const image = card[1] as { type: string; originalContentUrl: string };
    assert.equal(image.type, "image");
    const path = new URL(image.originalContentUrl).pathname;
    const png = await t.request(path);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get("content-type"), "image/png");
    assert.deepEqual([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47]);
    const forged = path.replace(
      p.cardNumber,
      p.cardNumber.replace(/.$/, (d) => String((Number(d) + 1) % 10)),
    );
    assert.equal((await t.request(forged)).status, 404, "another number under the same MAC");

    const book = await stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);
    const ask = await chat.press(userId, `a=reserve&r=${book.recordId}`);
    assert.match(replyText(ask), /受取場所を選んでください/);
    const choices = (ask[0] as { quickReply: { items: { action: { data: string } }[] } }).quickReply.items;
    assert.ok(choices.length >= 2, "Takarazuka's service points hand reservations out");
    const central = choices.find((c) => c.action.data.endsWith("p=central"))!;
    assert.match(replyText(await chat.press(userId, central.action.data)), /を予約しました（1番目/);
    const holds = await json(await t.request("/api/v1/takarazuka/me/holds", { token: p.token }));
    const hold = holds.holds.find((h: { recordId: number }) => h.recordId === book.recordId);
    assert.equal(hold.channel, "line");
    assert.equal(hold.contact, "email", "notices by e-mail, never LINE");
    // From an earlier result in the talk history: the same button again is refused with the rule's words.
    assert.match(
      replyText(await chat.press(userId, central.action.data)),
      new RegExp(describeError("ALREADY_RESERVED").ja),
    );
    assert.match(
      replyText(await chat.say(userId, "マイページ")),
      /"uri":"http:\/\/localhost:\d+\/takarazuka\/my"/,
    );

    assert.match(replyText(await chat.say(userId, "連携解除")), /"type":"confirm"/);
    assert.match(replyText(await chat.press(userId, "a=unlink&confirm=yes")), /LINE連携を解除しました/);
    assert.equal((await links(p.token)).line.linked, false);
    assert.match(replyText(await chat.say(userId, "カード")), /連携が必要です/);
    const audit = resultRows<{ details: { by: string; reason: string } }>(
      await t.db.execute(
        sql`SELECT details FROM audit_log WHERE action = 'credential.unlink.line' AND subject_id = ${p.id}`,
      ),
    );
    assert.deepEqual(
      { by: audit[0]?.details.by, reason: audit[0]?.details.reason },
      { by: "patron", reason: "patronRequest" },
    );
  });

  test("a new friend is greeted; stickers get the help; standby and group events are not answered", async () => {
    const userId = newLineUserId();
    assert.match(
      replyText(await chat.exchange({ ...chat.base(userId), type: "follow" })),
      /友だち追加ありがとうございます/,
    );
    const sticker = await chat.exchange({
      ...chat.base(userId),
      type: "message",
      message: { id: "2", type: "sticker", packageId: "1", stickerId: "1" },
    });
    assert.match(replyText(sticker), /次のように送ってください/);
    const standby = {
      ...chat.base(userId),
      mode: "standby",
      type: "message",
      message: { type: "text", text: "カード" },
    };
    assert.deepEqual(await chat.exchange(standby), []);
    const group = {
      ...chat.base(userId),
      source: { type: "group", groupId: "C0123", userId },
      type: "message",
      message: { type: "text", text: "カード" },
    };
    assert.deepEqual(await chat.exchange(group), []);
  });

  test("my links through the API: LINE, My Number and FeliCa status; unlinking what is not linked is refused", async () => {
    const p = await reader();
    const view = await links(p.token);
    assert.deepEqual(view.line, { linked: false, linkedAt: null, offered: true, webPasswordSet: true });
    assert.equal(view.felica.offered, true);
    assert.equal(view.myNumber.linked, false);
    const res = await t.request("/api/v1/takarazuka/me/links/line", { method: "DELETE", token: p.token });
    assert.equal(res.status, 404);
    assert.equal(await codeOf(res), "CREDENTIAL_NOT_LINKED");
  });
});
