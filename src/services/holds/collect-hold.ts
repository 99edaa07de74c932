import type { Db } from "../../db/client.ts";
import { findPatronCardNumber } from "../../db/queries/holds.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import type { ProxyFacts } from "../../domain/patrons/proxies.ts";
import { type CheckOutResult, checkOut } from "../circulation/check-out.ts";
import type { StaffActor } from "../staff-actor.ts";
import { lockHoldFor } from "./hold-actor.ts";

/**
 * Hands a ready reservation over at the counter: lent to the patron on their current card, whoever collects
 * it. A proxy without the patron's card brings a letter of attorney (000); what they brought is recorded.
 */
export async function collectHold(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  holdId: number;
  servicePoint: string;
  proxy: ProxyFacts | null;
  delivery?: "postal" | null;
  now: Date;
}): Promise<CheckOutResult> {
  const { db, librarySystemId, actor } = input;
  const held = await withTenant(db, librarySystemId, async (tx) => {
    const hold = await lockHoldFor(tx, input.holdId, { kind: "staff", staff: actor, channel: "counter" });
    if (hold.status !== "ready") throw new AppError("HOLD_NOT_READY", { status: hold.status });
    const cardNumber = await findPatronCardNumber(tx, hold.patronId!);
    if (cardNumber === undefined) throw new AppError("NO_CURRENT_CARD", {});
    return { cardNumber, itemBarcode: hold.itemBarcode!, delivery: hold.delivery };
  });
  return checkOut({
    db,
    librarySystemId,
    actor,
    credential: { kind: "card", value: held.cardNumber },
    itemBarcode: held.itemBarcode,
    servicePoint: input.servicePoint,
    delivery: input.delivery ?? held.delivery,
    proxy: input.proxy,
    now: input.now,
  });
}
