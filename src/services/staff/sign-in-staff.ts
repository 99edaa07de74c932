import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  countRecentFailedLogins,
  findStaffByUsername,
  insertLoginAttempt,
  insertStaffSession,
} from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { decoyPasswordHash, verifyPassword } from "./passwords.ts";
import { hashSessionToken, newSessionToken } from "./session-tokens.ts";

export const throttleWindowMinutes = 15;
export const throttleMaxFailures = 5;
export const sessionHours = { bearer: 8, cookie: 12 } as const;

export type SignInStaffInput = {
  db: Db;
  librarySystemId: number;
  username: string;
  password: string;
  kind: "bearer" | "cookie";
  now: Date;
  /** The demo account is refused in production. */
  production: boolean;
};

/**
 * Five failed sign-ins for one account within 15 minutes lock it out for the rest of the window.
 * A wrong user and a wrong password answer alike. The failed attempt is committed before refusing.
 */
export async function signInStaff(input: SignInStaffInput): Promise<{ token: string; expiresAt: Date }> {
  const { db, librarySystemId, username, password, kind, now } = input;
  const outcome = await withTenant(db, librarySystemId, async (tx) => {
    const since = new Date(now.getTime() - throttleWindowMinutes * 60_000);
    if ((await countRecentFailedLogins(tx, username, since)) >= throttleMaxFailures) {
      return { ok: false as const, refused: "LOGIN_THROTTLED" as const };
    }
    const account = await findStaffByUsername(tx, username);
    const passwordOk = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), password);
    const usable = account && passwordOk && !account.disabledAt && !(account.isDemo && input.production);
    if (!usable) {
      await insertLoginAttempt(tx, username, false, now);
      return { ok: false as const, refused: "INVALID_CREDENTIALS" as const };
    }
    await insertLoginAttempt(tx, username, true, now);
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + sessionHours[kind] * 3600_000);
    const session = await insertStaffSession(tx, {
      staffId: account.id,
      tokenHash: hashSessionToken(token),
      kind,
      createdAt: now,
      expiresAt,
    });
    await insertAuditEntry(tx, {
      actorStaffId: account.id,
      action: "staff.signIn",
      subjectType: "staffSession",
      subjectId: session.id,
      details: { kind },
      at: now,
    });
    return { ok: true as const, token, expiresAt };
  });
  if (!outcome.ok) {
    throw new AppError(
      outcome.refused,
      outcome.refused === "LOGIN_THROTTLED" ? { retryAfterMinutes: throttleWindowMinutes } : {},
    );
  }
  return { token: outcome.token, expiresAt: outcome.expiresAt };
}
