import { randomBytes } from "node:crypto";
import { messagingApi, validateSignature } from "@line/bot-sdk";
import type { Logger } from "../logger.ts";

/**
 * The LINE official account of a library system (001 図書館公式LINE), as the LINE Messaging API gives it:
 * webhook requests signed with the channel secret, answers through the reply API, the user's profile (its
 * display name is compared with the registered name before a link), and link tokens for the account link
 * flow. LINE sends no notifications for the library (001: LINEから予約確保などの通知はできません), so there is
 * no push here.
 */
export type LineMessage = messagingApi.Message;

export type LineMessaging = {
  reply(replyToken: string, messages: LineMessage[]): Promise<void>;
  /** The display name of a user who has added the account as a friend; null when LINE does not know them. */
  getProfile(userId: string): Promise<{ displayName: string } | null>;
  /** A link token for the account link flow (valid for 10 minutes, single use). */
  issueLinkToken(userId: string): Promise<string>;
};

export type LineChannel = { channelSecret: string; messaging: LineMessaging };

/** Each library system's LINE channel, if it has one. */
export type LineChannels = { channel(systemSlug: string): LineChannel | null };

/** The webhook request came from LINE: its body signed (HMAC-SHA256, base64) with the channel secret. */
export function isSignedByLine(channel: LineChannel, body: string, signature: string | undefined): boolean {
  return Boolean(signature) && validateSignature(body, channel.channelSecret, signature as string);
}

/** Where the patron confirms the link at LINE once the library has checked who they are (account link). */
export function accountLinkUrl(linkToken: string, nonce: string): string {
  const query = new URLSearchParams({ linkToken, nonce });
  return `https://access.line.me/dialog/bot/accountLink?${query}`;
}

/** The real channels, from `SHIORI_LINE_CHANNELS` (slug → channel secret and channel access token). */
export function lineChannelsFromConfig(
  config: Record<string, { channelSecret: string; channelAccessToken: string }>,
): LineChannels {
  const channels = new Map<string, LineChannel>();
  for (const [slug, { channelSecret, channelAccessToken }] of Object.entries(config)) {
    const client = new messagingApi.MessagingApiClient({ channelAccessToken });
    channels.set(slug, {
      channelSecret,
      messaging: {
        async reply(replyToken, messages) {
          await client.replyMessage({ replyToken, messages });
        },
        async getProfile(userId) {
          try {
            return { displayName: (await client.getProfile(userId)).displayName };
          } catch {
            return null;
          }
        },
        async issueLinkToken(userId) {
          return (await client.issueLinkToken(userId)).linkToken;
        },
      },
    });
  }
  return { channel: (slug) => channels.get(slug) ?? null };
}

/** The demo's and the tests' channel secret for every library system (docs/integrations.md). */
export const standInLineChannelSecret = "shiori-stand-in-line-channel-secret";

export type StandInLineChannels = LineChannels & {
  /** Every reply, newest last, so that tests read what the patron saw in the chat. */
  readonly replies: { systemSlug: string; replyToken: string; messages: LineMessage[] }[];
  /** The LINE users the stand-in knows, by user ID: their display names. */
  readonly profiles: Map<string, string>;
};

/**
 * The stand-in for LINE's servers, one channel per library system with the stand-in secret: replies are kept
 * (and logged) instead of sent, profiles are whatever the test or demo registered, link tokens are random.
 */
export function standInLineChannels(logger?: Logger): StandInLineChannels {
  const replies: StandInLineChannels["replies"] = [];
  const profiles = new Map<string, string>();
  const channel = (systemSlug: string): LineChannel => ({
    channelSecret: standInLineChannelSecret,
    messaging: {
      async reply(replyToken, messages) {
        replies.push({ systemSlug, replyToken, messages });
        logger?.info({ systemSlug, messages: messages.length }, "LINE reply (stand-in)");
      },
      async getProfile(userId) {
        const displayName = profiles.get(userId);
        return displayName === undefined ? null : { displayName };
      },
      async issueLinkToken() {
        return randomBytes(24).toString("base64url");
      },
    },
  });
  return { replies, profiles, channel };
}
