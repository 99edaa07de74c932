import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  arrivalMatcher,
  arrivalWeek,
  checkAlert,
  isArrivalMailDay,
  matchesFor,
} from "../../../src/domain/my-page/arrival-alerts.ts";

const keywordMail = { offered: true, weekday: 1, by: ["keyword" as const] };
const authorMail = { offered: true, weekday: 1, by: ["author" as const, "genre" as const] };

describe("new-arrival mail", () => {
  test("arrivalWeek covers the seven days before the run day", () => {
    assert.deepEqual(arrivalWeek("2026-11-23"), { from: "2026-11-16", to: "2026-11-22" });
    assert.deepEqual(arrivalWeek("2027-01-04"), { from: "2026-12-28", to: "2027-01-03" });
  });

  test("isArrivalMailDay: the policy's weekday, holidays included (001: 毎週月曜日)", () => {
    assert.equal(isArrivalMailDay(keywordMail, "2026-11-23"), true, "勤労感謝の日 is a Monday");
    assert.equal(isArrivalMailDay(keywordMail, "2026-11-24"), false);
    assert.equal(isArrivalMailDay({ ...keywordMail, offered: false }, "2026-11-23"), false);
  });

  test("checkAlert keeps what the policy offers, trimmed, within the limits", () => {
    const ok = checkAlert(keywordMail, { kind: "keyword", value: "  宝塚　歌劇 " }, 0);
    assert.deepEqual(ok, { ok: true, alert: { kind: "keyword", value: "宝塚 歌劇" } });
    const wrongKind = checkAlert(keywordMail, { kind: "author", value: "村上" }, 0);
    assert.equal(!wrongKind.ok && wrongKind.refusal.code, "ARRIVAL_ALERT_KIND_NOT_OFFERED");
    const badGenre = checkAlert(authorMail, { kind: "genre", value: "9134" }, 0);
    assert.equal(!badGenre.ok && badGenre.refusal.code, "ARRIVAL_ALERT_INVALID");
    const tooLong = checkAlert(keywordMail, { kind: "keyword", value: "あ".repeat(51) }, 0);
    assert.equal(!tooLong.ok && tooLong.refusal.code, "ARRIVAL_ALERT_INVALID");
    const symbols = checkAlert(keywordMail, { kind: "keyword", value: "!!!" }, 0);
    assert.equal(!symbols.ok && symbols.refusal.code, "ARRIVAL_ALERT_INVALID");
    const full = checkAlert(keywordMail, { kind: "keyword", value: "ねこ" }, 10);
    assert.equal(!full.ok && full.refusal.code, "ARRIVAL_ALERT_LIMIT_REACHED");
    const off = checkAlert({ ...keywordMail, offered: false }, { kind: "keyword", value: "ねこ" }, 0);
    assert.equal(!off.ok && off.refusal.code, "ARRIVAL_MAIL_NOT_OFFERED");
  });

  test("arrivalMatcher: keywords fold kana and width, authors any spacing, genres by NDC prefix", () => {
    const match = arrivalMatcher([
      {
        recordId: 1,
        title: "ネコと暮らす",
        titleReading: null,
        authors: [],
        responsibility: null,
        ndc: "645.7",
      },
      {
        recordId: 2,
        title: "街とその不確かな壁",
        titleReading: "マチ ト ソノ フタシカナ カベ",
        authors: [{ name: "村上, 春樹", reading: "ムラカミ, ハルキ" }],
        responsibility: "村上春樹 著",
        ndc: "913.6",
      },
      {
        recordId: 3,
        title: "ＰＹＴＨＯＮ入門",
        titleReading: null,
        authors: [],
        responsibility: null,
        ndc: "007.64",
      },
    ]);
    assert.deepEqual(match({ kind: "keyword", value: "ねこ" }), [1]);
    assert.deepEqual(match({ kind: "keyword", value: "python" }), [3]);
    assert.deepEqual(match({ kind: "author", value: "村上 春樹" }), [2]);
    assert.deepEqual(match({ kind: "author", value: "ムラカミ" }), [2], "by the reading too");
    assert.deepEqual(match({ kind: "author", value: "ネコ" }), [], "authors only, not titles");
    assert.deepEqual(match({ kind: "genre", value: "91" }), [2]);
    assert.deepEqual(match({ kind: "genre", value: "0" }), [3]);
    assert.deepEqual(
      [
        ...matchesFor(
          [
            { kind: "keyword", value: "ねこ" },
            { kind: "keyword", value: "暮らす" },
          ],
          match,
        ),
      ],
      [1],
      "a record found twice is listed once",
    );
  });
});
