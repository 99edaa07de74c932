import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { updateHold } from "../../db/queries/holds.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { pickupDeadline } from "../../domain/holds/hold-shelf.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import type { StaffActor } from "../staff-actor.ts";
import { auditHoldAction, lockHoldFor } from "./hold-actor.ts";
import { getHold, type HoldView } from "./hold-view.ts";

export type CallOutcome = "reached" | "message" | "noAnswer";

/**
 * Records a call to a patron who chose phone contact (001: 連絡日から1週間). Reaching the patron or leaving a
 * message starts the pickup week; an unanswered call leaves the reservation on the call list.
 */
export async function recordHoldCall(input: {
  db: Db;
  librarySystemId: number;
  staff: StaffActor;
  holdId: number;
  outcome: CallOutcome;
  now: Date;
}): Promise<HoldView> {
  const { db, librarySystemId, staff, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const actor = { kind: "staff" as const, staff, channel: "phone" as const };
    const hold = await lockHoldFor(tx, input.holdId, actor);
    if (hold.status !== "ready") throw new AppError("HOLD_NOT_READY", { status: hold.status });
    if (hold.contact !== "phone") throw new AppError("HOLD_CONTACT_NOT_PHONE", { contact: hold.contact });
    const starts = input.outcome !== "noAnswer" && hold.notifiedOn === null;
    const point = starts ? await requireServicePoint(tx, hold.pickupServicePointId!) : null;
    await updateHold(
      tx,
      hold.id,
      {
        call: { at: now, by: staff.staffId, outcome: input.outcome },
        ...(point && {
          notifiedOn: today,
          pickupDeadline: pickupDeadline(policy.holds.pickup, point.calendar, today),
        }),
      },
      now,
    );
    await auditHoldAction(tx, actor, "hold.call", hold, { outcome: input.outcome }, now);
    return (await getHold(tx, hold.id))!;
  });
}
