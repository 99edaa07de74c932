import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { revokeStaffSession } from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import type { StaffPrincipal } from "./authenticate-staff.ts";
import { forgetSession } from "./live-sessions.ts";

export async function signOutStaff(db: Db, principal: StaffPrincipal, now: Date): Promise<void> {
  await withTenant(db, principal.librarySystemId, async (tx) => {
    await revokeStaffSession(tx, principal.sessionId, now);
    await insertAuditEntry(tx, {
      actorStaffId: principal.staffId,
      action: "staff.signOut",
      subjectType: "staffSession",
      subjectId: principal.sessionId,
      at: now,
    });
  });
  forgetSession(db, principal.sessionId);
}
