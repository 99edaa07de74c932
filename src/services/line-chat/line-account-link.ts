import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listCredentials } from "../../db/queries/patron-credentials.ts";
import {
  insertPatronWebToken,
  lockLiveWebToken,
  markWebTokenUsed,
} from "../../db/queries/patron-web-tokens.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { webTokenMinutes } from "../../domain/my-page/web-account.ts";
import type { LineMessaging } from "../../integrations/line-messaging.ts";
import { linkCredential } from "../patrons/link-credential.ts";
import { refuseBeforeLineProfile, refuseLineLink } from "../patrons/link-line.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";

/**
 * The patron links their LINE account themselves, by LINE's account link flow: the chat hands them a link
 * token and a button to the library's page; signed in there with their web password (so the password is set,
 * as 001 requires), they confirm; Shiori keeps a one-time nonce for them and sends them to LINE, which hands
 * the nonce back with their user ID in an accountLink event. Only then is the name compared and the account
 * linked, so a link token forwarded to someone else links nobody's card to the wrong chat.
 */
export async function startLineAccountLink(ctx: {
  db: Db;
  librarySystemId: number;
  patronId: string;
  now: Date;
}): Promise<{ nonce: string }> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const patron = await findPatron(tx, ctx.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    refuseBeforeLineProfile(policy, patron);
    const linked = (await listCredentials(tx, patron.id)).some((c) => c.kind === "line" && !c.unlinkedAt);
    if (linked) throw new AppError("LINE_ALREADY_LINKED", { patron: "linked" });
    const nonce = newSessionToken();
    await insertPatronWebToken(tx, {
      patronId: patron.id,
      purpose: "lineLink",
      tokenHash: hashSessionToken(nonce),
      codeHash: null,
      newEmail: null,
      now: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + webTokenMinutes.lineLink * 60_000),
    });
    return { nonce };
  });
}

/**
 * LINE's accountLink event: the nonce names the patron who confirmed on the library's page; the LINE profile
 * name must match theirs. The nonce is spent whatever the outcome. Answers the linked patron's name.
 */
export async function completeLineAccountLink(ctx: {
  db: Db;
  librarySystemId: number;
  messaging: LineMessaging;
  userId: string;
  nonce: string;
  now: Date;
}): Promise<{ patronName: string }> {
  const patronId = await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const token = await lockLiveWebToken(tx, hashSessionToken(ctx.nonce), "lineLink", ctx.now);
    if (!token) return null;
    await markWebTokenUsed(tx, token.id, ctx.now);
    return token.patronId;
  });
  if (!patronId) throw new AppError("LINE_LINK_EXPIRED");
  const profile = await ctx.messaging.getProfile(ctx.userId);
  if (!profile) throw new AppError("LINE_TOKEN_INVALID");
  const view = await linkCredential(
    {
      db: ctx.db,
      librarySystemId: ctx.librarySystemId,
      actor: { staffId: null, address: null },
      patronId,
      now: ctx.now,
    },
    "line",
    async ({ tx, policy, patron, current }) => {
      refuseBeforeLineProfile(policy, patron);
      await refuseLineLink(tx, patron, current, { userId: ctx.userId, displayName: profile.displayName });
      return { value: ctx.userId, details: {}, audit: { by: "patron", via: "lineAccountLink" } };
    },
  );
  return { patronName: `${view.familyName} ${view.givenName}` };
}
