import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cardImageToken, cardNumberOfToken } from "../../../src/services/line-chat/card-image-link.ts";

describe("the LINE card image's signed address", () => {
  const key = Buffer.alloc(32, 7);
  const now = new Date("2026-06-01T10:00:00+09:00");
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  test("shows its card number for an hour, in its own library system only", () => {
    const token = cardImageToken(key, "takarazuka", "1234567890", now);
    assert.equal(cardNumberOfToken(key, "takarazuka", token, later(59)), "1234567890");
    assert.equal(cardNumberOfToken(key, "takarazuka", token, later(61)), null, "expired");
    assert.equal(cardNumberOfToken(key, "kashiwa", token, now), null, "another system");
    assert.equal(cardNumberOfToken(Buffer.alloc(32, 8), "takarazuka", token, now), null, "another key");
  });

  test("an altered number, expiry or MAC is refused", () => {
    const [number, expires, mac] = cardImageToken(key, "takarazuka", "1234567890", now).split(".") as [
      string,
      string,
      string,
    ];
    for (const forged of [
      `1234567891.${expires}.${mac}`,
      `${number}.${Number(expires) + 3600}.${mac}`,
      `${number}.${expires}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      `${number}.${expires}`,
      `${number}.${expires}.${mac}.x`,
    ]) {
      assert.equal(cardNumberOfToken(key, "takarazuka", forged, now), null, forged);
    }
  });
});
