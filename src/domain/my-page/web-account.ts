import type { IsoDate } from "../calendar/calendar-rules.ts";
import { compareDates } from "../calendar/dates.ts";
import { mustRenewBeforeWebUse } from "../patrons/card-lifecycle.ts";
import { renewalWindow } from "../patrons/registration-validity.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * The patron's own web account (DOMAIN.md "Patron web services"): a first password set from the card number
 * and the birth date (003: 利用者番号と生年月日で), with a code mailed to a registered address as a second
 * proof; a forgotten password never shown but set anew through a mailed link (003) or at the counter; an
 * e-mail address changed only once the new address has answered.
 */

export type WebTokenPurpose = "passwordSetup" | "passwordReset" | "emailChange" | "lineLink";

/** How long each mailed key stays usable: minutes for what proves identity, a day for a new address. */
export const webTokenMinutes: Record<WebTokenPurpose, number> = {
  passwordSetup: 30,
  passwordReset: 60,
  emailChange: 24 * 60,
  // LINE's link token lives 10 minutes; the nonce need not outlive it.
  lineLink: 10,
};

/** A set-up key dies after this many wrong codes; the patron starts again (and is throttled there). */
export const maxCodeFailures = 5;

export type SetupFacts = {
  card: { number: string; status: string } | undefined;
  patron: { status: string; birthDate: IsoDate; hasWebPassword: boolean } | undefined;
  birthDate: IsoDate;
};

export type SetupRefusal =
  | { code: "SETUP_DETAILS_DO_NOT_MATCH" }
  | { code: "CARD_MUST_BE_RENEWED"; details: { prefix: string | null } }
  | { code: "WEB_PASSWORD_ALREADY_SET" };

/**
 * Whether the card number and birth date entitle the person to set a first password. Every mismatch (no such
 * card, a lost or replaced card, a blocked or deleted patron, another birth date) is the one answer
 * SETUP_DETAILS_DO_NOT_MATCH, so the form cannot be used to learn which cards exist. Only the card's holder
 * learns the rest: a card that must be renewed at the counter first (003's 07 cards), or a password that is
 * already set (then the reset link or the counter).
 */
export function refuseWebPasswordSetup(
  registration: Policy["registration"],
  facts: SetupFacts,
): SetupRefusal | null {
  const { card, patron } = facts;
  if (card?.status !== "active" || !patron) return { code: "SETUP_DETAILS_DO_NOT_MATCH" };
  if (patron.status !== "active" && patron.status !== "expired")
    return { code: "SETUP_DETAILS_DO_NOT_MATCH" };
  if (patron.birthDate !== facts.birthDate) return { code: "SETUP_DETAILS_DO_NOT_MATCH" };
  if (mustRenewBeforeWebUse(registration, card.number)) {
    return { code: "CARD_MUST_BE_RENEWED", details: { prefix: registration.cardNumber.mustRenewPrefix } };
  }
  if (patron.hasWebPassword) return { code: "WEB_PASSWORD_ALREADY_SET" };
  return null;
}

/** `ya****@example.jp`: enough for the patron to recognise their address, not enough to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "****";
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}****${email.slice(at)}`;
}

/** A plausible address: one @, no spaces, a dot in the domain, at most 128 characters (002's field). */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 128 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email);
}

export type RegistrationAdvice =
  /** Nothing to do yet. */
  | { kind: "valid"; renewableFrom: IsoDate }
  /** In the renewal window: renew at the counter, or online where the policy offers it. */
  | { kind: "renewNow"; online: boolean }
  /** The registration has expired: renew (at the counter, or online where offered) to borrow again. */
  | { kind: "expired"; online: boolean };

/** What the patron is told about their registration's expiry (003: 有効期限の1か月前から更新できます). */
export function registrationAdvice(policy: Policy, expiresOn: IsoDate, today: IsoDate): RegistrationAdvice {
  const online =
    policy.onlineRegistration.offered && policy.onlineRegistration.procedures.includes("renewRegistration");
  if (compareDates(today, expiresOn) > 0) return { kind: "expired", online };
  const renewableFrom = renewalWindow(policy.registration, expiresOn);
  if (compareDates(today, renewableFrom) >= 0) return { kind: "renewNow", online };
  return { kind: "valid", renewableFrom };
}
