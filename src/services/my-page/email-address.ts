import {
  insertPatronWebToken,
  lockLiveWebToken,
  markWebTokenUsed,
} from "../../db/queries/patron-web-tokens.ts";
import { findPatron, lockPatron, updatePatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { isPlausibleEmail, webTokenMinutes } from "../../domain/my-page/web-account.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";
import { emailChangedNoticeMail, emailVerificationMail } from "./account-mail.ts";
import type { AccountMailContext } from "./web-password.ts";

/**
 * The patron registers or changes their e-mail address on the web: a link goes to the new address and the
 * address is registered only when it is followed, so notices never go to a mistyped or someone else's
 * address. Until then the registered address (if any) keeps receiving notices.
 */
export async function requestEmailChange(
  ctx: AccountMailContext & { patronId: string; email: string },
): Promise<{ pendingEmail: string; expiresAt: Date }> {
  const email = ctx.email.trim();
  if (!isPlausibleEmail(email)) throw new AppError("EMAIL_INVALID", { maxLength: 128 });
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const patron = await findPatron(tx, ctx.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    if (patron.email?.toLowerCase() === email.toLowerCase()) throw new AppError("EMAIL_UNCHANGED");
    const token = newSessionToken();
    const expiresAt = new Date(ctx.now.getTime() + webTokenMinutes.emailChange * 60_000);
    await insertPatronWebToken(tx, {
      patronId: patron.id,
      purpose: "emailChange",
      tokenHash: hashSessionToken(token),
      codeHash: null,
      newEmail: email,
      now: ctx.now,
      expiresAt,
    });
    const link = `${ctx.publicUrl}/${ctx.library.slug}/email/verify?token=${token}`;
    const name = `${patron.familyName} ${patron.givenName}`;
    const mail = emailVerificationMail(ctx.library, name, link, webTokenMinutes.emailChange / 60);
    await queueMail(tx, { to: email, ...mail }, ctx.now);
    return { pendingEmail: email, expiresAt };
  });
}

/** The link of the verification mail, followed: the new address is registered; the old one is told. */
export async function confirmEmailChange(
  ctx: AccountMailContext & { token: string },
): Promise<{ email: string }> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const token = await lockLiveWebToken(tx, hashSessionToken(ctx.token), "emailChange", ctx.now);
    if (!token?.newEmail) throw new AppError("WEB_TOKEN_INVALID");
    const patron = await lockPatron(tx, token.patronId);
    if (!patron) throw new AppError("WEB_TOKEN_INVALID");
    await updatePatron(tx, patron.id, { email: token.newEmail, updatedAt: ctx.now });
    await markWebTokenUsed(tx, token.id, ctx.now);
    if (patron.email && patron.email !== token.newEmail) {
      const name = `${patron.familyName} ${patron.givenName}`;
      await queueMail(tx, { to: patron.email, ...emailChangedNoticeMail(ctx.library, name) }, ctx.now);
    }
    return { email: token.newEmail };
  });
}
