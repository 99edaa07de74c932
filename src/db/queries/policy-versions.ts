import { and, desc, eq, lte, max } from "drizzle-orm";
import { policyVersions } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

/** The version in force on `date`: the latest effective date not after it, then the highest version. */
export async function findPolicyInForce(tx: TenantTx, date: string): Promise<PolicyVersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(policyVersions)
    .where(
      and(eq(policyVersions.librarySystemId, tx.librarySystemId), lte(policyVersions.effectiveFrom, date)),
    )
    .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.version))
    .limit(1);
  return row;
}

export async function listPolicyVersions(tx: TenantTx): Promise<Omit<PolicyVersionRow, "policy">[]> {
  return tx
    .select({
      id: policyVersions.id,
      librarySystemId: policyVersions.librarySystemId,
      version: policyVersions.version,
      effectiveFrom: policyVersions.effectiveFrom,
      note: policyVersions.note,
      createdBy: policyVersions.createdBy,
      createdAt: policyVersions.createdAt,
    })
    .from(policyVersions)
    .where(eq(policyVersions.librarySystemId, tx.librarySystemId))
    .orderBy(desc(policyVersions.version));
}

export async function nextPolicyVersionNumber(tx: TenantTx): Promise<number> {
  const [row] = await tx
    .select({ last: max(policyVersions.version) })
    .from(policyVersions)
    .where(eq(policyVersions.librarySystemId, tx.librarySystemId));
  return (row?.last ?? 0) + 1;
}

export async function insertPolicyVersion(
  tx: TenantTx,
  values: {
    version: number;
    effectiveFrom: string;
    policy: unknown;
    note: string;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<PolicyVersionRow> {
  const [row] = await tx
    .insert(policyVersions)
    .values({ ...values, librarySystemId: tx.librarySystemId })
    .returning();
  return row!;
}
