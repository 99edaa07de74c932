import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { japanDate } from "../../clock.ts";
import { AppError } from "../../domain/errors.ts";
import { type ChatCommand, commandOfPostback, commandOfText } from "../../domain/line-chat/chat-commands.ts";
import { isSignedByLine, type LineChannel, type LineMessage } from "../../integrations/line-messaging.ts";
import { answerLineChat, type ChatContext } from "../../services/line-chat/answer-line-chat.ts";
import { cardImageToken } from "../../services/line-chat/card-image-link.ts";
import { completeLineAccountLink } from "../../services/line-chat/line-account-link.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import type { AppEnv } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { type ChatSite, chatReplies, helpMessages } from "../line/chat-replies.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { apiRouter, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

/** The part of a Messaging API webhook event that the chat reads; the rest is ignored. */
const eventSchema = z.object({
  type: z.string(),
  mode: z.string().optional(),
  replyToken: z.string().optional(),
  source: z.object({ type: z.string(), userId: z.string().optional() }).optional(),
  message: z.object({ type: z.string(), text: z.string().optional() }).optional(),
  postback: z.object({ data: z.string() }).optional(),
  link: z.object({ result: z.string(), nonce: z.string().optional() }).optional(),
});
const webhookBodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(eventSchema).max(100),
});
type LineEvent = z.infer<typeof eventSchema>;

/**
 * The library's LINE official account (001 LINE連携) calls this with the Messaging API's webhook: the body
 * signed with the channel secret in `x-line-signature`. Each event is answered through the reply API: text
 * and buttons become chat commands, `follow` is greeted, `accountLink` completes a link the patron confirmed
 * on the library's page. Answers 200 once the events are handled, as LINE expects.
 */
export const lineWebhookApi = apiRouter().openapi(
  createRoute({
    method: "post",
    path: "/{system}/line/webhook",
    tags: ["line"],
    summary: "LINE Messaging API webhook (signed with the channel secret in x-line-signature)",
    description:
      "Body: the Messaging API webhook request `{ destination, events: [...] }`. Handles `message` (text), " +
      "`postback`, `follow` and `accountLink` events from users; answers through the reply API.",
    middleware: [librarySystem] as const,
    request: {
      params: systemParam,
      headers: z.object({ "x-line-signature": z.string().optional() }),
    },
    responses: {
      200: { description: "Events handled", content: jsonContent(z.object({})) },
      ...errorResponses(401, 409, 422),
    },
  }),
  async (c) => {
    const system = c.get("system");
    const deps = c.get("deps");
    const now = deps.clock.now();
    const { policy } = await getPolicyInForce(deps.database.db, system.id, japanDate(now));
    const channel = deps.integrations.line.channel(system.slug);
    if (!policy.registration.lineLink || !channel) throw new AppError("LINE_NOT_OFFERED");
    const body = await c.req.text();
    if (!isSignedByLine(channel, body, c.req.header("x-line-signature"))) {
      throw new AppError("LINE_SIGNATURE_INVALID");
    }
    let parsed: z.infer<typeof webhookBodySchema>;
    try {
      parsed = webhookBodySchema.parse(JSON.parse(body));
    } catch {
      throw new AppError("VALIDATION_FAILED", { body: "not a Messaging API webhook request" });
    }
    for (const event of parsed.events) {
      try {
        await handleEvent(c, channel, event, now);
      } catch (error) {
        deps.logger.error({ err: error, type: event.type }, "LINE event not handled");
      }
    }
    return c.json({}, 200);
  },
);

async function handleEvent(
  c: Context<AppEnv>,
  channel: LineChannel,
  event: LineEvent,
  now: Date,
): Promise<void> {
  const userId = event.source?.type === "user" ? event.source.userId : undefined;
  // Standby events belong to another channel's module; events from groups are not for the library.
  if (!userId || !event.replyToken || event.mode === "standby") return;
  const deps = c.get("deps");
  const system = c.get("system");
  const site: ChatSite = {
    publicUrl: deps.config.publicUrl,
    slug: system.slug,
    libraryName: { ja: system.nameJa, en: system.nameEn },
  };
  const ctx: ChatContext = {
    db: deps.database.db,
    librarySystemId: system.id,
    messaging: channel.messaging,
    userId,
    now,
  };
  let messages: LineMessage[];
  if (event.type === "accountLink") {
    messages = await accountLinkReplies(ctx, event);
  } else if (event.type === "follow") {
    const answer = await answerLineChat(ctx, { kind: "help" });
    messages = helpMessages(site, answer.kind === "help" && answer.linked, true);
  } else {
    const command = commandOf(event);
    if (!command) return;
    const answer = await answerLineChat(ctx, command);
    const token = (cardNumber: string) => cardImageToken(deps.config.secretKey, system.slug, cardNumber, now);
    messages = chatReplies(answer, site, (n) => `${site.publicUrl}/${system.slug}/line/card/${token(n)}.png`);
  }
  await channel.messaging.reply(event.replyToken, messages.slice(0, 5));
}

function commandOf(event: LineEvent): ChatCommand | null {
  if (event.type === "postback" && event.postback) return commandOfPostback(event.postback.data);
  if (event.type !== "message" || !event.message) return null;
  // Stickers, photos and the like are answered with the help.
  return event.message.type === "text" ? commandOfText(event.message.text ?? "") : { kind: "help" };
}

async function accountLinkReplies(ctx: ChatContext, event: LineEvent): Promise<LineMessage[]> {
  const say = (ja: string, en: string): LineMessage[] => [{ type: "text", text: `${ja}\n${en}` }];
  if (event.link?.result !== "ok" || !event.link.nonce) {
    return say(
      "連携は完了しませんでした。もう一度「連携」と送ってください。",
      "The link was not made. Send “link” to try again.",
    );
  }
  try {
    const { patronName } = await completeLineAccountLink({ ...ctx, nonce: event.link.nonce });
    return say(
      `${patronName} 様の利用券とLINEを連携しました。「カード」と送ると利用券を表示します。`,
      "Your library card is now linked to LINE. Send “card” to show it.",
    );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = describeError(error.code);
    return say(`連携できませんでした: ${reason.ja}`, `The link was not made: ${reason.en}`);
  }
}
