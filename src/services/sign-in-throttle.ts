import { countRecentFailedLogins, insertLoginAttempt } from "../db/queries/staff.ts";
import type { TenantTx } from "../db/tenant.ts";
import { AppError } from "../domain/errors.ts";

/**
 * Staff and patrons sign in under the same rules: five failures for one account (a staff user name, or
 * `card:` and a card number) within 15 minutes lock it for the rest of the window, and sessions last 8 hours
 * for API tokens and 12 for the pages' cookies.
 */
export const throttleWindowMinutes = 15;
export const throttleMaxFailures = 5;
export const sessionHours = { bearer: 8, cookie: 12 } as const;

export async function isLockedOut(tx: TenantTx, account: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - throttleWindowMinutes * 60_000);
  return (await countRecentFailedLogins(tx, account, since)) >= throttleMaxFailures;
}

export async function recordSignInAttempt(tx: TenantTx, account: string, succeeded: boolean, now: Date) {
  await insertLoginAttempt(tx, account, succeeded, now);
}

/** The refusal a failed sign-in answers with, once the failed attempt is committed. */
export function signInRefusal(refused: "LOGIN_THROTTLED" | "INVALID_CREDENTIALS"): AppError {
  return new AppError(
    refused,
    refused === "LOGIN_THROTTLED" ? { retryAfterMinutes: throttleWindowMinutes } : {},
  );
}

export function sessionExpiry(kind: keyof typeof sessionHours, now: Date): Date {
  return new Date(now.getTime() + sessionHours[kind] * 3600_000);
}
