import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type ChatCommand,
  chatQueryMaxLength,
  commandOfPostback,
  commandOfText,
  postbackOf,
} from "../../../src/domain/line-chat/chat-commands.ts";

describe("LINE chat commands", () => {
  test("known words in Japanese or English, full-width and spacing aside", () => {
    assert.deepEqual(commandOfText("カード"), { kind: "card" });
    assert.deepEqual(commandOfText(" ＣＡＲＤ "), { kind: "card" }, "NFKC and case");
    assert.deepEqual(commandOfText("マイページ"), { kind: "portal" });
    assert.deepEqual(commandOfText("My  Page"), { kind: "portal" });
    assert.deepEqual(commandOfText("連携"), { kind: "link" });
    assert.deepEqual(commandOfText("連携解除"), { kind: "unlink", confirmed: false });
    assert.deepEqual(commandOfText("？"), { kind: "help" });
    assert.deepEqual(commandOfText("   "), { kind: "help" });
  });

  test("anything else is a search; a leading 検索 is dropped and long text is cut", () => {
    assert.deepEqual(commandOfText("夏目漱石 こころ"), {
      kind: "search",
      query: "夏目漱石 こころ",
      offset: 0,
    });
    assert.deepEqual(commandOfText("検索　村上春樹"), { kind: "search", query: "村上春樹", offset: 0 });
    const long = commandOfText("あ".repeat(500));
    assert.equal(long.kind === "search" && long.query.length, chatQueryMaxLength);
  });

  test("every button's postback data reads back as its command; anything else is the help", () => {
    const commands: ChatCommand[] = [
      { kind: "card" },
      { kind: "portal" },
      { kind: "link" },
      { kind: "unlink", confirmed: false },
      { kind: "unlink", confirmed: true },
      { kind: "search", query: "猫 & 犬=友", offset: 10 },
      { kind: "reserve", recordId: 42, pickupPoint: null },
      { kind: "reserve", recordId: 42, pickupPoint: "west" },
    ];
    for (const command of commands) {
      const data = postbackOf(command);
      assert.ok(data.length <= 300, "LINE's limit");
      assert.deepEqual(commandOfPostback(data), command);
    }
    for (const junk of [
      "",
      "a=reserve&r=abc",
      "a=reserve&r=-1",
      "a=more&q=&o=5",
      "a=more&q=x&o=-5",
      "a=drop",
    ]) {
      assert.deepEqual(commandOfPostback(junk), { kind: "help" }, junk);
    }
  });
});
