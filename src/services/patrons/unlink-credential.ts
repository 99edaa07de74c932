import { japanDate } from "../../clock.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { listCredentials, unlinkCredential as unlinkRow } from "../../db/queries/patron-credentials.ts";
import { lockPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails } from "../staff-actor.ts";
import type { CredentialContext } from "./link-credential.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";

export type UnlinkReason = "lost" | "patronRequest" | "replaced";

/**
 * Ends a link. 000: a My Number card reported lost is unlinked, and a new card can then be linked; the row
 * stays with the reason, and the value no longer identifies anyone.
 */
export async function unlinkCredential(
  context: CredentialContext & { credentialId: string; reason: UnlinkReason; byPatron?: boolean },
): Promise<PatronView> {
  const today = japanDate(context.now);
  const { policy } = await getPolicyInForce(context.db, context.librarySystemId, today);
  return withTenant(context.db, context.librarySystemId, async (tx) => {
    const patron = await lockPatron(tx, context.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", { id: context.patronId });
    const credential = (await listCredentials(tx, patron.id)).find(
      (c) => c.id === context.credentialId && c.unlinkedAt === null,
    );
    if (!credential) throw new AppError("CREDENTIAL_NOT_LINKED", { id: context.credentialId });
    await unlinkRow(tx, credential.id, context.reason, context.now);
    await insertAuditEntry(tx, {
      actorStaffId: context.actor.staffId,
      action: `credential.unlink.${credential.kind}`,
      subjectType: "patron",
      subjectId: patron.id,
      details: {
        ...actorDetails(context.actor),
        reason: context.reason,
        ...(context.byPatron ? { by: "patron" } : {}),
      },
      at: context.now,
    });
    return loadPatronView(tx, policy, patron, today);
  });
}
