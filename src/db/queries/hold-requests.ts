import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type HoldRequestRow = {
  id: number;
  patronId: string;
  channel: string;
  title: string;
  author: string | null;
  publisher: string | null;
  isbn13: string | null;
  materialType: string;
  genre: string | null;
  pickupServicePointId: string;
  pickupPointCode: string;
  contact: "email" | "phone" | "none";
  route: "interLibrary" | "purchase" | null;
  status: "received" | "ordered" | "requested" | "arrived" | "refused" | "cancelled";
  lender: string | null;
  refusalReason: string | null;
  postageYen: number | null;
  holdId: number | null;
  createdAt: string;
  updatedAt: string;
};

const columns = sql`
  q.id::int AS id, q.patron_id AS "patronId", q.channel, q.title, q.author, q.publisher, q.isbn13,
  q.material_type AS "materialType", q.genre, q.pickup_service_point_id AS "pickupServicePointId",
  sp.code AS "pickupPointCode", q.contact, q.route, q.status, q.lender, q.refusal_reason AS "refusalReason",
  q.postage_yen AS "postageYen", q.hold_id::int AS "holdId", q.created_at AS "createdAt",
  q.updated_at AS "updatedAt"`;

export async function insertHoldRequest(
  tx: TenantTx,
  request: Omit<
    HoldRequestRow,
    | "id"
    | "status"
    | "lender"
    | "refusalReason"
    | "postageYen"
    | "holdId"
    | "createdAt"
    | "updatedAt"
    | "pickupPointCode"
  > & {
    receivedBy: string | null;
    now: Date;
  },
): Promise<{ id: number }> {
  const at = request.now.toISOString();
  const result = await tx.execute(sql`
    INSERT INTO hold_requests (library_system_id, patron_id, channel, title, author, publisher, isbn13,
                               material_type, genre, pickup_service_point_id, contact, route, received_by,
                               created_at, updated_at)
    VALUES (${tx.librarySystemId}, ${request.patronId}, ${request.channel}, ${request.title}, ${request.author},
            ${request.publisher}, ${request.isbn13}, ${request.materialType}, ${request.genre},
            ${request.pickupServicePointId}, ${request.contact}, ${request.route}, ${request.receivedBy}, ${at}, ${at})
    RETURNING id::int AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export async function findHoldRequest(
  tx: TenantTx,
  id: number,
  lock = false,
): Promise<HoldRequestRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM hold_requests q JOIN service_points sp ON sp.id = q.pickup_service_point_id
     WHERE q.library_system_id = ${tx.librarySystemId} AND q.id = ${id}
     ${lock ? sql`FOR UPDATE OF q` : sql``}`);
  return resultRows<HoldRequestRow>(result)[0];
}

export async function listHoldRequests(
  tx: TenantTx,
  filter: { status: string | null; patronId: string | null },
): Promise<HoldRequestRow[]> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM hold_requests q JOIN service_points sp ON sp.id = q.pickup_service_point_id
     WHERE q.library_system_id = ${tx.librarySystemId}
       ${filter.status === null ? sql`` : sql`AND q.status = ${filter.status}`}
       ${filter.patronId === null ? sql`` : sql`AND q.patron_id = ${filter.patronId}`}
     ORDER BY q.created_at DESC, q.id DESC
     LIMIT 500`);
  return resultRows<HoldRequestRow>(result);
}

export async function updateHoldRequest(
  tx: TenantTx,
  id: number,
  change: {
    status: HoldRequestRow["status"];
    route?: "interLibrary" | "purchase" | null;
    lender?: string | null;
    refusalReason?: string | null;
    postageYen?: number | null;
    holdId?: number | null;
  },
  now: Date,
): Promise<void> {
  const sets = [sql`status = ${change.status}`, sql`updated_at = ${now.toISOString()}`];
  if (change.route !== undefined) sets.push(sql`route = ${change.route}`);
  if (change.lender !== undefined) sets.push(sql`lender = ${change.lender}`);
  if (change.refusalReason !== undefined) sets.push(sql`refusal_reason = ${change.refusalReason}`);
  if (change.postageYen !== undefined) sets.push(sql`postage_yen = ${change.postageYen}`);
  if (change.holdId !== undefined) sets.push(sql`hold_id = ${change.holdId}`);
  await tx.execute(sql`UPDATE hold_requests SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/** Whether the catalogue holds a copy of this ISBN (requests are only for titles the library does not hold). */
export async function isbnHeld(tx: TenantTx, isbn13: string): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT EXISTS (SELECT 1 FROM bibliographic_records
                    WHERE library_system_id = ${tx.librarySystemId} AND isbn13 = ${isbn13} AND item_count > 0) AS held`);
  return resultRows<{ held: boolean }>(result)[0]!.held;
}

/** Where a request's news goes: the patron's address when they chose mail. */
export async function readRequestNoticeFacts(
  tx: TenantTx,
  id: number,
): Promise<
  | {
      email: string | null;
      contact: string;
      name: string;
      title: string;
      library: { ja: string; en: string };
    }
  | undefined
> {
  const result = await tx.execute(sql`
    SELECT p.email, q.contact, p.family_name || ' ' || p.given_name AS name, q.title,
           json_build_object('ja', ls.name_ja, 'en', ls.name_en) AS library
      FROM hold_requests q JOIN patrons p ON p.id = q.patron_id
      JOIN library_systems ls ON ls.id = q.library_system_id
     WHERE q.id = ${id}`);
  return resultRows<{
    email: string | null;
    contact: string;
    name: string;
    title: string;
    library: { ja: string; en: string };
  }>(result)[0];
}

export type RequestDeskRow = HoldRequestRow & { patronName: string; cardNumber: string | null };

/** The requests desk: requests in these states with their patrons, oldest first (the order they are worked). */
export async function listRequestDesk(tx: TenantTx, statuses: readonly string[]): Promise<RequestDeskRow[]> {
  const result = await tx.execute(sql`
    SELECT ${columns}, p.family_name || ' ' || p.given_name AS "patronName",
           (SELECT number FROM patron_cards c WHERE c.patron_id = p.id AND c.status = 'active'
             ORDER BY (c.kind = 'card') DESC, c.issued_on DESC LIMIT 1) AS "cardNumber"
      FROM hold_requests q
      JOIN service_points sp ON sp.id = q.pickup_service_point_id
      JOIN patrons p ON p.id = q.patron_id
     WHERE q.library_system_id = ${tx.librarySystemId}
       AND q.status IN (${sql.join(
         statuses.map((s) => sql`${s}`),
         sql`, `,
       )})
     ORDER BY q.created_at, q.id
     LIMIT 500`);
  return resultRows<RequestDeskRow>(result);
}

/** How many requests are in each state, for the desk's tabs. */
export async function countRequestsByStatus(tx: TenantTx): Promise<Record<string, number>> {
  const result = await tx.execute(sql`
    SELECT status, count(*)::int AS n FROM hold_requests
     WHERE library_system_id = ${tx.librarySystemId} GROUP BY status`);
  return Object.fromEntries(resultRows<{ status: string; n: number }>(result).map((r) => [r.status, r.n]));
}
