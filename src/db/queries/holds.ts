import { type SQL, sql } from "drizzle-orm";
import type { HoldChannel, HoldContact } from "../../domain/holds/hold-placement.ts";
import type { HoldStatus } from "../../domain/holds/hold-shelf.ts";
import { resultRows } from "../migrate.ts";
import { executeNamed } from "../named-statement.ts";
import { bigintArray, uuidArray } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

// Reservations: the patron's facts at placement, the queue, the hold shelf and its lists. Each function is one
// statement; the queue's head is read through the partial index `holds_queue`, whatever the queue's length.

export type { HoldChannel, HoldContact, HoldStatus };

export type HoldPatronRow = {
  patronId: string;
  status: "active" | "expired" | "blocked" | "deleted";
  expiresOn: string;
  basis: "resident" | "worker" | "student";
  registrationKind: "area" | "wideArea";
  email: string | null;
  phone: string;
  familyName: string;
  givenName: string;
  cardNumber: string | null;
  cardKind: "card" | "temporary" | null;
  cardStatus: "active" | "lost" | "replaced" | "retired" | null;
};

/**
 * The patron with their current card, locked so that two reservations placed at once are counted against
 * the limits one after the other.
 */
export async function lockHoldPatron(tx: TenantTx, patronId: string): Promise<HoldPatronRow | undefined> {
  const result = await tx.execute(sql`
    SELECT p.id AS "patronId", p.status, p.expires_on::text AS "expiresOn", p.basis,
           p.registration_kind AS "registrationKind", p.email, p.phone,
           p.family_name AS "familyName", p.given_name AS "givenName",
           c.number AS "cardNumber", c.kind AS "cardKind", c.status AS "cardStatus"
      FROM patrons p
      LEFT JOIN LATERAL (
        SELECT number, kind, status FROM patron_cards
         WHERE patron_id = p.id AND status IN ('active', 'lost')
         ORDER BY (status = 'active') DESC, (kind = 'card') DESC, issued_on DESC LIMIT 1) c ON true
     WHERE p.library_system_id = ${tx.librarySystemId} AND p.id = ${patronId}
       FOR UPDATE OF p`);
  return resultRows<HoldPatronRow>(result)[0];
}

export type PatronHoldFactsRow = {
  activeHolds: { recordId: number; channel: HoldChannel; materialType: string | null }[];
  openRequests: number;
  recordsOnLoan: number[];
};

/** What the limits and the duplicate check count: active reservations, open requests, titles on loan. */
export async function readPatronHoldFacts(tx: TenantTx, patronId: string): Promise<PatronHoldFactsRow> {
  const result = await tx.execute(sql`
    SELECT
      coalesce((SELECT json_agg(json_build_object('recordId', record_id, 'channel', channel,
                                                  'materialType', material_type))
                  FROM holds WHERE patron_id = ${patronId} AND status IN ('pending', 'inTransit', 'ready')),
               '[]'::json) AS "activeHolds",
      (SELECT count(*)::int FROM hold_requests
        WHERE patron_id = ${patronId} AND status IN ('received', 'ordered', 'requested')) AS "openRequests",
      coalesce((SELECT array_agg(DISTINCT i.record_id::int) FROM loans l JOIN items i ON i.id = l.item_id
                 WHERE l.patron_id = ${patronId} AND l.returned_at IS NULL), '{}') AS "recordsOnLoan"`);
  return resultRows<PatronHoldFactsRow>(result)[0]!;
}

export type HoldableItemRow = {
  id: number;
  barcode: string;
  materialType: string;
  callNumber: string;
  flags: string[];
  servicePointId: string;
  status: string;
};

/** The title's items that are not withdrawn. */
export async function listHoldableItems(tx: TenantTx, recordId: number): Promise<HoldableItemRow[]> {
  const result = await tx.execute(sql`
    SELECT id::int AS id, barcode, material_type AS "materialType", call_number AS "callNumber", flags,
           service_point_id AS "servicePointId", status
      FROM items
     WHERE library_system_id = ${tx.librarySystemId} AND record_id = ${recordId} AND status <> 'withdrawn'
     ORDER BY id`);
  return resultRows<HoldableItemRow>(result);
}

export type NewHold = {
  recordId: number;
  patronId: string;
  channel: HoldChannel;
  contact: HoldContact;
  materialType: string | null;
  requestedItemId: number | null;
  pickupServicePointId: string | null;
  delivery: "postal" | null;
  placedByStaffId: string | null;
  now: Date;
};

export async function insertHold(tx: TenantTx, hold: NewHold): Promise<{ id: number }> {
  const at = hold.now.toISOString();
  const result = await tx.execute(sql`
    WITH hold AS (
      INSERT INTO holds (library_system_id, record_id, patron_id, channel, contact, material_type,
                         requested_item_id, pickup_service_point_id, delivery, placed_by_staff_id, status,
                         created_at, updated_at)
      VALUES (${tx.librarySystemId}, ${hold.recordId}, ${hold.patronId}, ${hold.channel}, ${hold.contact},
              ${hold.materialType}, ${hold.requestedItemId}, ${hold.pickupServicePointId}, ${hold.delivery},
              ${hold.placedByStaffId}, 'pending', ${at}, ${at})
      RETURNING id),
    used AS (
      UPDATE patrons SET last_used_on = greatest(last_used_on, ${at}::timestamptz::date)
       WHERE id = ${hold.patronId} RETURNING id)
    SELECT hold.id::int AS id FROM hold, used`);
  return resultRows<{ id: number }>(result)[0]!;
}

export type HoldRow = {
  id: number;
  recordId: number;
  title: string;
  patronId: string | null;
  status: HoldStatus;
  channel: HoldChannel;
  contact: HoldContact;
  materialType: string | null;
  requestedItemId: number | null;
  requestedItemBarcode: string | null;
  itemId: number | null;
  itemBarcode: string | null;
  pickupServicePointId: string | null;
  pickupPointCode: string | null;
  pickupPointJa: string | null;
  pickupPointEn: string | null;
  delivery: "postal" | null;
  readyOn: string | null;
  notifiedOn: string | null;
  pickupDeadline: string | null;
  calledAt: string | null;
  callOutcome: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  collectedByProxy: unknown;
  createdAt: string;
  /** Place in the title's queue (pending only). */
  position: number | null;
};

const holdColumns = sql`
  h.id::int AS id, h.record_id::int AS "recordId", r.title, h.patron_id AS "patronId", h.status, h.channel,
  h.contact, h.material_type AS "materialType", h.requested_item_id::int AS "requestedItemId",
  (SELECT ri.barcode FROM items ri WHERE ri.id = h.requested_item_id) AS "requestedItemBarcode",
  h.item_id::int AS "itemId", i.barcode AS "itemBarcode",
  h.pickup_service_point_id AS "pickupServicePointId", h.delivery, h.ready_on::text AS "readyOn",
  h.notified_on::text AS "notifiedOn", h.pickup_deadline::text AS "pickupDeadline",
  h.called_at AS "calledAt", h.call_outcome AS "callOutcome", h.cancelled_at AS "cancelledAt",
  h.cancelled_by AS "cancelledBy", h.collected_by_proxy AS "collectedByProxy", h.created_at AS "createdAt",
  sp.code AS "pickupPointCode", sp.name_ja AS "pickupPointJa", sp.name_en AS "pickupPointEn",
  CASE WHEN h.status = 'pending' THEN
    (SELECT count(*)::int FROM holds q
      WHERE q.record_id = h.record_id AND q.status = 'pending'
        AND (q.created_at, q.id) <= (h.created_at, h.id))
  END AS position`;

export async function findHold(tx: TenantTx, id: number, lock = false): Promise<HoldRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${holdColumns}
      FROM holds h JOIN bibliographic_records r ON r.id = h.record_id
      LEFT JOIN items i ON i.id = h.item_id LEFT JOIN service_points sp ON sp.id = h.pickup_service_point_id
     WHERE h.library_system_id = ${tx.librarySystemId} AND h.id = ${id}
     ${lock ? sql`FOR UPDATE OF h` : sql``}`);
  return resultRows<HoldRow>(result)[0];
}

export async function listHoldsOfPatron(
  tx: TenantTx,
  patronId: string,
  which: "active" | "all",
): Promise<HoldRow[]> {
  const result = await tx.execute(sql`
    SELECT ${holdColumns}
      FROM holds h JOIN bibliographic_records r ON r.id = h.record_id
      LEFT JOIN items i ON i.id = h.item_id LEFT JOIN service_points sp ON sp.id = h.pickup_service_point_id
     WHERE h.patron_id = ${patronId}
       ${which === "active" ? sql`AND h.status IN ('pending', 'inTransit', 'ready')` : sql``}
     ORDER BY h.created_at DESC, h.id DESC
     LIMIT 200`);
  return resultRows<HoldRow>(result);
}

export async function updateHold(
  tx: TenantTx,
  id: number,
  change: {
    status?: HoldStatus;
    pickupServicePointId?: string | null;
    itemId?: number | null;
    readyOn?: string | null;
    notifiedOn?: string | null;
    pickupDeadline?: string | null;
    cancelledBy?: "patron" | "staff" | "system";
    cancelReason?: string | null;
    call?: { at: Date; by: string | null; outcome: string };
    collectedByProxy?: unknown;
    fulfilled?: boolean;
  },
  now: Date,
): Promise<void> {
  const sets = [sql`updated_at = ${now.toISOString()}`];
  if (change.status !== undefined) sets.push(sql`status = ${change.status}`);
  if (change.pickupServicePointId !== undefined)
    sets.push(sql`pickup_service_point_id = ${change.pickupServicePointId}`);
  if (change.itemId !== undefined) sets.push(sql`item_id = ${change.itemId}`);
  if (change.readyOn !== undefined) sets.push(sql`ready_on = ${change.readyOn}`);
  if (change.notifiedOn !== undefined) sets.push(sql`notified_on = ${change.notifiedOn}`);
  if (change.pickupDeadline !== undefined) sets.push(sql`pickup_deadline = ${change.pickupDeadline}`);
  if (change.cancelledBy !== undefined) {
    sets.push(sql`cancelled_by = ${change.cancelledBy}`, sql`cancelled_at = ${now.toISOString()}`);
    sets.push(sql`cancel_reason = ${change.cancelReason ?? null}`);
  }
  if (change.call) {
    sets.push(sql`called_at = ${change.call.at.toISOString()}`, sql`called_by = ${change.call.by}`);
    sets.push(sql`call_outcome = ${change.call.outcome}`);
  }
  if (change.collectedByProxy !== undefined) {
    sets.push(sql`collected_by_proxy = ${JSON.stringify(change.collectedByProxy)}::jsonb`);
  }
  if (change.fulfilled) sets.push(sql`fulfilled_at = ${now.toISOString()}`);
  await tx.execute(sql`UPDATE holds SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/**
 * The pending reservations a copy may fill: title-level ones of its record, and item-level ones for this copy.
 * `claimNextHold` claims the first; a return's item lock asks whether there is one (`lockItemForReturn`).
 */
export function holdsTheCopyMayFill(hold: string, recordId: SQL, itemId: SQL): SQL {
  const h = sql.raw(hold);
  return sql`${h}.record_id = ${recordId} AND ${h}.status = 'pending'
       AND (${h}.requested_item_id IS NULL OR ${h}.requested_item_id = ${itemId})`;
}

/**
 * The first pending reservation of the title that this copy can fill (title-level, or item-level for this
 * copy), claimed so that two returns racing never trap one reservation twice: the second skips the locked row.
 */
export async function claimNextHold(
  tx: TenantTx,
  recordId: number,
  itemId: number,
): Promise<
  | {
      id: number;
      patronId: string | null;
      pickupServicePointId: string | null;
      contact: HoldContact;
      delivery: "postal" | null;
    }
  | undefined
> {
  const result = await executeNamed(
    tx,
    "claim_next_hold",
    sql`
    SELECT id::int AS id, patron_id AS "patronId", pickup_service_point_id AS "pickupServicePointId", contact,
           delivery
      FROM holds
     WHERE ${holdsTheCopyMayFill("holds", sql`${recordId}`, sql`${itemId}`)}
     ORDER BY holds.created_at, holds.id LIMIT 1
       FOR UPDATE SKIP LOCKED`,
  );
  return resultRows<{
    id: number;
    patronId: string | null;
    pickupServicePointId: string | null;
    contact: HoldContact;
    delivery: "postal" | null;
  }>(result)[0];
}

export type HoldNoticeFacts = {
  email: string | null;
  name: string;
  title: string;
  point: { ja: string; en: string };
  library: { ja: string; en: string };
};

/** The patron a reservation mail goes to, with the title, where to collect it, and the library's name. */
export async function readHoldNoticeFacts(
  tx: TenantTx,
  holdId: number,
): Promise<HoldNoticeFacts | undefined> {
  const result = await tx.execute(sql`
    SELECT p.email, p.family_name || ' ' || p.given_name AS name, r.title,
           json_build_object('ja', coalesce(sp.name_ja, ''), 'en', coalesce(sp.name_en, '')) AS point,
           json_build_object('ja', ls.name_ja, 'en', ls.name_en) AS library
      FROM holds h JOIN patrons p ON p.id = h.patron_id
      JOIN bibliographic_records r ON r.id = h.record_id
      JOIN library_systems ls ON ls.id = h.library_system_id
      LEFT JOIN service_points sp ON sp.id = h.pickup_service_point_id
     WHERE h.id = ${holdId}`);
  return resultRows<HoldNoticeFacts>(result)[0];
}

export type ShelfHoldRow = {
  id: number;
  title: string;
  itemBarcode: string | null;
  callNumber: string | null;
  patronId: string | null;
  patronName: string | null;
  cardNumber: string | null;
  phone: string | null;
  contact: HoldContact;
  status: HoldStatus;
  readyOn: string | null;
  notifiedOn: string | null;
  pickupDeadline: string | null;
  calledAt: string | null;
  callOutcome: string | null;
  pickupServicePointId: string | null;
};

const shelfColumns = sql`
  h.id::int AS id, r.title, i.barcode AS "itemBarcode", i.call_number AS "callNumber", h.patron_id AS "patronId",
  p.family_name || ' ' || p.given_name AS "patronName", p.phone,
  (SELECT number FROM patron_cards c WHERE c.patron_id = p.id AND c.status = 'active'
    ORDER BY (c.kind = 'card') DESC, c.issued_on DESC LIMIT 1) AS "cardNumber",
  h.contact, h.status, h.ready_on::text AS "readyOn", h.notified_on::text AS "notifiedOn",
  h.pickup_deadline::text AS "pickupDeadline", h.called_at AS "calledAt", h.call_outcome AS "callOutcome",
  h.pickup_service_point_id AS "pickupServicePointId"`;

/** The hold shelf of a service point: ready reservations, soonest deadline first (no deadline yet: last). */
export async function listHoldShelf(tx: TenantTx, servicePointId: string): Promise<ShelfHoldRow[]> {
  const result = await tx.execute(sql`
    SELECT ${shelfColumns}
      FROM holds h JOIN bibliographic_records r ON r.id = h.record_id
      LEFT JOIN items i ON i.id = h.item_id LEFT JOIN patrons p ON p.id = h.patron_id
     WHERE h.library_system_id = ${tx.librarySystemId} AND h.status = 'ready'
       AND h.pickup_service_point_id = ${servicePointId}
     ORDER BY h.pickup_deadline NULLS LAST, h.id`);
  return resultRows<ShelfHoldRow>(result);
}

/** Phone contact: ready reservations nobody has reached yet (001: 連絡日から1週間). */
export async function listHoldsToCall(tx: TenantTx, servicePointId: string | null): Promise<ShelfHoldRow[]> {
  const result = await tx.execute(sql`
    SELECT ${shelfColumns}
      FROM holds h JOIN bibliographic_records r ON r.id = h.record_id
      LEFT JOIN items i ON i.id = h.item_id LEFT JOIN patrons p ON p.id = h.patron_id
     WHERE h.library_system_id = ${tx.librarySystemId} AND h.status = 'ready' AND h.contact = 'phone'
       AND h.notified_on IS NULL
       ${servicePointId === null ? sql`` : sql`AND h.pickup_service_point_id = ${servicePointId}`}
     ORDER BY h.ready_on, h.id`);
  return resultRows<ShelfHoldRow>(result);
}

export type PullListRow = {
  holdId: number;
  title: string;
  barcode: string;
  callNumber: string;
  pickupServicePointId: string | null;
  queuedSince: string;
};

/**
 * Copies on this service point's shelf that a pending reservation waits for: staff pull them and check
 * them in, which traps them. One row per reservation at the head of its title's queue.
 */
export async function listItemsToPull(tx: TenantTx, servicePointId: string): Promise<PullListRow[]> {
  const result = await tx.execute(sql`
    SELECT DISTINCT ON (h.id) h.id::int AS "holdId", r.title, i.barcode, i.call_number AS "callNumber",
           h.pickup_service_point_id AS "pickupServicePointId", h.created_at AS "queuedSince"
      FROM holds h
      JOIN bibliographic_records r ON r.id = h.record_id
      JOIN items i ON i.record_id = h.record_id AND i.status = 'onShelf' AND i.service_point_id = ${servicePointId}
                  AND (h.requested_item_id IS NULL OR h.requested_item_id = i.id)
     WHERE h.library_system_id = ${tx.librarySystemId} AND h.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM holds e WHERE e.record_id = h.record_id AND e.status = 'pending'
                         AND (e.created_at, e.id) < (h.created_at, h.id))
     ORDER BY h.id, i.id
     LIMIT 500`);
  return resultRows<PullListRow>(result);
}

/** Reservations that ended today on this service point's hold shelf: staff clear their copies. */
export async function listExpiredToClear(
  tx: TenantTx,
  servicePointId: string,
  since: Date,
): Promise<ShelfHoldRow[]> {
  const result = await tx.execute(sql`
    SELECT ${shelfColumns}
      FROM holds h JOIN bibliographic_records r ON r.id = h.record_id
      LEFT JOIN items i ON i.id = h.item_id LEFT JOIN patrons p ON p.id = h.patron_id
     WHERE h.library_system_id = ${tx.librarySystemId} AND h.status IN ('expired', 'cancelled')
       AND h.pickup_service_point_id = ${servicePointId} AND h.ready_on IS NOT NULL
       AND h.updated_at >= ${since.toISOString()}
     ORDER BY h.updated_at DESC
     LIMIT 500`);
  return resultRows<ShelfHoldRow>(result);
}

export type TransitRow = {
  barcode: string;
  title: string;
  homeServicePointId: string;
  toServicePointId: string;
  since: string;
  holdId: number | null;
};

/** Items travelling to a service point (or, without one, every item in transit), longest on the road first. */
export async function listTransit(tx: TenantTx, toServicePointId: string | null): Promise<TransitRow[]> {
  const result = await tx.execute(sql`
    SELECT i.barcode, r.title, i.service_point_id AS "homeServicePointId", i.transit_to AS "toServicePointId",
           i.transit_since AS since, h.id::int AS "holdId"
      FROM items i JOIN bibliographic_records r ON r.id = i.record_id
      LEFT JOIN holds h ON h.item_id = i.id AND h.status = 'inTransit'
     WHERE i.library_system_id = ${tx.librarySystemId} AND i.status = 'inTransit'
       ${toServicePointId === null ? sql`` : sql`AND i.transit_to = ${toServicePointId}`}
     ORDER BY i.transit_since
     LIMIT 500`);
  return resultRows<TransitRow>(result);
}

/** The reservation an item in transit is travelling for, with where it is to be picked up. */
export async function findTravellingHold(
  tx: TenantTx,
  itemId: number,
): Promise<{ id: number; pickupServicePointId: string; contact: HoldContact } | undefined> {
  const result = await tx.execute(sql`
    SELECT h.id::int AS id, coalesce(h.pickup_service_point_id, i.service_point_id) AS "pickupServicePointId",
           h.contact
      FROM holds h JOIN items i ON i.id = h.item_id
     WHERE h.item_id = ${itemId} AND h.status = 'inTransit'
     LIMIT 1`);
  return resultRows<{ id: number; pickupServicePointId: string; contact: HoldContact }>(result)[0];
}

export async function findItemIdByBarcode(tx: TenantTx, barcode: string): Promise<number | undefined> {
  const result = await tx.execute(sql`
    SELECT id::int AS id FROM items WHERE library_system_id = ${tx.librarySystemId} AND barcode = ${barcode}`);
  return resultRows<{ id: number }>(result)[0]?.id;
}

/** A copy as routing needs it: where it lives, its status, and what decides whether it may fill a reservation. */
export type RoutedItemRow = {
  id: number;
  recordId: number;
  status: "onShelf" | "onLoan" | "inTransit" | "onHoldShelf" | "withdrawn";
  homeServicePointId: string;
  materialType: string;
  callNumber: string;
  flags: string[];
  /**
   * Whether a pending reservation the copy could fill was there when the copy was locked; when false the
   * routing does not look again (a return reads it with the item, one round trip fewer). Unknown: look.
   */
  holdsWaiting?: boolean;
};

export async function lockRoutedItem(tx: TenantTx, itemId: number): Promise<RoutedItemRow> {
  const result = await tx.execute(sql`
    SELECT id::int AS id, record_id::int AS "recordId", status, service_point_id AS "homeServicePointId",
           material_type AS "materialType", call_number AS "callNumber", flags
      FROM items WHERE id = ${itemId} FOR UPDATE`);
  return resultRows<RoutedItemRow>(result)[0]!;
}

export type ExpiredHoldRow = {
  id: number;
  recordId: number;
  itemId: number | null;
  pickupServicePointId: string;
  contact: HoldContact;
  pickupDeadline: string | null;
};

/**
 * Ends a batch of ready reservations whose pickup deadline passed (skipping rows another run holds), in one
 * statement: the daily job works through a hundred thousand without a round trip per reservation.
 */
export async function expireReadyHolds(
  tx: TenantTx,
  today: string,
  limit: number,
  now: Date,
): Promise<ExpiredHoldRow[]> {
  const at = now.toISOString();
  const result = await tx.execute(sql`
    WITH due AS (
      SELECT id FROM holds
       WHERE library_system_id = ${tx.librarySystemId} AND status = 'ready' AND pickup_deadline < ${today}::date
       ORDER BY pickup_deadline, id
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
    UPDATE holds h SET status = 'expired', cancelled_by = 'system', cancelled_at = ${at},
                       cancel_reason = 'pickupDeadlinePassed', updated_at = ${at}
      FROM due WHERE h.id = due.id
    RETURNING h.id::int AS id, h.record_id::int AS "recordId", h.item_id::int AS "itemId",
              h.pickup_service_point_id AS "pickupServicePointId", h.contact,
              h.pickup_deadline::text AS "pickupDeadline"`);
  return resultRows<ExpiredHoldRow>(result);
}

/** How many wait for each of the titles among `recordIds` (titles nobody waits for are absent). */
export async function queueLengths(tx: TenantTx, recordIds: readonly number[]): Promise<Map<number, number>> {
  if (recordIds.length === 0) return new Map();
  const result = await tx.execute(sql`
    SELECT record_id::int AS id, count(*)::int AS n FROM holds
     WHERE record_id = ANY(${bigintArray(recordIds)}) AND status = 'pending'
     GROUP BY record_id`);
  return new Map(resultRows<{ id: number; n: number }>(result).map((r) => [r.id, r.n]));
}

/** Copies freed from the hold shelf with nobody waiting: onto the shelf at home, else in transit home. */
export async function sendHeldItemsHome(
  tx: TenantTx,
  items: readonly { itemId: number; hereId: string }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  const at = now.toISOString();
  await tx.execute(sql`
    UPDATE items i
       SET status = CASE WHEN i.service_point_id = f.here THEN 'onShelf' ELSE 'inTransit' END,
           transit_to = CASE WHEN i.service_point_id = f.here THEN NULL ELSE i.service_point_id END,
           transit_since = CASE WHEN i.service_point_id = f.here THEN NULL ELSE ${at}::timestamptz END,
           due_on = NULL, updated_at = ${at}
      FROM unnest(${bigintArray(items.map((i) => i.itemId))}, ${uuidArray(items.map((i) => i.hereId))})
           AS f(item_id, here)
     WHERE i.id = f.item_id`);
}

/** The mails of expired reservations: patrons who chose mail and have an address. */
export async function readExpiryNoticeFacts(
  tx: TenantTx,
  holdIds: readonly number[],
): Promise<(HoldNoticeFacts & { holdId: number })[]> {
  if (holdIds.length === 0) return [];
  const result = await tx.execute(sql`
    SELECT h.id::int AS "holdId", p.email, p.family_name || ' ' || p.given_name AS name, r.title,
           json_build_object('ja', coalesce(sp.name_ja, ''), 'en', coalesce(sp.name_en, '')) AS point,
           json_build_object('ja', ls.name_ja, 'en', ls.name_en) AS library
      FROM holds h JOIN patrons p ON p.id = h.patron_id
      JOIN bibliographic_records r ON r.id = h.record_id
      JOIN library_systems ls ON ls.id = h.library_system_id
      LEFT JOIN service_points sp ON sp.id = h.pickup_service_point_id
     WHERE h.id = ANY(${bigintArray(holdIds)}) AND h.contact = 'email' AND p.email IS NOT NULL`);
  return resultRows<HoldNoticeFacts & { holdId: number }>(result);
}

/** The patron's current card: a ready reservation is lent on it whoever collects it. */
export async function findPatronCardNumber(tx: TenantTx, patronId: string): Promise<string | undefined> {
  const result = await tx.execute(sql`
    SELECT number FROM patron_cards WHERE patron_id = ${patronId} AND status = 'active'
     ORDER BY (kind = 'card') DESC, issued_on DESC LIMIT 1`);
  return resultRows<{ number: string }>(result)[0]?.number;
}
