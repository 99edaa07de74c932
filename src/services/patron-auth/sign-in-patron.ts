import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findCardByNumber, type PatronCardRow } from "../../db/queries/patron-cards.ts";
import { insertPatronSession } from "../../db/queries/patron-sessions.ts";
import { findPatron, type PatronRow } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { mustRenewBeforeWebUse } from "../../domain/patrons/card-lifecycle.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { normaliseCredential } from "../patrons/credential-value.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { isLockedOut, recordSignInAttempt, sessionExpiry, signInRefusal } from "../sign-in-throttle.ts";
import { decoyPasswordHash, verifyPassword } from "../staff/passwords.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";

export type SignInPatronInput = {
  db: Db;
  librarySystemId: number;
  cardNumber: string;
  password: string;
  kind: "bearer" | "cookie";
  now: Date;
};

/**
 * A patron signs in to the web services with their card number and web password. Every refusal (no such
 * card, a lost or replaced card, a blocked or deleted patron, no web password, a wrong password) answers
 * INVALID_CREDENTIALS after one password check, so neither the answer nor its timing tells them apart.
 * Throttled as staff are: five failures for one card number within 15 minutes lock it for the window.
 */
export async function signInPatron(input: SignInPatronInput): Promise<{ token: string; expiresAt: Date }> {
  const { db, librarySystemId, password, kind, now } = input;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const card = cardNumberOf(policy, input.cardNumber);
  // Staff user names cannot hold a colon, so card numbers never share a throttle with a staff account.
  const attemptKey = `card:${card.number}`;
  const outcome = await withTenant(db, librarySystemId, async (tx) => {
    if (await isLockedOut(tx, attemptKey, now)) {
      return { ok: false as const, refused: "LOGIN_THROTTLED" as const };
    }
    const cardRow = card.wellFormed ? await findCardByNumber(tx, card.number) : undefined;
    const patron = cardRow ? await findPatron(tx, cardRow.patronId) : undefined;
    const passwordHash = webPasswordHashOf(cardRow, patron);
    const passwordOk = await verifyPassword(passwordHash ?? (await decoyPasswordHash()), password);
    if (!patron || !passwordHash || !passwordOk) {
      await recordSignInAttempt(tx, attemptKey, false, now);
      return { ok: false as const, refused: "INVALID_CREDENTIALS" as const };
    }
    await recordSignInAttempt(tx, attemptKey, true, now);
    // Only the card's holder learns this: 003's 07 cards are renewed at the counter before any web use.
    if (mustRenewBeforeWebUse(policy.registration, card.number)) {
      return { ok: false as const, refused: "CARD_MUST_BE_RENEWED" as const };
    }
    const token = newSessionToken();
    const expiresAt = sessionExpiry(kind, now);
    await insertPatronSession(tx, {
      patronId: patron.id,
      tokenHash: hashSessionToken(token),
      kind,
      createdAt: now,
      expiresAt,
    });
    return { ok: true as const, token, expiresAt };
  });
  if (!outcome.ok && outcome.refused === "CARD_MUST_BE_RENEWED") {
    throw new AppError("CARD_MUST_BE_RENEWED", { prefix: policy.registration.cardNumber.mustRenewPrefix });
  }
  if (!outcome.ok) throw signInRefusal(outcome.refused);
  return { token: outcome.token, expiresAt: outcome.expiresAt };
}

/** The card number as the counter normalises it; a malformed one can match no card but is still throttled. */
function cardNumberOf(policy: Policy, typed: string): { number: string; wellFormed: boolean } {
  try {
    return { number: normaliseCredential(policy, { kind: "card", value: typed }).value, wellFormed: true };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { number: typed.trim(), wellFormed: false };
  }
}

/**
 * The web password to check, or null when this card may not sign in: only a card in use (not lost, replaced
 * or retired) of a patron who is not blocked or deleted. An expired registration may sign in to see its status.
 */
function webPasswordHashOf(card: PatronCardRow | undefined, patron: PatronRow | undefined): string | null {
  if (card?.status !== "active") return null;
  if (!patron || (patron.status !== "active" && patron.status !== "expired")) return null;
  return patron.webPasswordHash;
}
