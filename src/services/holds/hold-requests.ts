import { parse as parseIsbn } from "isbn3";
import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import { insertFeeEntry } from "../../db/queries/fee-ledger.ts";
import {
  countRequestsByStatus,
  findHoldRequest,
  type HoldRequestRow,
  insertHoldRequest,
  isbnHeld,
  listHoldRequests,
  listRequestDesk,
  type RequestDeskRow,
  readRequestNoticeFacts,
  updateHoldRequest,
} from "../../db/queries/hold-requests.ts";
import {
  findItemIdByBarcode,
  type HoldContact,
  insertHold,
  lockHoldPatron,
  lockRoutedItem,
  readPatronHoldFacts,
  updateHold,
} from "../../db/queries/holds.ts";
import { placeItem } from "../../db/queries/loans.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { refuseNonPickupPoint, refusePatron } from "../../domain/holds/hold-placement.ts";
import {
  type RequestStatus,
  refuseRequest,
  refuseRequestTransition,
} from "../../domain/holds/request-rules.ts";
import type { MaterialType } from "../../domain/vocabulary.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { requestStatusMail } from "./hold-mail.ts";
import { makeReady } from "./route-item.ts";

/**
 * Requests (リクエスト, 001): a title the library does not hold, taken at the counter, which the library
 * borrows from another library (postage paid by the patron) or considers buying. Counted in the reservation
 * total while open; when the copy arrives the request becomes a reservation for the patron.
 */

export type RequestInput = {
  patronId: string;
  title: string;
  author?: string | null;
  publisher?: string | null;
  isbn?: string | null;
  materialType: MaterialType;
  genre?: string | null;
  callNumber?: string | null;
  pickupPoint: string;
  contact: HoldContact;
  route?: "interLibrary" | "purchase" | null;
};

type Context = {
  db: Db;
  librarySystemId: number;
  staff: StaffActor;
  channel: "counter" | "phone";
  now: Date;
};

export async function placeRequest(ctx: Context, input: RequestInput): Promise<HoldRequestRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const isbn13 = input.isbn ? normaliseIsbn(input.isbn) : null;
  return withTenant(db, librarySystemId, async (tx) => {
    const patron = await lockHoldPatron(tx, input.patronId);
    if (!patron || patron.status === "deleted") throw new AppError("PATRON_NOT_FOUND", {});
    if (patron.cardNumber === null) throw new AppError("NO_CURRENT_CARD", {});
    const pickup = await requireServicePoint(tx, input.pickupPoint);
    const facts = await readPatronHoldFacts(tx, patron.patronId);
    const refusals = [
      ...refusePatron(policy, {
        today,
        channel: ctx.channel,
        contact: input.contact,
        standing: {
          patron: { status: patron.status, expiresOn: patron.expiresOn },
          card: { number: patron.cardNumber, kind: patron.cardKind!, status: patron.cardStatus! },
        },
        patron: { basis: patron.basis, registrationKind: patron.registrationKind, email: patron.email },
      }),
      ...refuseRequest(policy, {
        channel: ctx.channel,
        materialType: input.materialType,
        callNumber: input.callNumber ?? null,
        genre: input.genre ?? null,
        titleHeld: isbn13 !== null && (await isbnHeld(tx, isbn13)),
        activeHolds: facts.activeHolds.length,
        openRequests: facts.openRequests,
      }),
    ];
    const notAPickupPoint = refuseNonPickupPoint(policy, pickup.type);
    if (notAPickupPoint) refusals.push(notAPickupPoint);
    const [first] = refusals;
    if (first) throw new AppError(first.code, { ...first.details, refusals });
    const { id } = await insertHoldRequest(tx, {
      patronId: patron.patronId,
      channel: ctx.channel,
      title: input.title,
      author: input.author ?? null,
      publisher: input.publisher ?? null,
      isbn13,
      materialType: input.materialType,
      genre: input.genre ?? null,
      pickupServicePointId: pickup.id,
      contact: input.contact,
      route: input.route ?? null,
      receivedBy: ctx.staff.staffId,
      now,
    });
    await audit(tx, ctx, "request.place", patron.patronId, { requestId: id, title: input.title });
    await mailRequestNews(tx, id, "received", null, now);
    return (await findHoldRequest(tx, id))!;
  });
}

export async function changeRequestStatus(
  ctx: Context,
  id: number,
  change: {
    status: Exclude<RequestStatus, "arrived" | "received">;
    route?: "interLibrary" | "purchase" | null;
    lender?: string | null;
    refusalReason?: string | null;
  },
): Promise<HoldRequestRow> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const request = await findHoldRequest(tx, id, true);
    if (!request) throw new AppError("REQUEST_NOT_FOUND", { requestId: id });
    const refused = refuseRequestTransition(request.status, change.status);
    if (refused) throw new AppError(refused.code, refused.details);
    if (change.status === "refused" && !change.refusalReason)
      throw new AppError("REFUSAL_REASON_REQUIRED", {});
    const route =
      change.status === "ordered" ? "purchase" : change.status === "requested" ? "interLibrary" : undefined;
    await updateHoldRequest(tx, id, { ...change, ...(route && { route }) }, ctx.now);
    await audit(tx, ctx, "request.status", request.patronId, { requestId: id, status: change.status });
    await mailRequestNews(tx, id, change.status, change.refusalReason ?? null, ctx.now);
    return (await findHoldRequest(tx, id))!;
  });
}

/**
 * The copy arrived (bought and catalogued, or lent by another library and entered as an inter-library-loan
 * item): the request becomes a reservation of that copy for the patron, ahead of any queue — it was got for
 * them — ready here or sent to their pickup point. The postage the patron pays goes to the fee ledger.
 */
export async function receiveRequestedCopy(
  ctx: Context,
  id: number,
  arrival: { itemBarcode: string; servicePoint: string; postageYen?: number | null },
): Promise<HoldRequestRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const request = await findHoldRequest(tx, id, true);
    if (!request) throw new AppError("REQUEST_NOT_FOUND", { requestId: id });
    const refused = refuseRequestTransition(request.status, "arrived");
    if (refused) throw new AppError(refused.code, refused.details);
    const itemId = await findItemIdByBarcode(tx, arrival.itemBarcode);
    if (itemId === undefined) throw new AppError("ITEM_NOT_FOUND", { barcode: arrival.itemBarcode });
    const item = await lockRoutedItem(tx, itemId);
    if (item.status !== "onShelf")
      throw new AppError("ITEM_NOT_AVAILABLE", { barcode: arrival.itemBarcode, status: item.status });
    const here = await requireServicePoint(tx, arrival.servicePoint);
    const hold = await insertHold(tx, {
      recordId: item.recordId,
      patronId: request.patronId,
      channel: request.channel as "counter",
      contact: request.contact,
      materialType: item.materialType,
      requestedItemId: item.id,
      pickupServicePointId: request.pickupServicePointId,
      delivery: null,
      placedByStaffId: ctx.staff.staffId,
      now,
    });
    if (request.pickupServicePointId === here.id) {
      await makeReady({ tx, policy, now, today }, { id: hold.id, contact: request.contact }, item.id, here);
    } else {
      await updateHold(tx, hold.id, { status: "inTransit", itemId: item.id }, now);
      await placeItem(tx, { id: item.id, status: "inTransit", transitTo: request.pickupServicePointId }, now);
    }
    await refreshRecordSummaries(tx, [item.recordId]);
    const postage = arrival.postageYen ?? 0;
    if (postage > 0 && policy.requests.postagePaidBy === "patron") {
      await insertFeeEntry(tx, {
        servicePointId: request.pickupServicePointId,
        kind: "requestPostage",
        amountYen: postage,
        patronId: request.patronId,
        subjectType: "request",
        subjectId: String(id),
        recordedBy: ctx.staff.staffId!,
        recordedOn: today,
        now,
      });
    }
    await updateHoldRequest(tx, id, { status: "arrived", holdId: hold.id, postageYen: postage || null }, now);
    await audit(tx, ctx, "request.arrived", request.patronId, {
      requestId: id,
      holdId: hold.id,
      postageYen: postage,
    });
    return (await findHoldRequest(tx, id))!;
  });
}

export async function listRequests(
  ctx: Pick<Context, "db" | "librarySystemId">,
  filter: { status: string | null; patronId: string | null },
): Promise<HoldRequestRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listHoldRequests(tx, filter));
}

/** The patron who chose mail hears of each step; the arrival is told by the reservation's ready mail. */
async function mailRequestNews(
  tx: TenantTx,
  id: number,
  status: Parameters<typeof requestStatusMail>[2],
  reason: string | null,
  now: Date,
): Promise<void> {
  const facts = await readRequestNoticeFacts(tx, id);
  if (!facts?.email || facts.contact !== "email") return;
  await queueMail(tx, { to: facts.email, ...requestStatusMail(facts.library, facts, status, reason) }, now);
}

function normaliseIsbn(raw: string): string {
  const isbn = parseIsbn(raw);
  if (!isbn?.isValid) throw new AppError("INVALID_ISBN", { isbn: raw });
  return isbn.isbn13;
}

async function audit(
  tx: TenantTx,
  ctx: Context,
  action: string,
  patronId: string,
  details: Record<string, unknown>,
) {
  await insertAuditEntry(tx, {
    actorStaffId: ctx.staff.staffId,
    action,
    subjectType: "patron",
    subjectId: patronId,
    details: { ...actorDetails(ctx.staff), ...details },
    at: ctx.now,
  });
}

/** The requests desk's views: the work still open (received, being bought, asked of another library), then the closed. */
export const requestDeskViews = {
  open: ["received", "ordered", "requested"],
  arrived: ["arrived"],
  refused: ["refused"],
  cancelled: ["cancelled"],
} as const satisfies Record<string, readonly HoldRequestRow["status"][]>;
export type RequestDeskView = keyof typeof requestDeskViews;

/** Every patron's requests in one view, oldest first, with the number in each state (the staff's requests desk). */
export async function getRequestDesk(
  ctx: Pick<Context, "db" | "librarySystemId">,
  view: RequestDeskView,
): Promise<{ rows: RequestDeskRow[]; counts: Record<string, number> }> {
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => ({
    rows: await listRequestDesk(tx, requestDeskViews[view]),
    counts: await countRequestsByStatus(tx),
  }));
}
