import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  findPolicyInForce,
  insertPolicyVersion,
  nextPolicyVersionNumber,
} from "../../db/queries/policy-versions.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { policySchema } from "../../domain/policy/policy-schema.ts";
import { requireRole, type StaffPrincipal } from "../staff/authenticate-staff.ts";
import { forgetPoliciesInForce } from "./get-policy-in-force.ts";

/**
 * An administrator publishes a new policy version, in force from `effectiveFrom` (today when absent).
 * The whole policy is validated first; a broken one is refused with the failing paths.
 */
export async function publishPolicyVersion(input: {
  db: Db;
  principal: StaffPrincipal;
  policy: unknown;
  effectiveFrom: string | undefined;
  note: string | undefined;
  today: string;
  now: Date;
}): Promise<{ version: number; effectiveFrom: string }> {
  requireRole(input.principal, "administrator");
  const parsed = policySchema.safeParse(input.policy);
  if (!parsed.success) {
    throw new AppError("POLICY_INVALID", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const effectiveFrom = input.effectiveFrom ?? input.today;
  if (effectiveFrom < input.today) {
    throw new AppError("EFFECTIVE_DATE_IN_PAST", { effectiveFrom, today: input.today });
  }
  const published = await withTenant(input.db, input.principal.librarySystemId, async (tx) => {
    const previous = await findPolicyInForce(tx, effectiveFrom);
    const version = await nextPolicyVersionNumber(tx);
    const row = await insertPolicyVersion(tx, {
      version,
      effectiveFrom,
      policy: parsed.data,
      note: input.note ?? "",
      createdBy: input.principal.staffId,
      createdAt: input.now,
    });
    await insertAuditEntry(tx, {
      actorStaffId: input.principal.staffId,
      action: "policy.publish",
      subjectType: "policyVersion",
      subjectId: row.id,
      details: { version, effectiveFrom, previousVersion: previous?.version ?? null, note: row.note },
      at: input.now,
    });
    return { version, effectiveFrom };
  });
  forgetPoliciesInForce(input.db, input.principal.librarySystemId);
  return published;
}
