import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { loginAttempts, staffAccounts, staffSessions } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type StaffAccountRow = typeof staffAccounts.$inferSelect;
export type StaffSessionRow = typeof staffSessions.$inferSelect;

export async function findStaffByUsername(
  tx: TenantTx,
  username: string,
): Promise<StaffAccountRow | undefined> {
  const [row] = await tx
    .select()
    .from(staffAccounts)
    .where(and(eq(staffAccounts.librarySystemId, tx.librarySystemId), eq(staffAccounts.username, username)));
  return row;
}

export async function insertStaffAccount(
  tx: TenantTx,
  values: { username: string; displayName: string; passwordHash: string; roles: string[]; isDemo: boolean },
): Promise<StaffAccountRow> {
  const [row] = await tx
    .insert(staffAccounts)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row!;
}

export async function countRecentFailedLogins(tx: TenantTx, username: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.librarySystemId, tx.librarySystemId),
        eq(loginAttempts.username, username),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.attemptedAt, since),
      ),
    );
  return row?.n ?? 0;
}

export async function insertLoginAttempt(
  tx: TenantTx,
  username: string,
  succeeded: boolean,
  at: Date,
): Promise<void> {
  await tx
    .insert(loginAttempts)
    .values({ librarySystemId: tx.librarySystemId, username, succeeded, attemptedAt: at });
}

export async function insertStaffSession(
  tx: TenantTx,
  values: { staffId: string; tokenHash: string; kind: "bearer" | "cookie"; createdAt: Date; expiresAt: Date },
): Promise<StaffSessionRow> {
  const [row] = await tx
    .insert(staffSessions)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row!;
}

/**
 * Looks a token up across every system, so a token of one system shown to another is told apart
 * (WRONG_SYSTEM) from an unknown one. Only the session and account columns needed are read.
 */
export async function findLiveSessionByTokenHash(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: staffSessions.id,
      librarySystemId: staffSessions.librarySystemId,
      staffId: staffAccounts.id,
      username: staffAccounts.username,
      displayName: staffAccounts.displayName,
      roles: staffAccounts.roles,
      expiresAt: staffSessions.expiresAt,
    })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, now),
        isNull(staffAccounts.disabledAt),
      ),
    );
  return row;
}

export async function revokeStaffSession(tx: TenantTx, sessionId: string, at: Date): Promise<void> {
  await tx
    .update(staffSessions)
    .set({ revokedAt: at })
    .where(and(eq(staffSessions.librarySystemId, tx.librarySystemId), eq(staffSessions.id, sessionId)));
}
