import { randomInt } from "node:crypto";
import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findCardByNumber } from "../../db/queries/patron-cards.ts";
import { revokeAllPatronSessions } from "../../db/queries/patron-sessions.ts";
import {
  insertPatronWebToken,
  lockLiveWebToken,
  markWebTokenUsed,
  recordWrongCode,
} from "../../db/queries/patron-web-tokens.ts";
import { findPatron, lockPatron, updatePatron } from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import {
  maskEmail,
  maxCodeFailures,
  refuseWebPasswordSetup,
  webTokenMinutes,
} from "../../domain/my-page/web-account.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { refuseWhenPasswordTooWeak } from "../patron-auth/set-web-password.ts";
import { normaliseCredential } from "../patrons/credential-value.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { isLockedOut, recordSignInAttempt } from "../sign-in-throttle.ts";
import { hashPassword, verifyPassword } from "../staff/passwords.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { passwordChangedNoticeMail, passwordResetMail, setupCodeMail } from "./account-mail.ts";

/** Where the mails of the web account come from and point to. */
export type AccountMailContext = {
  db: Db;
  librarySystemId: number;
  library: { slug: string; ja: string; en: string };
  publicUrl: string;
  now: Date;
};

const minutesFromNow = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

/**
 * Step one of a first web password (003: 利用者番号と生年月日で初回登録): the card number and the birth date
 * must match an active card of a patron without a password. Where the patron registered an e-mail address a
 * six-digit code goes to it, and step two needs it as well. Throttled per card number as sign-in is, so
 * birth dates cannot be tried one after another.
 */
export async function startWebPasswordSetup(
  ctx: AccountMailContext & { cardNumber: string; birthDate: IsoDate },
): Promise<{ setupToken: string; codeSent: boolean; emailHint: string | null }> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const number = cardNumberOf(policy, ctx.cardNumber);
  const attemptKey = `setup:${number}`;
  const outcome = await withTenant(db, librarySystemId, async (tx) => {
    if (await isLockedOut(tx, attemptKey, now)) return { refused: new AppError("LOGIN_THROTTLED") };
    const card = await findCardByNumber(tx, number);
    const patron = card ? await findPatron(tx, card.patronId) : undefined;
    const refusal = refuseWebPasswordSetup(policy.registration, {
      card,
      patron: patron && {
        status: patron.status,
        birthDate: patron.birthDate,
        hasWebPassword: patron.webPasswordHash !== null,
      },
      birthDate: ctx.birthDate,
    });
    if (refusal) {
      await recordSignInAttempt(tx, attemptKey, refusal.code !== "SETUP_DETAILS_DO_NOT_MATCH", now);
      return { refused: new AppError(refusal.code, "details" in refusal ? refusal.details : {}) };
    }
    await recordSignInAttempt(tx, attemptKey, true, now);
    const setupToken = newSessionToken();
    const code = patron!.email ? String(randomInt(0, 1_000_000)).padStart(6, "0") : null;
    await insertPatronWebToken(tx, {
      patronId: patron!.id,
      purpose: "passwordSetup",
      tokenHash: hashSessionToken(setupToken),
      codeHash: code && hashSessionToken(`${setupToken}:${code}`),
      newEmail: null,
      now,
      expiresAt: minutesFromNow(now, webTokenMinutes.passwordSetup),
    });
    if (code && patron!.email) {
      const mail = setupCodeMail(ctx.library, nameOf(patron!), code, webTokenMinutes.passwordSetup);
      await queueMail(tx, { to: patron!.email, ...mail }, now);
    }
    return {
      setupToken,
      codeSent: code !== null,
      emailHint: patron!.email ? maskEmail(patron!.email) : null,
    };
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome;
}

/** Step two: the code (where one was mailed) and the new password; the key is spent on success. */
export async function completeWebPasswordSetup(
  ctx: AccountMailContext & { setupToken: string; code?: string; password: string },
): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  refuseWhenPasswordTooWeak(policy.webServices.password, ctx.password);
  const webPasswordHash = await hashPassword(ctx.password);
  const refused = await withTenant(db, librarySystemId, async (tx) => {
    const token = await lockLiveWebToken(tx, hashSessionToken(ctx.setupToken), "passwordSetup", now);
    if (!token) return new AppError("WEB_TOKEN_INVALID");
    if (
      token.codeHash &&
      hashSessionToken(`${ctx.setupToken}:${(ctx.code ?? "").trim()}`) !== token.codeHash
    ) {
      await recordWrongCode(tx, token.id, maxCodeFailures, now);
      return new AppError("SETUP_CODE_WRONG", { attemptsLeft: maxCodeFailures - token.codeFailures - 1 });
    }
    await setPassword(tx, ctx, token.patronId, webPasswordHash, { notifyOldAddress: false });
    await markWebTokenUsed(tx, token.id, now);
    return null;
  });
  if (refused) throw refused;
}

/**
 * A forgotten password (003: パスワードを忘れた方): a one-time link to the registered address. The answer is
 * the same whether or not the card exists or has an address, so the form tells nobody anything; a patron
 * without an address is told on the page to ask at the counter.
 */
export async function requestPasswordReset(ctx: AccountMailContext & { cardNumber: string }): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const number = cardNumberOf(policy, ctx.cardNumber);
  const attemptKey = `reset:${number}`;
  await withTenant(db, librarySystemId, async (tx) => {
    // Counted as failures, so one card's holder is not flooded with mail: five in 15 minutes, then quiet.
    if (await isLockedOut(tx, attemptKey, now)) return;
    await recordSignInAttempt(tx, attemptKey, false, now);
    const card = await findCardByNumber(tx, number);
    const patron = card?.status === "active" ? await findPatron(tx, card.patronId) : undefined;
    if (!patron?.email || (patron.status !== "active" && patron.status !== "expired")) return;
    const token = newSessionToken();
    await insertPatronWebToken(tx, {
      patronId: patron.id,
      purpose: "passwordReset",
      tokenHash: hashSessionToken(token),
      codeHash: null,
      newEmail: null,
      now,
      expiresAt: minutesFromNow(now, webTokenMinutes.passwordReset),
    });
    const link = `${ctx.publicUrl}/${ctx.library.slug}/password/reset?token=${token}`;
    const mail = passwordResetMail(ctx.library, nameOf(patron), link, webTokenMinutes.passwordReset);
    await queueMail(tx, { to: patron.email, ...mail }, now);
  });
}

/** The link of the reset mail, followed: a new password, every session ended. */
export async function completePasswordReset(
  ctx: AccountMailContext & { token: string; password: string },
): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  refuseWhenPasswordTooWeak(policy.webServices.password, ctx.password);
  const webPasswordHash = await hashPassword(ctx.password);
  await withTenant(db, librarySystemId, async (tx) => {
    const token = await lockLiveWebToken(tx, hashSessionToken(ctx.token), "passwordReset", now);
    if (!token) throw new AppError("WEB_TOKEN_INVALID");
    await setPassword(tx, ctx, token.patronId, webPasswordHash, { notifyOldAddress: true });
    await markWebTokenUsed(tx, token.id, now);
  });
}

/** Whether a reset link still works, so its page can say so before the patron types a password. */
export async function isPasswordResetLinkLive(ctx: AccountMailContext & { token: string }): Promise<boolean> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) =>
    Boolean(await lockLiveWebToken(tx, hashSessionToken(ctx.token), "passwordReset", ctx.now)),
  );
}

/**
 * The signed-in patron changes their password, proving it with the current one (wrong answers throttled as
 * sign-in is). The patron's other sessions end; the one in use stays signed in.
 */
export async function changeWebPassword(
  ctx: AccountMailContext & {
    patronId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
  },
): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  refuseWhenPasswordTooWeak(policy.webServices.password, ctx.newPassword);
  const attemptKey = `change:${ctx.patronId}`;
  const webPasswordHash = await hashPassword(ctx.newPassword);
  const refused = await withTenant(db, librarySystemId, async (tx) => {
    if (await isLockedOut(tx, attemptKey, now)) return new AppError("LOGIN_THROTTLED");
    const patron = await lockPatron(tx, ctx.patronId);
    if (!patron) return new AppError("PATRON_NOT_FOUND", {});
    const ok = patron.webPasswordHash && (await verifyPassword(patron.webPasswordHash, ctx.currentPassword));
    await recordSignInAttempt(tx, attemptKey, Boolean(ok), now);
    if (!ok) return new AppError("CURRENT_PASSWORD_WRONG");
    await setPassword(tx, ctx, patron.id, webPasswordHash, {
      notifyOldAddress: true,
      keepSession: ctx.sessionId,
    });
    return null;
  });
  if (refused) throw refused;
}

/**
 * At the counter (003: 窓口で再設定): staff clear the web password after checking the card and an identity
 * document; the patron then sets a new one with the card number and birth date. Every session ends. Audited.
 */
export async function clearWebPassword(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  patronId: string;
  now: Date;
}): Promise<void> {
  const { db, librarySystemId, actor, patronId, now } = input;
  await withTenant(db, librarySystemId, async (tx) => {
    if (!(await lockPatron(tx, patronId))) throw new AppError("PATRON_NOT_FOUND", { id: patronId });
    await updatePatron(tx, patronId, { webPasswordHash: null, updatedAt: now });
    await revokeAllPatronSessions(tx, patronId, now);
    await insertAuditEntry(tx, {
      actorStaffId: actor.staffId,
      action: "patron.clearWebPassword",
      subjectType: "patron",
      subjectId: patronId,
      details: actorDetails(actor),
      at: now,
    });
  });
}

async function setPassword(
  tx: TenantTx,
  ctx: AccountMailContext,
  patronId: string,
  webPasswordHash: string,
  options: { notifyOldAddress: boolean; keepSession?: string },
): Promise<void> {
  const patron = await lockPatron(tx, patronId);
  if (!patron) throw new AppError("WEB_TOKEN_INVALID");
  await updatePatron(tx, patronId, { webPasswordHash, updatedAt: ctx.now });
  await revokeAllPatronSessions(tx, patronId, ctx.now, options.keepSession);
  if (options.notifyOldAddress && patron.email) {
    await queueMail(
      tx,
      { to: patron.email, ...passwordChangedNoticeMail(ctx.library, nameOf(patron)) },
      ctx.now,
    );
  }
}

function cardNumberOf(policy: Parameters<typeof normaliseCredential>[0], typed: string): string {
  try {
    return normaliseCredential(policy, { kind: "card", value: typed }).value;
  } catch {
    return typed.trim().slice(0, 32);
  }
}

const nameOf = (patron: { familyName: string; givenName: string }) =>
  `${patron.familyName} ${patron.givenName}`;
