import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { LineMessage } from "../../src/integrations/line-messaging.ts";
import { standInLineChannelSecret } from "../../src/integrations/line-messaging.ts";
import type { TestApp } from "./test-app.ts";

/** A LINE user ID as the Messaging API writes them: U and 32 hexadecimal digits. */
export const newLineUserId = () => `U${randomBytes(16).toString("hex")}`;

/**
 * The library's LINE chat driven as LINE's servers drive it: webhook requests in the Messaging API's shape,
 * signed with the channel secret, and the replies the stand-in kept for each event's reply token.
 */
export function lineChat(t: TestApp, system = "takarazuka") {
  const base = (userId: string) => ({
    mode: "active",
    timestamp: t.clock.now().getTime(),
    source: { type: "user", userId },
    webhookEventId: randomUUID().replaceAll("-", "").toUpperCase(),
    deliveryContext: { isRedelivery: false },
    replyToken: randomBytes(16).toString("hex"),
  });
  const send = (events: unknown[], secret = standInLineChannelSecret) => {
    const body = JSON.stringify({ destination: "U0123456789abcdef0123456789abcdef", events });
    const signature = createHmac("sha256", secret).update(body).digest("base64");
    return t.request(`/api/v1/${system}/line/webhook`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json; charset=utf-8", "x-line-signature": signature },
    });
  };
  /** Sends one event and answers the messages replied to it (none: an empty list). */
  const exchange = async (event: { replyToken: string; [key: string]: unknown }): Promise<LineMessage[]> => {
    const res = await send([event]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return t.line.replies.find((r) => r.replyToken === event.replyToken)?.messages ?? [];
  };
  return {
    send,
    base,
    say: (userId: string, text: string) =>
      exchange({
        ...base(userId),
        type: "message",
        message: { id: "1", type: "text", quoteToken: "q", text },
      }),
    press: (userId: string, data: string) =>
      exchange({ ...base(userId), type: "postback", postback: { data } }),
    accountLink: (userId: string, nonce: string, result = "ok") =>
      exchange({ ...base(userId), type: "accountLink", link: { result, nonce } }),
    exchange,
  };
}

/** Every text a reply shows: text messages, templates and flex contents, for matching. */
export function replyText(messages: LineMessage[]): string {
  return JSON.stringify(messages);
}
