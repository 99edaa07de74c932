import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findHold, type HoldRow } from "../../db/queries/holds.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import type { HoldChannel } from "../../domain/holds/hold-placement.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

/**
 * Who acts on a reservation: staff at the counter or on the phone (audited), or the patron on the web or
 * through LINE (only on their own reservations).
 */
export type HoldActor =
  | { kind: "staff"; staff: StaffActor; channel: Extract<HoldChannel, "counter" | "phone"> }
  | { kind: "patron"; patronId: string; channel: Extract<HoldChannel, "web" | "line"> };

export function staffIdOf(actor: HoldActor): string | null {
  return actor.kind === "staff" ? actor.staff.staffId : null;
}

/** The reservation, locked; a patron sees only their own (another's answers as not found). */
export async function lockHoldFor(tx: TenantTx, holdId: number, actor: HoldActor): Promise<HoldRow> {
  const hold = await findHold(tx, holdId, true);
  if (!hold || (actor.kind === "patron" && hold.patronId !== actor.patronId)) {
    throw new AppError("HOLD_NOT_FOUND", { holdId });
  }
  return hold;
}

/** Where a staff action on a reservation is recorded. */
export async function auditHoldAction(
  tx: TenantTx,
  actor: HoldActor,
  action: string,
  hold: Pick<HoldRow, "id" | "patronId">,
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  if (actor.kind !== "staff") return;
  await insertAuditEntry(tx, {
    actorStaffId: actor.staff.staffId,
    action,
    subjectType: "patron",
    subjectId: hold.patronId ?? "",
    details: { ...actorDetails(actor.staff), holdId: hold.id, channel: actor.channel, ...details },
    at,
  });
}
