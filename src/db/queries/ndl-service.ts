import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export async function minutesUsedOn(tx: TenantTx, patronId: string, day: string): Promise<number> {
  const result = await tx.execute(
    sql`SELECT coalesce(sum(minutes), 0)::integer AS n FROM ndl_sessions WHERE patron_id = ${patronId} AND day = ${day}`,
  );
  return resultRows<{ n: number }>(result)[0]!.n;
}

export async function insertNdlSession(
  tx: TenantTx,
  s: {
    servicePointId: string;
    patronId: string;
    day: string;
    minutes: number;
    recordedBy: string;
    now: Date;
  },
): Promise<{ id: number }> {
  const at = s.now.toISOString();
  const result = await tx.execute(sql`
    INSERT INTO ndl_sessions (library_system_id, service_point_id, patron_id, day, minutes, rules_accepted_at,
                              recorded_by, created_at)
    VALUES (${tx.librarySystemId}, ${s.servicePointId}, ${s.patronId}, ${s.day}, ${s.minutes}, ${at},
            ${s.recordedBy}, ${at})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export type NdlSessionRow = {
  id: number;
  servicePointId: string;
  servicePointCode: string;
  patronId: string;
  patronName: string;
  cardNumber: string | null;
  day: string;
  minutes: number;
  createdAt: string;
};

const sessionColumns = sql`
  s.id::integer AS "id", s.service_point_id AS "servicePointId", sp.code AS "servicePointCode",
  s.patron_id AS "patronId", p.family_name || ' ' || p.given_name AS "patronName",
  (SELECT c.number FROM patron_cards c WHERE c.patron_id = s.patron_id AND c.status = 'active'
    ORDER BY c.issued_on DESC LIMIT 1) AS "cardNumber",
  to_char(s.day, 'YYYY-MM-DD') AS "day", s.minutes, s.created_at AS "createdAt"`;
const sessionSource = sql`ndl_sessions s JOIN service_points sp ON sp.id = s.service_point_id
  JOIN patrons p ON p.id = s.patron_id`;

export async function findNdlSession(tx: TenantTx, id: number): Promise<NdlSessionRow | undefined> {
  const result = await tx.execute(sql`SELECT ${sessionColumns} FROM ${sessionSource} WHERE s.id = ${id}`);
  return resultRows<NdlSessionRow>(result)[0];
}

export async function listNdlSessionsOn(tx: TenantTx, day: string): Promise<NdlSessionRow[]> {
  const result = await tx.execute(
    sql`SELECT ${sessionColumns} FROM ${sessionSource} WHERE s.day = ${day} ORDER BY s.created_at, s.id`,
  );
  return resultRows<NdlSessionRow>(result);
}

export type NdlPrintRow = {
  id: number;
  sessionId: number;
  patronId: string;
  patronName: string;
  servicePointId: string;
  title: string;
  pagesDescription: string | null;
  scope: "partOfWork" | "wholeArticle";
  monoPages: number;
  colourPages: number;
  amountYen: number;
  readyOn: string;
  status: "requested" | "handedOver";
  handedOverAt: string | null;
  feeEntryId: number | null;
};

const printColumns = sql`
  r.id::integer AS "id", r.session_id::integer AS "sessionId", s.patron_id AS "patronId",
  p.family_name || ' ' || p.given_name AS "patronName", s.service_point_id AS "servicePointId", r.title,
  r.pages_description AS "pagesDescription", r.scope, r.mono_pages AS "monoPages", r.colour_pages AS "colourPages",
  r.amount_yen AS "amountYen", to_char(r.ready_on, 'YYYY-MM-DD') AS "readyOn", r.status,
  r.handed_over_at AS "handedOverAt",
  (SELECT f.id::integer FROM fee_ledger f WHERE f.subject_type = 'ndlPrint' AND f.subject_id = r.id::text
     AND f.refund_of IS NULL LIMIT 1) AS "feeEntryId"`;
const printSource = sql`ndl_print_requests r JOIN ndl_sessions s ON s.id = r.session_id
  JOIN patrons p ON p.id = s.patron_id`;

export async function insertNdlPrint(
  tx: TenantTx,
  r: {
    sessionId: number;
    title: string;
    pagesDescription: string | null;
    scope: "partOfWork" | "wholeArticle";
    monoPages: number;
    colourPages: number;
    amountYen: number;
    readyOn: string;
    recordedBy: string;
    now: Date;
  },
): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO ndl_print_requests (library_system_id, session_id, title, pages_description, scope, mono_pages,
                                    colour_pages, amount_yen, ready_on, recorded_by, created_at)
    VALUES (${tx.librarySystemId}, ${r.sessionId}, ${r.title}, ${r.pagesDescription}, ${r.scope}, ${r.monoPages},
            ${r.colourPages}, ${r.amountYen}, ${r.readyOn}, ${r.recordedBy}, ${r.now.toISOString()})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export async function findNdlPrint(tx: TenantTx, id: number, lock = false): Promise<NdlPrintRow | undefined> {
  const result = await tx.execute(
    sql`SELECT ${printColumns} FROM ${printSource} WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
  return resultRows<NdlPrintRow>(result)[0];
}

/** Prints not yet handed over, the earliest ready first. */
export async function listWaitingNdlPrints(tx: TenantTx): Promise<NdlPrintRow[]> {
  const result = await tx.execute(
    sql`SELECT ${printColumns} FROM ${printSource} WHERE r.status = 'requested' ORDER BY r.ready_on, r.id LIMIT 500`,
  );
  return resultRows<NdlPrintRow>(result);
}

export async function markNdlPrintHandedOver(tx: TenantTx, id: number, now: Date): Promise<void> {
  await tx.execute(
    sql`UPDATE ndl_print_requests SET status = 'handedOver', handed_over_at = ${now.toISOString()} WHERE id = ${id}`,
  );
}
