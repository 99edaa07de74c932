import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { executeNamed } from "../named-statement.ts";
import type { TenantTx } from "../tenant.ts";
import { itemEventInsert } from "./circulation-events.ts";
import { holdsTheCopyMayFill } from "./holds.ts";

// The counter's hot path: each function is one statement, written out so that a checkout or a return
// costs a handful of round trips (bench/circulation measures it).

export type BorrowerRow = {
  patronId: string;
  status: "active" | "expired" | "blocked" | "deleted";
  expiresOn: string;
  cardNumber: string | null;
  cardKind: "card" | "temporary" | null;
  cardStatus: "active" | "lost" | "replaced" | "retired" | null;
  cardIssuedOn: string | null;
  email: string | null;
  deliveryApplied: boolean;
};

/**
 * The patron behind a credential, locked for the rest of the transaction: two counters lending to the
 * same patron wait for each other, so the loan limit is counted on committed loans only. A card number
 * names its own card (a lost card answers with its status); other credentials use the current card.
 */
export async function lockBorrower(
  tx: TenantTx,
  credential: { kind: string; value: string },
): Promise<BorrowerRow | undefined> {
  const result =
    credential.kind === "card"
      ? await executeNamed(
          tx,
          "lock_borrower_by_card",
          sql`
          SELECT p.id AS "patronId", p.status, p.expires_on::text AS "expiresOn", p.email,
                 coalesce((p.preferences->>'deliveryLending')::boolean, false) AS "deliveryApplied",
                 c.number AS "cardNumber", c.kind AS "cardKind", c.status AS "cardStatus",
                 c.issued_on::text AS "cardIssuedOn"
            FROM patron_cards c JOIN patrons p ON p.id = c.patron_id
           WHERE c.library_system_id = ${tx.librarySystemId} AND c.number = ${credential.value}
             FOR UPDATE OF p`,
        )
      : await executeNamed(
          tx,
          "lock_borrower_by_credential",
          sql`
          SELECT p.id AS "patronId", p.status, p.expires_on::text AS "expiresOn", p.email,
                 coalesce((p.preferences->>'deliveryLending')::boolean, false) AS "deliveryApplied",
                 c.number AS "cardNumber", c.kind AS "cardKind", c.status AS "cardStatus",
                 c.issued_on::text AS "cardIssuedOn"
            FROM patron_credentials cr
            JOIN patrons p ON p.id = cr.patron_id
            LEFT JOIN LATERAL (
              SELECT number, kind, status, issued_on FROM patron_cards
               WHERE patron_id = p.id AND status = 'active'
               ORDER BY (kind = 'card') DESC, issued_on DESC LIMIT 1) c ON true
           WHERE cr.library_system_id = ${tx.librarySystemId} AND cr.kind = ${credential.kind}
             AND cr.value = ${credential.value} AND cr.unlinked_at IS NULL
             FOR UPDATE OF p`,
        );
  return resultRows<BorrowerRow>(result)[0];
}

export type LendableItemRow = {
  id: number;
  recordId: number;
  barcode: string;
  materialType: string;
  flags: string[];
  status: "onShelf" | "onLoan" | "inTransit" | "onHoldShelf" | "withdrawn";
  homeServicePointId: string;
  heldForPatronId: string | null;
  heldHoldId: number | null;
  pendingHolds: number;
  illPatronId: string | null;
  illDueOn: string | null;
  /** What the borrower has on loan now, for the loan limits. */
  currentLoans: { materialType: string; delivery: "postal" | "online" | null }[];
};

/**
 * The item and whom it is kept for, locked: the second of two counters scanning it waits, then sees it lent.
 * The borrower's open loans come with it: the borrower is locked first (lockBorrower), so no other counter
 * can lend to them meanwhile.
 */
export async function lockItemForLoan(
  tx: TenantTx,
  barcode: string,
  patronId: string,
): Promise<LendableItemRow | undefined> {
  const result = await executeNamed(
    tx,
    "lock_item_for_loan",
    sql`
    SELECT i.id::int AS id, i.record_id::int AS "recordId", i.barcode, i.material_type AS "materialType",
           i.flags, i.status, i.service_point_id AS "homeServicePointId",
           h.patron_id AS "heldForPatronId", h.id::int AS "heldHoldId",
           (SELECT count(*)::int FROM holds q
             WHERE q.record_id = i.record_id AND q.status = 'pending'
               AND q.patron_id IS DISTINCT FROM ${patronId}) AS "pendingHolds",
           ib.patron_id AS "illPatronId", ib.due_on::text AS "illDueOn",
           (SELECT coalesce(json_agg(json_build_object('materialType', li.material_type, 'delivery', l.delivery)),
                            '[]'::json)
              FROM loans l JOIN items li ON li.id = l.item_id
             WHERE l.patron_id = ${patronId} AND l.returned_at IS NULL) AS "currentLoans"
      FROM items i
      LEFT JOIN LATERAL (SELECT id, patron_id FROM holds
                          WHERE item_id = i.id AND status IN ('ready', 'inTransit') LIMIT 1) h ON true
      LEFT JOIN ill_borrowings ib ON ib.item_id = i.id AND ib.sent_back_on IS NULL
     WHERE i.library_system_id = ${tx.librarySystemId} AND i.barcode = ${barcode}
       FOR UPDATE OF i`,
  );
  return resultRows<LendableItemRow>(result)[0];
}

export type CheckoutWrite = {
  itemId: number;
  recordId: number;
  patronId: string;
  credentialKind: string;
  servicePointId: string;
  delivery: "postal" | "online" | null;
  loanedAt: Date;
  loanedOn: string;
  dueOn: string;
  overrides: unknown[];
  /** The item was on the shelf: the record has one copy fewer to lend. */
  wasOnShelf: boolean;
  /** The borrower's reservation this copy was kept for, collected now (by a proxy, recorded). */
  collectedHold: { id: number; proxy: unknown } | null;
  audit: { actorStaffId: string | null; action: string; details: Record<string, unknown> };
};

/**
 * Everything a checkout writes, in one statement (one round trip at a busy counter): the loan, the item on
 * loan, the patron's last use, the reservation collected and any other of the patron's reservations of the
 * title fulfilled, the record's count of copies on the shelf, the anonymous event for the figures and the
 * audit entry. The partial unique index on open loans per item is the last guard against two counters
 * lending one item: its violation surfaces as 23505 and nothing is written.
 */
export async function writeCheckout(tx: TenantTx, w: CheckoutWrite): Promise<{ id: number }> {
  const at = w.loanedAt.toISOString();
  const result = await executeNamed(
    tx,
    "write_checkout",
    sql`
    WITH loan AS (
      INSERT INTO loans (library_system_id, item_id, patron_id, credential_kind, service_point_id, delivery,
                         loaned_at, loaned_on, first_due_on, due_on, overrides)
      VALUES (${tx.librarySystemId}, ${w.itemId}, ${w.patronId}, ${w.credentialKind},
              ${w.servicePointId}, ${w.delivery}, ${at}, ${w.loanedOn},
              ${w.dueOn}, ${w.dueOn}, ${JSON.stringify(w.overrides)}::jsonb)
      RETURNING id, item_id),
    item AS (
      UPDATE items SET status = 'onLoan', due_on = ${w.dueOn}, transit_to = NULL, transit_since = NULL,
                       updated_at = ${at}
       WHERE id = ${w.itemId} RETURNING id),
    used AS (
      UPDATE patrons SET last_used_on = greatest(last_used_on, ${w.loanedOn}::date)
       WHERE id = ${w.patronId} RETURNING id),
    collected AS (
      UPDATE holds SET status = 'fulfilled', fulfilled_at = ${at}, updated_at = ${at},
                       collected_by_proxy = ${w.collectedHold?.proxy == null ? null : JSON.stringify(w.collectedHold.proxy)}::jsonb
       WHERE id = ${w.collectedHold?.id ?? null}::bigint),
    fulfilled AS (
      UPDATE holds SET status = 'fulfilled', fulfilled_at = ${at}, updated_at = ${at}
       WHERE patron_id = ${w.patronId} AND record_id = ${w.recordId} AND status = 'pending'),
    shelf AS (
      UPDATE bibliographic_records SET available_item_count = available_item_count - 1
       WHERE id = ${w.recordId} AND ${w.wasOnShelf}::boolean),
    event AS (${itemEventInsert(tx, { kind: "loan", itemId: w.itemId, servicePointId: w.servicePointId, day: w.loanedOn })}),
    audit AS (
      INSERT INTO audit_log (library_system_id, actor_staff_id, action, subject_type, subject_id, details, at)
      SELECT ${tx.librarySystemId}, ${w.audit.actorStaffId}, ${w.audit.action}, 'patron', ${w.patronId},
             ${JSON.stringify(w.audit.details)}::jsonb || jsonb_build_object('loanId', loan.id), ${at}
        FROM loan)
    SELECT loan.id::int AS id FROM loan, item, used`,
  );
  return resultRows<{ id: number }>(result)[0]!;
}

export type OpenLoanRow = {
  id: number;
  itemId: number;
  recordId: number;
  barcode: string;
  materialType: string;
  flags: string[];
  callNumber: string;
  title: string;
  patronId: string;
  servicePointId: string;
  delivery: "postal" | "online" | null;
  loanedOn: string;
  firstDueOn: string;
  dueOn: string;
  renewals: number;
  reservedByOther: boolean;
};

const openLoanColumns = sql`
  l.id::int AS id, l.item_id::int AS "itemId", i.record_id::int AS "recordId", i.barcode,
  i.material_type AS "materialType", i.flags, i.call_number AS "callNumber", r.title,
  l.patron_id AS "patronId", l.service_point_id AS "servicePointId", l.delivery,
  l.loaned_on::text AS "loanedOn", l.first_due_on::text AS "firstDueOn", l.due_on::text AS "dueOn",
  l.renewals,
  EXISTS (SELECT 1 FROM holds h
           WHERE h.record_id = i.record_id AND h.patron_id IS DISTINCT FROM l.patron_id
             AND h.status IN ('pending', 'inTransit', 'ready')) AS "reservedByOther"`;

export async function listOpenLoansOf(tx: TenantTx, patronId: string): Promise<OpenLoanRow[]> {
  const result = await tx.execute(sql`
    SELECT ${openLoanColumns}
      FROM loans l JOIN items i ON i.id = l.item_id JOIN bibliographic_records r ON r.id = i.record_id
     WHERE l.library_system_id = ${tx.librarySystemId} AND l.patron_id = ${patronId} AND l.returned_at IS NULL
     ORDER BY l.due_on, l.id`);
  return resultRows<OpenLoanRow>(result);
}

export async function lockOpenLoan(tx: TenantTx, loanId: number): Promise<OpenLoanRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${openLoanColumns}
      FROM loans l JOIN items i ON i.id = l.item_id JOIN bibliographic_records r ON r.id = i.record_id
     WHERE l.library_system_id = ${tx.librarySystemId} AND l.id = ${loanId} AND l.returned_at IS NULL
       FOR UPDATE OF l`);
  return resultRows<OpenLoanRow>(result)[0];
}

export async function renewLoanRow(
  tx: TenantTx,
  loan: { id: number; itemId: number },
  dueOn: string,
  today: string,
  at: Date,
): Promise<void> {
  await tx.execute(sql`
    WITH loan AS (
      UPDATE loans SET due_on = ${dueOn}, renewals = renewals + 1, last_renewed_on = ${today},
                       courtesy_notice_on = NULL
       WHERE id = ${loan.id} RETURNING id)
    UPDATE items SET due_on = ${dueOn}, updated_at = ${at.toISOString()} WHERE id = ${loan.itemId}`);
}

export type ReturningItemRow = {
  id: number;
  recordId: number;
  barcode: string;
  title: string;
  materialType: string;
  callNumber: string;
  flags: string[];
  status: "onShelf" | "onLoan" | "inTransit" | "onHoldShelf" | "withdrawn";
  homeServicePointId: string;
  transitTo: string | null;
  loanId: number | null;
  patronId: string | null;
  lendingServicePointId: string | null;
  loanedOn: string | null;
  dueOn: string | null;
  loanHistoryFrom: string | null;
  readingRecordFrom: string | null;
  illBorrowingId: number | null;
  illLender: string | null;
  holdsWaiting: boolean;
};

export async function lockItemForReturn(
  tx: TenantTx,
  barcode: string,
): Promise<ReturningItemRow | undefined> {
  const result = await executeNamed(
    tx,
    "lock_item_for_return",
    sql`
    SELECT i.id::int AS id, i.record_id::int AS "recordId", i.barcode, r.title,
           i.material_type AS "materialType", i.call_number AS "callNumber", i.flags, i.status,
           i.service_point_id AS "homeServicePointId", i.transit_to AS "transitTo",
           l.id::int AS "loanId", l.patron_id AS "patronId", l.service_point_id AS "lendingServicePointId",
           l.loaned_on::text AS "loanedOn", l.due_on::text AS "dueOn",
           p.loan_history_from::text AS "loanHistoryFrom", p.reading_record_from::text AS "readingRecordFrom",
           ib.id::int AS "illBorrowingId", ib.lender AS "illLender",
           EXISTS (SELECT 1 FROM holds h
                    WHERE ${holdsTheCopyMayFill("h", sql`i.record_id`, sql`i.id`)}) AS "holdsWaiting"
      FROM items i
      JOIN bibliographic_records r ON r.id = i.record_id
      LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
      LEFT JOIN patrons p ON p.id = l.patron_id
      LEFT JOIN ill_borrowings ib ON ib.item_id = i.id AND ib.sent_back_on IS NULL
     WHERE i.library_system_id = ${tx.librarySystemId} AND i.barcode = ${barcode}
       FOR UPDATE OF i`,
  );
  return resultRows<ReturningItemRow>(result)[0];
}

export type ReturnWrite = {
  loanId: number;
  itemId: number;
  recordId: number;
  /** The item's status before the scan. */
  wasOnShelf: boolean;
  /** Where the routing put the item, written by this statement; null when the item stays where it is. */
  placement: ItemPlacement | null;
  returnedAt: Date;
  /** The day the scan is counted on in the figures (a book drop's loans may be returned on an earlier day). */
  today: string;
  returnedOn: string;
  servicePointId: string;
  via: "counter" | "bookDrop" | "returnPoint";
  bookDropId: string | null;
  overdueDays: number;
  exceptions: string[];
  /** The history entry the patron opted in to, or null: nothing about the patron outlives the return. */
  history: {
    patronId: string;
    itemBarcode: string;
    title: string;
    loanedOn: string;
    forReadingRecord: boolean;
    forLoanHistory: boolean;
  } | null;
  audit: { actorStaffId: string | null; details: Record<string, unknown> };
};

/**
 * Everything a return writes after the item has been routed, in one statement: the item where the routing put
 * it, the loan closed without its patron link (DOMAIN.md "Shared model": loans are linked to the patron only
 * while on loan), the history entry the patron asked for, the anonymous event for the figures, the record's
 * count of copies on the shelf and the audit entry.
 */
export async function writeReturn(tx: TenantTx, w: ReturnWrite): Promise<void> {
  const at = w.returnedAt.toISOString();
  const h = w.history;
  const placement = w.placement;
  await executeNamed(
    tx,
    "write_return",
    sql`
    WITH closed AS (
      UPDATE loans SET returned_at = ${at}, returned_on = ${w.returnedOn},
             return_service_point_id = ${w.servicePointId}, returned_via = ${w.via},
             book_drop_id = ${w.bookDropId}, overdue_days = ${w.overdueDays},
             exceptions = ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(w.exceptions)}::jsonb)),
             patron_id = NULL
       WHERE id = ${w.loanId}),
    history AS (
      INSERT INTO loan_history (library_system_id, patron_id, record_id, item_barcode, title, loaned_on,
                                returned_on, for_reading_record, for_loan_history)
      SELECT ${tx.librarySystemId}, ${h?.patronId ?? null}::uuid, ${w.recordId}, ${h?.itemBarcode ?? null},
             ${h?.title ?? null}, ${h?.loanedOn ?? null}::date, ${w.returnedOn}::date,
             ${h?.forReadingRecord ?? false}::boolean, ${h?.forLoanHistory ?? false}::boolean
       WHERE ${h !== null}::boolean),
    event AS (${itemEventInsert(tx, { kind: "return", itemId: w.itemId, servicePointId: w.servicePointId, day: w.today })}),
    placed AS (
      UPDATE items SET status = ${placement?.status ?? null}, due_on = NULL, transit_to = ${placement?.transitTo ?? null},
                       transit_since = ${placement?.transitTo ? at : null}, updated_at = ${at}
       WHERE id = ${w.itemId} AND ${placement !== null}::boolean),
    shelf AS (
      -- Every part of the statement sees the item as it was before it: its new status is the placement's.
      UPDATE bibliographic_records
         SET available_item_count = available_item_count + now_on_shelf::int - (${w.wasOnShelf}::boolean)::int
        FROM (SELECT coalesce(${placement?.status ?? null}::text, status) = 'onShelf' AS now_on_shelf
                FROM items WHERE id = ${w.itemId}) i
       WHERE id = ${w.recordId} AND now_on_shelf IS DISTINCT FROM ${w.wasOnShelf}::boolean),
    audit AS (
      INSERT INTO audit_log (library_system_id, actor_staff_id, action, subject_type, subject_id, details, at)
      VALUES (${tx.librarySystemId}, ${w.audit.actorStaffId}, 'loan.return', 'loan', ${String(w.loanId)},
              ${JSON.stringify(w.audit.details)}::jsonb, ${at}))
    SELECT 1`,
  );
}

/** Where an item is put after a scan: on the shelf, on the hold shelf, or travelling to another service point. */
export type ItemPlacement = {
  id: number;
  status: "onShelf" | "onHoldShelf" | "inTransit";
  transitTo: string | null;
};

/** Where the item is now: on the shelf, on the hold shelf, or travelling to another service point. */
export async function placeItem(tx: TenantTx, item: ItemPlacement, at: Date): Promise<void> {
  await executeNamed(
    tx,
    "place_item",
    sql`
    UPDATE items SET status = ${item.status}, due_on = NULL, transit_to = ${item.transitTo},
                     transit_since = ${item.transitTo === null ? null : at.toISOString()},
                     updated_at = ${at.toISOString()}
     WHERE id = ${item.id}`,
  );
}

export type NoticeCandidateRow = {
  id: number;
  patronId: string;
  email: string;
  title: string;
  barcode: string;
  dueOn: string;
  courtesyNoticeOn: string | null;
  overdueNotices: number;
  lastOverdueNoticeOn: string | null;
};

/** Open loans of patrons with an e-mail address that fall due on or before `dueBy`. */
export async function listNoticeCandidates(tx: TenantTx, dueBy: string): Promise<NoticeCandidateRow[]> {
  const result = await tx.execute(sql`
    SELECT l.id::int AS id, l.patron_id AS "patronId", p.email, r.title, i.barcode,
           l.due_on::text AS "dueOn", l.courtesy_notice_on::text AS "courtesyNoticeOn",
           l.overdue_notices AS "overdueNotices", l.last_overdue_notice_on::text AS "lastOverdueNoticeOn"
      FROM loans l
      JOIN patrons p ON p.id = l.patron_id
      JOIN items i ON i.id = l.item_id
      JOIN bibliographic_records r ON r.id = i.record_id
     WHERE l.library_system_id = ${tx.librarySystemId} AND l.returned_at IS NULL AND l.due_on <= ${dueBy}
       AND p.email IS NOT NULL AND p.email <> ''
     ORDER BY l.patron_id, l.due_on, l.id`);
  return resultRows<NoticeCandidateRow>(result);
}

export async function recordLoanNotices(
  tx: TenantTx,
  kind: "courtesy" | "overdue",
  loanIds: readonly number[],
  today: string,
): Promise<void> {
  if (loanIds.length === 0) return;
  const ids = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(loanIds)}::jsonb)::bigint)`;
  await tx.execute(
    kind === "courtesy"
      ? sql`UPDATE loans SET courtesy_notice_on = ${today} WHERE id = ANY(${ids})`
      : sql`UPDATE loans SET overdue_notices = overdue_notices + 1, last_overdue_notice_on = ${today}
             WHERE id = ANY(${ids})`,
  );
}

export async function insertIllBorrowing(
  tx: TenantTx,
  row: {
    itemId: number;
    patronId: string;
    lender: string;
    lenderReference: string | null;
    receivedOn: string;
    dueOn: string;
  },
): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO ill_borrowings (library_system_id, item_id, patron_id, lender, lender_reference, received_on, due_on)
    VALUES (${tx.librarySystemId}, ${row.itemId}, ${row.patronId}, ${row.lender}, ${row.lenderReference},
            ${row.receivedOn}, ${row.dueOn})
    RETURNING id::int AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export type IllBorrowingRow = {
  id: number;
  itemId: number;
  recordId: number;
  barcode: string;
  title: string;
  itemStatus: string;
  patronId: string | null;
  lender: string;
  lenderReference: string | null;
  receivedOn: string;
  dueOn: string;
  sentBackOn: string | null;
};

const illColumns = sql`
  b.id::int AS id, b.item_id::int AS "itemId", i.record_id::int AS "recordId", i.barcode, r.title,
  i.status AS "itemStatus", b.patron_id AS "patronId", b.lender, b.lender_reference AS "lenderReference",
  b.received_on::text AS "receivedOn", b.due_on::text AS "dueOn", b.sent_back_on::text AS "sentBackOn"`;

export async function listIllBorrowings(tx: TenantTx, open: boolean): Promise<IllBorrowingRow[]> {
  const result = await tx.execute(sql`
    SELECT ${illColumns}
      FROM ill_borrowings b JOIN items i ON i.id = b.item_id JOIN bibliographic_records r ON r.id = i.record_id
     WHERE b.library_system_id = ${tx.librarySystemId}
       AND ${open ? sql`b.sent_back_on IS NULL` : sql`b.sent_back_on IS NOT NULL`}
     ORDER BY b.due_on, b.id
     LIMIT 500`);
  return resultRows<IllBorrowingRow>(result);
}

export async function lockIllBorrowing(tx: TenantTx, id: number): Promise<IllBorrowingRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${illColumns}
      FROM ill_borrowings b JOIN items i ON i.id = b.item_id JOIN bibliographic_records r ON r.id = i.record_id
     WHERE b.library_system_id = ${tx.librarySystemId} AND b.id = ${id}
       FOR UPDATE OF b, i`);
  return resultRows<IllBorrowingRow>(result)[0];
}

export async function markIllSentBack(tx: TenantTx, id: number, itemId: number, today: string, at: Date) {
  await tx.execute(sql`
    WITH b AS (UPDATE ill_borrowings SET sent_back_on = ${today} WHERE id = ${id} RETURNING id)
    UPDATE items SET status = 'withdrawn', withdrawn_at = ${at.toISOString()},
                     withdrawn_reason = 'illReturnedToLender', updated_at = ${at.toISOString()}
     WHERE id = ${itemId}`);
}

export type ReturnExceptionRow = {
  loanId: number;
  barcode: string;
  title: string;
  exceptions: string[];
  returnedOn: string;
  servicePointCode: string;
  bookDropCode: string | null;
};

export async function listOpenReturnExceptions(tx: TenantTx): Promise<ReturnExceptionRow[]> {
  const result = await tx.execute(sql`
    SELECT l.id::int AS "loanId", i.barcode, r.title, l.exceptions, l.returned_on::text AS "returnedOn",
           sp.code AS "servicePointCode", bd.code AS "bookDropCode"
      FROM loans l
      JOIN items i ON i.id = l.item_id
      JOIN bibliographic_records r ON r.id = i.record_id
      JOIN service_points sp ON sp.id = l.return_service_point_id
      LEFT JOIN book_drops bd ON bd.id = l.book_drop_id
     WHERE l.library_system_id = ${tx.librarySystemId} AND l.exceptions <> '{}' AND l.exceptions_cleared_at IS NULL
     ORDER BY l.returned_at, l.id
     LIMIT 500`);
  return resultRows<ReturnExceptionRow>(result);
}

export async function clearReturnExceptions(tx: TenantTx, loanId: number, at: Date): Promise<boolean> {
  const result = await tx.execute(sql`
    UPDATE loans SET exceptions_cleared_at = ${at.toISOString()}
     WHERE library_system_id = ${tx.librarySystemId} AND id = ${loanId}
       AND exceptions <> '{}' AND exceptions_cleared_at IS NULL
    RETURNING id`);
  return resultRows(result).length > 0;
}

export type OverdueLoanRow = {
  loanId: number;
  barcode: string;
  title: string;
  dueOn: string;
  overdueNotices: number;
  patronId: string;
  familyName: string;
  givenName: string;
  phone: string;
  email: string | null;
  cardNumber: string | null;
};

/** Overdue loans with whom to call: patrons without e-mail get no notice and are phoned or sent a postcard. */
export async function listOverdueLoans(tx: TenantTx, today: string): Promise<OverdueLoanRow[]> {
  const result = await tx.execute(sql`
    SELECT l.id::int AS "loanId", i.barcode, r.title, l.due_on::text AS "dueOn",
           l.overdue_notices AS "overdueNotices", p.id AS "patronId", p.family_name AS "familyName",
           p.given_name AS "givenName", p.phone, p.email,
           (SELECT number FROM patron_cards c WHERE c.patron_id = p.id AND c.status = 'active'
             ORDER BY (c.kind = 'card') DESC LIMIT 1) AS "cardNumber"
      FROM loans l
      JOIN patrons p ON p.id = l.patron_id
      JOIN items i ON i.id = l.item_id
      JOIN bibliographic_records r ON r.id = i.record_id
     WHERE l.library_system_id = ${tx.librarySystemId} AND l.returned_at IS NULL AND l.due_on < ${today}
     ORDER BY l.due_on, p.id
     LIMIT 1000`);
  return resultRows<OverdueLoanRow>(result);
}
