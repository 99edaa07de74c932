import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  findKitBatch,
  insertKitBatch,
  type KitBatchRow,
  kitNumbersOfBatch,
  listKitBatches,
  markBatchHandedOver,
} from "../../db/queries/registration-kits.ts";
import { findServicePointRow } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { allocateCardNumber } from "../patrons/allocate-card-number.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

type KitContext = { db: Db; librarySystemId: number; now: Date; staff: StaffActor };

/** A batch is printed at most this many cards at a time (a few sheets of labels). */
export const maxKitsPerBatch = 500;

async function requireKits(ctx: Omit<KitContext, "staff">) {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  if (!policy.onlineRegistration.registrationKits) throw new AppError("REGISTRATION_KITS_NOT_OFFERED", {});
  return policy;
}

/**
 * Prints a batch of kits (004): card numbers taken from the system's own card-number sequence, in its number
 * format with its check digit, so a kit's number never collides with a card issued at the counter.
 */
export async function printKitBatch(
  ctx: KitContext,
  count: number,
): Promise<KitBatchRow & { numbers: string[] }> {
  const policy = await requireKits(ctx);
  if (!Number.isInteger(count) || count < 1 || count > maxKitsPerBatch) {
    throw new AppError("VALIDATION_FAILED", { field: "count", max: maxKitsPerBatch });
  }
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const numbers: string[] = [];
    for (let i = 0; i < count; i++)
      numbers.push(await allocateCardNumber(tx, policy.registration.cardNumber));
    const id = await insertKitBatch(tx, { numbers, printedBy: ctx.staff.staffId, now: ctx.now });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "kits.print",
      subjectType: "kitBatch",
      subjectId: String(id),
      details: { count, first: numbers[0], last: numbers.at(-1), ...actorDetails(ctx.staff) },
      at: ctx.now,
    });
    return { ...(await findKitBatch(tx, id))!, numbers };
  });
}

/** Records the facility a batch went to (004's partner list); only then can its numbers be applied with. */
export async function handOverKitBatch(
  ctx: KitContext,
  id: number,
  servicePoint: string,
): Promise<KitBatchRow> {
  await requireKits(ctx);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const batch = await findKitBatch(tx, id, true);
    if (!batch) throw new AppError("KIT_BATCH_NOT_FOUND", { id });
    if (batch.handedOverOn) {
      throw new AppError("KIT_BATCH_ALREADY_HANDED_OVER", {
        servicePoint: batch.servicePointCode,
        handedOverOn: batch.handedOverOn,
      });
    }
    const point = await findServicePointRow(tx, servicePoint);
    if (!point) throw new AppError("SERVICE_POINT_NOT_FOUND", { servicePoint });
    if (point.type !== "partner")
      throw new AppError("KIT_FACILITY_NOT_PARTNER", { servicePoint: point.code });
    await markBatchHandedOver(tx, id, {
      servicePointId: point.id,
      on: japanDate(ctx.now),
      by: ctx.staff.staffId,
    });
    await insertAuditEntry(tx, {
      actorStaffId: ctx.staff.staffId,
      action: "kits.handOver",
      subjectType: "kitBatch",
      subjectId: String(id),
      details: { servicePoint: point.code, ...actorDetails(ctx.staff) },
      at: ctx.now,
    });
    return (await findKitBatch(tx, id))!;
  });
}

export async function listKits(ctx: Omit<KitContext, "staff">): Promise<KitBatchRow[]> {
  await requireKits(ctx);
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listKitBatches(tx, 200));
}

export async function getKitBatch(
  ctx: Omit<KitContext, "staff">,
  id: number,
): Promise<KitBatchRow & { kits: { number: string; used: boolean }[] }> {
  await requireKits(ctx);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const batch = await findKitBatch(tx, id);
    if (!batch) throw new AppError("KIT_BATCH_NOT_FOUND", { id });
    return { ...batch, kits: await kitNumbersOfBatch(tx, id) };
  });
}
