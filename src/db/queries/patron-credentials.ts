import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { patronCredentials, patrons } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type PatronCredentialRow = typeof patronCredentials.$inferSelect;
export type CredentialKind = PatronCredentialRow["kind"];

export async function insertCredential(
  tx: TenantTx,
  credential: Omit<typeof patronCredentials.$inferInsert, "librarySystemId" | "id">,
): Promise<PatronCredentialRow> {
  const [row] = await tx
    .insert(patronCredentials)
    .values({ ...credential, librarySystemId: tx.librarySystemId })
    .returning();
  return row as PatronCredentialRow;
}

/** Every credential the patron ever linked, the unlinked ones included. */
export async function listCredentials(tx: TenantTx, patronId: string): Promise<PatronCredentialRow[]> {
  return tx
    .select()
    .from(patronCredentials)
    .where(
      and(
        eq(patronCredentials.librarySystemId, tx.librarySystemId),
        eq(patronCredentials.patronId, patronId),
      ),
    )
    .orderBy(asc(patronCredentials.linkedAt));
}

/** The linked credential of this kind and value (FeliCa IDm, platform user identifier, LINE user ID). */
export async function findLinkedCredential(
  tx: TenantTx,
  kind: CredentialKind,
  value: string,
): Promise<PatronCredentialRow | undefined> {
  const [row] = await tx
    .select()
    .from(patronCredentials)
    .where(
      and(
        eq(patronCredentials.librarySystemId, tx.librarySystemId),
        eq(patronCredentials.kind, kind),
        eq(patronCredentials.value, value),
        isNull(patronCredentials.unlinkedAt),
      ),
    );
  return row;
}

export async function unlinkCredential(tx: TenantTx, id: string, reason: string, at: Date): Promise<void> {
  await tx
    .update(patronCredentials)
    .set({ unlinkedAt: at, unlinkReason: reason })
    .where(and(eq(patronCredentials.librarySystemId, tx.librarySystemId), eq(patronCredentials.id, id)));
}

export type MyNumberLinkRow = {
  credentialId: string;
  patronId: string;
  userIdentifier: string;
  basis: string;
  municipality: string;
  expiresOn: string;
  status: string;
  email: string | null;
  details: Record<string, unknown>;
};

/** A page of current My Number links of active or expired patrons, in id order (the monthly job). */
export async function listMyNumberLinksAfter(
  tx: TenantTx,
  afterId: string,
  limit: number,
): Promise<MyNumberLinkRow[]> {
  return tx
    .select({
      credentialId: patronCredentials.id,
      patronId: patrons.id,
      userIdentifier: patronCredentials.value,
      basis: patrons.basis,
      municipality: patrons.municipality,
      expiresOn: patrons.expiresOn,
      status: patrons.status,
      email: patrons.email,
      details: patronCredentials.details,
    })
    .from(patronCredentials)
    .innerJoin(patrons, eq(patrons.id, patronCredentials.patronId))
    .where(
      and(
        eq(patronCredentials.librarySystemId, tx.librarySystemId),
        eq(patronCredentials.kind, "mynumber"),
        isNull(patronCredentials.unlinkedAt),
        gt(patronCredentials.id, afterId),
      ),
    )
    .orderBy(asc(patronCredentials.id))
    .limit(limit);
}

/** Keeps the result of each monthly signature-certificate check on the link: a failure is mailed once. */
export async function recordSignatureChecks(
  tx: TenantTx,
  checks: { credentialId: string; result: string }[],
  checkedOn: string,
): Promise<void> {
  if (checks.length === 0) return;
  await tx.execute(sql`
    UPDATE patron_credentials c
      SET details = c.details || jsonb_build_object('lastCheck', e.result, 'lastCheckedOn', ${checkedOn}::text)
    FROM jsonb_to_recordset(${JSON.stringify(checks)}::jsonb) AS e("credentialId" uuid, result text)
    WHERE c.library_system_id = ${tx.librarySystemId} AND c.id = e."credentialId"`);
}
