import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { lockBorrower, lockItemForLoan, writeCheckout } from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import {
  type DeliveryKind,
  isOverridable,
  refusalsBeyondOverride,
  refuseCheckout,
} from "../../domain/circulation/checkout-rules.ts";
import { dueDateAfter } from "../../domain/circulation/due-date.ts";
import type { Refusal } from "../../domain/circulation/refusal.ts";
import { AppError } from "../../domain/errors.ts";
import { type ProxyFacts, refuseProxy } from "../../domain/patrons/proxies.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { type Credential, normaliseCredential } from "../patrons/credential-value.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { requireServicePoint } from "./circulation-context.ts";

export type CheckOutInput = {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  credential: Credential;
  itemBarcode: string;
  servicePoint: string;
  /** A postal loan (001) or Aomori's online lending (004): the patron is not at the counter. */
  delivery?: DeliveryKind | null;
  /** Staff lend despite the refusals the policy marks overridable. */
  override?: { reason: string } | null;
  /** Someone collecting a reservation for the patron (000: 予約資料の受け取り), recorded on the reservation. */
  proxy?: ProxyFacts | null;
  now: Date;
};

export type CheckOutResult = {
  id: number;
  dueDate: IsoDate;
  patronId: string;
  item: { barcode: string; recordId: number; materialType: MaterialType };
  overridden: string[];
};

/**
 * Lends an item (DOMAIN.md "Loans, renewals, returns"). One transaction: the patron and the item are locked,
 * the facts read, the domain decides, and the loan is written with all that goes with it in one statement. Two counters lending one item, or lending to one patron at the limit, queue on those locks;
 * the unique index on open loans per item is the last guard.
 */
export async function checkOut(input: CheckOutInput): Promise<CheckOutResult> {
  const { db, librarySystemId, actor, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const credential = normaliseCredential(policy, input.credential);
  assertValidNumber(policy.catalogue.itemBarcode, input.itemBarcode, "item");
  const delivery = input.delivery ?? null;
  try {
    return await withTenant(db, librarySystemId, async (tx) => {
      const point = await requireServicePoint(tx, input.servicePoint);
      const borrower = await lockBorrower(tx, credential);
      if (!borrower || borrower.status === "deleted")
        throw new AppError("CREDENTIAL_NOT_FOUND", { kind: credential.kind });
      if (borrower.cardNumber === null) throw new AppError("NO_CURRENT_CARD", {});
      const item = await lockItemForLoan(tx, input.itemBarcode, borrower.patronId);
      if (!item) throw new AppError("ITEM_NOT_FOUND", { barcode: input.itemBarcode });
      const refusals = refuseCheckout(policy, {
        today,
        patronId: borrower.patronId,
        standing: {
          patron: { status: borrower.status, expiresOn: borrower.expiresOn },
          card: { number: borrower.cardNumber, kind: borrower.cardKind!, status: borrower.cardStatus! },
        },
        cardIssuedOn: borrower.cardIssuedOn!,
        credentialKind: credential.kind,
        acceptedCredentials: point.acceptedCredentials,
        item: {
          barcode: item.barcode,
          materialType: item.materialType as MaterialType,
          flags: item.flags as ItemFlag[],
          status: item.status,
          heldForPatronId: item.heldForPatronId,
          pendingHoldsOnRecord: item.pendingHolds,
          illPatronId: item.illPatronId,
        },
        currentLoans: item.currentLoans.map((loan) => ({
          materialType: loan.materialType as MaterialType,
          delivery: loan.delivery,
        })),
        delivery,
        deliveryApplied: borrower.deliveryApplied,
      });
      // A proxy collects only what is kept for the patron, with what 000 asks them to bring.
      const proxy = input.proxy ?? null;
      if (proxy) {
        const refused = refuseProxy(policy.registration.proxies, "collectHold", proxy);
        if (refused) throw new AppError(refused.code, refused.details);
        if (item.heldForPatronId !== borrower.patronId) {
          throw new AppError("PROXY_COLLECTS_RESERVATIONS_ONLY", {});
        }
      }
      const overrides = decideOverride(policy, refusals, input.override ?? null, actor, now);
      const dueDate = dueDateOf(policy, point.calendar, today, delivery, item.illDueOn);
      const collected = item.heldHoldId !== null && item.heldForPatronId === borrower.patronId;
      const loan = await writeCheckout(tx, {
        itemId: item.id,
        recordId: item.recordId,
        patronId: borrower.patronId,
        credentialKind: credential.kind,
        servicePointId: point.id,
        delivery,
        loanedAt: now,
        loanedOn: today,
        dueOn: dueDate,
        overrides,
        wasOnShelf: item.status === "onShelf",
        collectedHold: collected ? { id: item.heldHoldId!, proxy } : null,
        audit: {
          actorStaffId: actor.staffId,
          action: overrides.length > 0 ? "loan.checkOutOverride" : "loan.checkOut",
          details: { ...actorDetails(actor), barcode: item.barcode, overrides, proxy },
        },
      });
      return {
        id: loan.id,
        dueDate,
        patronId: borrower.patronId,
        item: {
          barcode: item.barcode,
          recordId: item.recordId,
          materialType: item.materialType as MaterialType,
        },
        overridden: overrides.map((o) => o.code),
      };
    });
  } catch (error) {
    // Both counters passed the item lock only if the item row was not yet on loan when read; the index decides.
    if (isUniqueViolation(error)) throw new AppError("ITEM_ALREADY_ON_LOAN", { barcode: input.itemBarcode });
    throw error;
  }
}

type OverrideEntry = { code: string; reason: string; staffId: string | null; at: string };

/**
 * No refusal: no override. Refusals all overridable and a reason given: lend, recording each. Otherwise the
 * first refusal is the answer, with every refusal and whether staff could override it.
 */
function decideOverride(
  policy: Policy,
  refusals: Refusal[],
  override: { reason: string } | null,
  actor: StaffActor,
  now: Date,
): OverrideEntry[] {
  if (refusals.length === 0) return [];
  if (override !== null && refusalsBeyondOverride(policy.loans, refusals).length === 0) {
    return refusals.map((refusal) => ({
      code: refusal.code,
      reason: override.reason,
      staffId: actor.staffId,
      at: now.toISOString(),
    }));
  }
  const described = refusals.map((refusal) => ({
    ...refusal,
    overridable: isOverridable(policy.loans, refusal.code),
  }));
  const first = described.find((refusal) => !refusal.overridable) ?? described[0]!;
  throw new AppError(first.code, { ...first.details, refusals: described });
}

function dueDateOf(
  policy: Policy,
  calendar: Parameters<typeof dueDateAfter>[0],
  today: IsoDate,
  delivery: DeliveryKind | null,
  illDueOn: IsoDate | null,
): IsoDate {
  // An inter-library-loan item is due when its lender wants it back (less the time to send it).
  if (illDueOn !== null) return illDueOn;
  const period = delivery !== null ? policy.loans.deliveryLending!.periodDays : policy.loans.periodDays;
  return dueDateAfter(calendar, today, period);
}
