import { and, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../client.ts";
import { patronSessions, patrons } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type PatronSessionRow = typeof patronSessions.$inferSelect;

export async function insertPatronSession(
  tx: TenantTx,
  values: {
    patronId: string;
    tokenHash: string;
    kind: "bearer" | "cookie";
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<PatronSessionRow> {
  const [row] = await tx
    .insert(patronSessions)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row!;
}

/**
 * Looks a token up across every system, so a token of one system shown to another is told apart
 * (WRONG_SYSTEM) from an unknown one. A blocked or deleted patron's sessions stop working at once;
 * an expired registration keeps them (the patron needs to see why).
 */
export async function findLivePatronSessionByTokenHash(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      sessionId: patronSessions.id,
      librarySystemId: patronSessions.librarySystemId,
      patronId: patrons.id,
      familyName: patrons.familyName,
      givenName: patrons.givenName,
    })
    .from(patronSessions)
    .innerJoin(
      patrons,
      and(
        eq(patrons.id, patronSessions.patronId),
        eq(patrons.librarySystemId, patronSessions.librarySystemId),
      ),
    )
    .where(
      and(
        eq(patronSessions.tokenHash, tokenHash),
        isNull(patronSessions.revokedAt),
        gt(patronSessions.expiresAt, now),
        inArray(patrons.status, ["active", "expired"]),
      ),
    );
  if (!row) return undefined;
  const { familyName, givenName, ...session } = row;
  return { ...session, displayName: `${familyName} ${givenName}` };
}

export async function revokePatronSession(tx: TenantTx, sessionId: string, at: Date): Promise<void> {
  await tx
    .update(patronSessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(patronSessions.librarySystemId, tx.librarySystemId),
        eq(patronSessions.id, sessionId),
        isNull(patronSessions.revokedAt),
      ),
    );
}

/** Every live session of the patron, on every device but `except`'s; says how many were ended. */
export async function revokeAllPatronSessions(
  tx: TenantTx,
  patronId: string,
  at: Date,
  except?: string,
): Promise<number> {
  const rows = await tx
    .update(patronSessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(patronSessions.librarySystemId, tx.librarySystemId),
        eq(patronSessions.patronId, patronId),
        isNull(patronSessions.revokedAt),
        except ? ne(patronSessions.id, except) : undefined,
      ),
    )
    .returning({ id: patronSessions.id });
  return rows.length;
}
