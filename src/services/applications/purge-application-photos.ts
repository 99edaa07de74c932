import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { deleteDecidedPhotos } from "../../db/queries/applications.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { withTenant } from "../../db/tenant.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

/**
 * The daily job `purgeApplicationPhotos`: identity-document photos are kept only while they serve the review —
 * the policy's number of days after the decision — then deleted, whatever the decision was.
 */
export async function purgeApplicationPhotos(db: Db, now: Date): Promise<Record<string, number>> {
  const report: Record<string, number> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, japanDate(now));
    const days = policy.onlineRegistration.photoRetentionDaysAfterDecision;
    const before = new Date(now.getTime() - days * 86_400_000);
    report[system.slug] = await withTenant(db, system.id, (tx) => deleteDecidedPhotos(tx, before));
  }
  return report;
}
