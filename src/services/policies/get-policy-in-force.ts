import type { Db } from "../../db/client.ts";
import { findPolicyInForce } from "../../db/queries/policy-versions.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type Policy, policySchema } from "../../domain/policy/policy-schema.ts";

export type PolicyInForce = { version: number; effectiveFrom: string; note: string; policy: Policy };

/**
 * Every counter action reads the policy in force; reading and validating it each time cost a transaction
 * per checkout. A process keeps what it read for a few seconds (ADR 0007): a version published here is
 * seen at once, one published by another server process within `cacheMilliseconds`.
 */
const cacheMilliseconds = 5_000;
const cache = new WeakMap<Db, Map<string, { until: number; value: Promise<PolicyInForce> }>>();

export async function getPolicyInForce(
  db: Db,
  librarySystemId: number,
  today: string,
): Promise<PolicyInForce> {
  let entries = cache.get(db);
  if (!entries) {
    entries = new Map();
    cache.set(db, entries);
  }
  const key = `${librarySystemId}:${today}`;
  const now = performance.now();
  const cached = entries.get(key);
  if (cached && cached.until > now) return cached.value;
  const value = readPolicyInForce(db, librarySystemId, today);
  entries.set(key, { until: now + cacheMilliseconds, value });
  value.catch(() => entries.delete(key));
  return value;
}

/** After a publication: the next read in this process goes to the database. */
export function forgetPoliciesInForce(db: Db, librarySystemId: number): void {
  const entries = cache.get(db);
  if (!entries) return;
  for (const key of entries.keys()) if (key.startsWith(`${librarySystemId}:`)) entries.delete(key);
}

async function readPolicyInForce(db: Db, librarySystemId: number, today: string): Promise<PolicyInForce> {
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
