import type { Db } from "../../db/client.ts";
import { findPolicyInForce } from "../../db/queries/policy-versions.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type Policy, policySchema } from "../../domain/policy/policy-schema.ts";

export type PolicyInForce = { version: number; effectiveFrom: string; note: string; policy: Policy };

export async function getPolicyInForce(
  db: Db,
  librarySystemId: number,
  today: string,
): Promise<PolicyInForce> {
  const row = await withTenant(db, librarySystemId, (tx) => findPolicyInForce(tx, today));
  if (!row) throw new AppError("POLICY_NOT_FOUND", { date: today });
  // Stored versions were validated when published; parsing again keeps the domain's types honest.
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    note: row.note,
    policy: policySchema.parse(row.policy),
  };
}
