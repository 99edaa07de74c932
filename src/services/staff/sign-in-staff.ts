import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findStaffByUsername, insertStaffSession } from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import { isLockedOut, recordSignInAttempt, sessionExpiry, signInRefusal } from "../sign-in-throttle.ts";
import { decoyPasswordHash, verifyPassword } from "./passwords.ts";
import { hashSessionToken, newSessionToken } from "./session-tokens.ts";

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
    if (await isLockedOut(tx, username, now)) {
      return { ok: false as const, refused: "LOGIN_THROTTLED" as const };
    }
    const account = await findStaffByUsername(tx, username);
    const passwordOk = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), password);
    const usable = account && passwordOk && !account.disabledAt && !(account.isDemo && input.production);
    if (!usable) {
      await recordSignInAttempt(tx, username, false, now);
      return { ok: false as const, refused: "INVALID_CREDENTIALS" as const };
    }
    await recordSignInAttempt(tx, username, true, now);
    const token = newSessionToken();
    const expiresAt = sessionExpiry(kind, now);
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
  if (!outcome.ok) throw signInRefusal(outcome.refused);
  return { token: outcome.token, expiresAt: outcome.expiresAt };
}
