import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type TerminalBookingRow = {
  id: number;
  servicePointCode: string;
  servicePointName: { ja: string; en: string };
  terminal: number;
  patronId: string | null;
  patronName: string | null;
  cardNumber: string | null;
  day: string;
  startMinute: number;
  endMinute: number;
  channel: "counter" | "web";
  status: "booked" | "cancelled";
  createdAt: string;
};

const columns = sql`
  b.id::integer AS "id", sp.code AS "servicePointCode",
  json_build_object('ja', sp.name_ja, 'en', sp.name_en) AS "servicePointName", b.terminal_no AS "terminal",
  b.patron_id AS "patronId", p.family_name || ' ' || p.given_name AS "patronName",
  (SELECT c.number FROM patron_cards c WHERE c.patron_id = b.patron_id AND c.status = 'active'
    ORDER BY c.issued_on DESC LIMIT 1) AS "cardNumber",
  to_char(b.day, 'YYYY-MM-DD') AS "day", b.start_minute AS "startMinute", b.end_minute AS "endMinute",
  b.channel, b.status, b.created_at AS "createdAt"`;

const source = sql`terminal_bookings b JOIN service_points sp ON sp.id = b.service_point_id
  LEFT JOIN patrons p ON p.id = b.patron_id`;

export async function insertTerminalBooking(
  tx: TenantTx,
  b: {
    servicePointId: string;
    terminal: number;
    patronId: string;
    day: string;
    startMinute: number;
    endMinute: number;
    channel: "counter" | "web";
    bookedByStaffId: string | null;
    now: Date;
  },
): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO terminal_bookings (library_system_id, service_point_id, terminal_no, patron_id, day, start_minute,
                                   end_minute, channel, booked_by_staff_id, created_at)
    VALUES (${tx.librarySystemId}, ${b.servicePointId}, ${b.terminal}, ${b.patronId}, ${b.day}, ${b.startMinute},
            ${b.endMinute}, ${b.channel}, ${b.bookedByStaffId}, ${b.now.toISOString()})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

/** The patron's bookings that have not ended by the given day and minute. */
export async function listOpenBookingsOfPatron(
  tx: TenantTx,
  patronId: string,
  today: string,
  nowMinute: number,
): Promise<TerminalBookingRow[]> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM ${source}
     WHERE b.patron_id = ${patronId} AND b.status = 'booked'
       AND (b.day > ${today} OR (b.day = ${today} AND b.end_minute > ${nowMinute}))
     ORDER BY b.day, b.start_minute`);
  return resultRows<TerminalBookingRow>(result);
}

/** A service point's bookings of a day, by terminal and time. */
export async function listBookingsOfDay(
  tx: TenantTx,
  servicePointId: string,
  day: string,
): Promise<TerminalBookingRow[]> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM ${source}
     WHERE b.service_point_id = ${servicePointId} AND b.day = ${day} AND b.status = 'booked'
     ORDER BY b.terminal_no, b.start_minute`);
  return resultRows<TerminalBookingRow>(result);
}

export async function findTerminalBooking(
  tx: TenantTx,
  id: number,
  lock = false,
): Promise<TerminalBookingRow | undefined> {
  const result = await tx.execute(
    sql`SELECT ${columns} FROM ${source} WHERE b.id = ${id} ${lock ? sql`FOR UPDATE OF b` : sql``}`,
  );
  return resultRows<TerminalBookingRow>(result)[0];
}

export async function cancelTerminalBookingRow(tx: TenantTx, id: number, now: Date): Promise<void> {
  await tx.execute(
    sql`UPDATE terminal_bookings SET status = 'cancelled', cancelled_at = ${now.toISOString()} WHERE id = ${id}`,
  );
}
