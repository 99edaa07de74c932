import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  insertCredential,
  listCredentials,
  type PatronCredentialRow,
} from "../../db/queries/patron-credentials.ts";
import { lockPatron, type PatronRow } from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";

export type CredentialContext = {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  patronId: string;
  now: Date;
};

/**
 * Links a credential to a patron in one transaction: the patron's row is locked, `decide` refuses or gives
 * the value to store, and a unique index keeps a value linked to one patron at a time.
 */
export async function linkCredential(
  context: CredentialContext,
  kind: PatronCredentialRow["kind"],
  decide: (c: {
    tx: TenantTx;
    policy: Policy;
    patron: PatronRow;
    current: PatronCredentialRow[];
    today: string;
  }) => Promise<{ value: string; details: Record<string, unknown>; audit: Record<string, unknown> }>,
): Promise<PatronView> {
  const today = japanDate(context.now);
  const { policy } = await getPolicyInForce(context.db, context.librarySystemId, today);
  return withTenant(context.db, context.librarySystemId, async (tx) => {
    const patron = await lockPatron(tx, context.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", { id: context.patronId });
    const current = (await listCredentials(tx, patron.id)).filter(
      (c) => c.kind === kind && c.unlinkedAt === null,
    );
    const { value, details, audit } = await decide({ tx, policy, patron, current, today });
    await insertCredential(tx, { patronId: patron.id, kind, value, details, linkedAt: context.now });
    await insertAuditEntry(tx, {
      actorStaffId: context.actor.staffId,
      action: `credential.link.${kind}`,
      subjectType: "patron",
      subjectId: patron.id,
      details: { ...actorDetails(context.actor), ...audit },
      at: context.now,
    });
    return loadPatronView(tx, policy, patron, today);
  });
}
