import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { updateHold } from "../../db/queries/holds.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { refuseHoldChange } from "../../domain/holds/hold-shelf.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { auditHoldAction, type HoldActor, lockHoldFor } from "./hold-actor.ts";
import { getHold, type HoldView } from "./hold-view.ts";
import { releaseHeldItem } from "./route-item.ts";

/**
 * Cancels a reservation (予約の取消). The web cannot cancel one that is ready where the policy says so; staff
 * can, at the counter or on the phone. A copy already held for it goes to the next reservation or home.
 */
export async function cancelHold(input: {
  db: Db;
  librarySystemId: number;
  actor: HoldActor;
  holdId: number;
  reason?: string | null;
  now: Date;
}): Promise<HoldView> {
  const { db, librarySystemId, actor, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const hold = await lockHoldFor(tx, input.holdId, actor);
    const refusal = refuseHoldChange(
      policy.holds,
      hold.status,
      actor.kind === "staff" ? "staff" : actor.channel,
      "cancel",
    );
    if (refusal) throw new AppError(refusal.code, refusal.details);
    await updateHold(
      tx,
      hold.id,
      { status: "cancelled", cancelledBy: actor.kind, cancelReason: input.reason ?? null },
      now,
    );
    if (hold.itemId !== null && (hold.status === "ready" || hold.status === "inTransit")) {
      await releaseHeldItem({ tx, policy, now, today }, hold.itemId, {
        pickupServicePointId: hold.pickupServicePointId!,
        travelling: hold.status === "inTransit",
      });
      await refreshRecordSummaries(tx, [hold.recordId]);
    }
    await auditHoldAction(tx, actor, "hold.cancel", hold, { reason: input.reason ?? null }, now);
    return (await getHold(tx, hold.id))!;
  });
}
