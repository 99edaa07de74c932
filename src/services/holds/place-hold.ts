import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { recordEvent } from "../../db/queries/circulation-events.ts";
import {
  type HoldContact,
  insertHold,
  listHoldableItems,
  lockHoldPatron,
  readPatronHoldFacts,
} from "../../db/queries/holds.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { decideHoldPlacement, pickupPointFor } from "../../domain/holds/hold-placement.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails } from "../staff-actor.ts";
import type { HoldActor } from "./hold-actor.ts";
import { getHold, type HoldView } from "./hold-view.ts";

export type PlaceHoldInput = {
  db: Db;
  librarySystemId: number;
  actor: HoldActor;
  patronId: string;
  recordId: number;
  /** The pickup service point's code or id; a postal delivery waits where the policy posts from (postedFrom). */
  pickupPoint: string;
  contact: HoldContact;
  /** An item-level reservation names the copy's barcode (where the policy allows it). */
  itemBarcode?: string | null;
  delivery?: "postal" | null;
  now: Date;
};

/**
 * Reserves a title for a patron (予約). One transaction: the patron is locked, so two reservations placed at
 * once are counted against the limits one after the other; every rule is decided in the domain and the
 * first refusal is the answer, with the others beside it.
 */
export async function placeHold(input: PlaceHoldInput): Promise<HoldView> {
  const { db, librarySystemId, actor, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const patron = await lockHoldPatron(tx, input.patronId);
    if (!patron || patron.status === "deleted") throw new AppError("PATRON_NOT_FOUND", {});
    if (patron.cardNumber === null) throw new AppError("NO_CURRENT_CARD", {});
    const pickup = await requireServicePoint(
      tx,
      pickupPointFor(policy, input.delivery ?? null, input.pickupPoint),
    );
    const items = await listHoldableItems(tx, input.recordId);
    const requested = input.itemBarcode ? requestedCopy(items, input.itemBarcode) : null;
    const facts = await readPatronHoldFacts(tx, patron.patronId);
    const decision = decideHoldPlacement(policy, {
      today,
      channel: actor.channel,
      contact: input.contact,
      standing: {
        patron: { status: patron.status, expiresOn: patron.expiresOn },
        card: { number: patron.cardNumber, kind: patron.cardKind!, status: patron.cardStatus! },
      },
      patron: { basis: patron.basis, registrationKind: patron.registrationKind, email: patron.email },
      recordId: input.recordId,
      items: items.map((item) => ({
        id: item.id,
        materialType: item.materialType as MaterialType,
        callNumber: item.callNumber,
        flags: item.flags as ItemFlag[],
      })),
      requestedItemId: requested,
      pickup: { id: pickup.id, type: pickup.type },
      delivery: input.delivery ?? null,
      activeHolds: facts.activeHolds.map((h) => ({
        ...h,
        materialType: h.materialType as MaterialType | null,
      })),
      openRequests: facts.openRequests,
      recordsOnLoan: facts.recordsOnLoan,
    });
    const [first] = decision.refusals;
    if (first) throw new AppError(first.code, { ...first.details, refusals: decision.refusals });
    const hold = await insertHold(tx, {
      recordId: input.recordId,
      patronId: patron.patronId,
      channel: actor.channel,
      contact: input.contact,
      materialType: decision.materialType,
      requestedItemId: requested,
      pickupServicePointId: pickup.id,
      delivery: input.delivery ?? null,
      placedByStaffId: actor.kind === "staff" ? actor.staff.staffId : null,
      now,
    });
    await recordEvent(tx, {
      kind: "reservation",
      day: today,
      servicePointId: pickup.id,
      materialType: decision.materialType,
      recordId: input.recordId,
    });
    if (actor.kind === "staff") {
      await insertAuditEntry(tx, {
        actorStaffId: actor.staff.staffId,
        action: "hold.place",
        subjectType: "patron",
        subjectId: patron.patronId,
        details: {
          ...actorDetails(actor.staff),
          holdId: hold.id,
          recordId: input.recordId,
          channel: actor.channel,
        },
        at: now,
      });
    }
    return (await getHold(tx, hold.id))!;
  });
}

/** The copy an item-level reservation names, among the title's copies. */
function requestedCopy(items: readonly { id: number; barcode: string }[], barcode: string): number {
  const copy = items.find((item) => item.barcode === barcode.trim());
  if (!copy) throw new AppError("ITEM_NOT_FOUND", { barcode });
  return copy.id;
}
