import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";

/** A patron's record for staff; every view is written to the audit log (who, when, which patron, from where). */
export async function getPatron(options: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  patronId: string;
  /** Why the record was opened: `view`, `search`, `credential` … */
  purpose?: string;
  now: Date;
}): Promise<PatronView> {
  const { db, librarySystemId, actor, patronId, now } = options;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const row = await findPatron(tx, patronId);
    if (!row) throw new AppError("PATRON_NOT_FOUND", { id: patronId });
    await insertAuditEntry(tx, {
      actorStaffId: actor.staffId,
      action: "patron.view",
      subjectType: "patron",
      subjectId: patronId,
      details: { ...actorDetails(actor), purpose: options.purpose ?? "view" },
      at: now,
    });
    return loadPatronView(tx, policy, row, today);
  });
}
