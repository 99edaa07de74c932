import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listHoldableItems, updateHold } from "../../db/queries/holds.ts";
import { placeItem } from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { refusePickup } from "../../domain/holds/hold-placement.ts";
import { refuseHoldChange } from "../../domain/holds/hold-shelf.ts";
import type { ItemFlag } from "../../domain/vocabulary.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { auditHoldAction, type HoldActor, lockHoldFor } from "./hold-actor.ts";
import { getHold, type HoldView } from "./hold-view.ts";

/**
 * Moves a reservation to another pickup point (受取館の変更). A copy in transit is redirected; a copy on the
 * hold shelf (staff only where the web cannot change a ready reservation) travels to the new point and the
 * reservation waits for it again.
 */
export async function changeHoldPickup(input: {
  db: Db;
  librarySystemId: number;
  actor: HoldActor;
  holdId: number;
  pickupPoint: string;
  now: Date;
}): Promise<HoldView> {
  const { db, librarySystemId, actor, now } = input;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  return withTenant(db, librarySystemId, async (tx) => {
    const hold = await lockHoldFor(tx, input.holdId, actor);
    const channel = actor.kind === "staff" ? "staff" : actor.channel;
    const refusal = refuseHoldChange(policy.holds, hold.status, channel, "changePickup");
    if (refusal) throw new AppError(refusal.code, refusal.details);
    const pickup = await requireServicePoint(tx, input.pickupPoint);
    const items = await listHoldableItems(tx, hold.recordId);
    const copies = hold.requestedItemId === null ? items : items.filter((i) => i.id === hold.requestedItemId);
    const [refused] = refusePickup(
      policy,
      { id: pickup.id, type: pickup.type },
      hold.delivery,
      copies.map((c) => ({ flags: c.flags as ItemFlag[] })),
    );
    if (refused) throw new AppError(refused.code, refused.details);
    if (pickup.id === hold.pickupServicePointId) return (await getHold(tx, hold.id))!;
    if (hold.status === "pending") {
      await updateHold(tx, hold.id, { pickupServicePointId: pickup.id }, now);
    } else {
      // In transit or ready: the copy travels to the new point and the pickup week starts again there.
      await updateHold(
        tx,
        hold.id,
        {
          pickupServicePointId: pickup.id,
          status: "inTransit",
          readyOn: null,
          notifiedOn: null,
          pickupDeadline: null,
        },
        now,
      );
      await placeItem(tx, { id: hold.itemId!, status: "inTransit", transitTo: pickup.id }, now);
    }
    await auditHoldAction(tx, actor, "hold.changePickup", hold, { pickupPoint: pickup.code }, now);
    return (await getHold(tx, hold.id))!;
  });
}
