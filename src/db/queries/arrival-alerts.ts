import { sql } from "drizzle-orm";
import type { Alert, AlertKind, ArrivalRecord } from "../../domain/my-page/arrival-alerts.ts";
import { resultRows } from "../migrate.ts";
import { uuidArray } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type AlertRow = { id: number; kind: AlertKind; value: string; createdAt: string };

export async function listAlerts(tx: TenantTx, patronId: string): Promise<AlertRow[]> {
  const rows = await tx.execute(sql`
    SELECT id::int AS id, kind, value, created_at AS "createdAt" FROM arrival_alerts
     WHERE patron_id = ${patronId} ORDER BY created_at, id`);
  return resultRows<AlertRow>(rows);
}

/** Saves a criterion (the same one twice is kept once) and makes the patron a subscriber with a mail key. */
export async function insertAlert(
  tx: TenantTx,
  patronId: string,
  alert: Alert,
  unsubscribeToken: string,
  at: Date,
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO arrival_alerts (library_system_id, patron_id, kind, value, created_at)
    VALUES (${tx.librarySystemId}, ${patronId}, ${alert.kind}, ${alert.value}, ${at})
    ON CONFLICT (patron_id, kind, value) DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO arrival_mail_subscribers (patron_id, library_system_id, unsubscribe_token)
    VALUES (${patronId}, ${tx.librarySystemId}, ${unsubscribeToken})
    ON CONFLICT (patron_id) DO NOTHING`);
}

export async function deleteAlert(tx: TenantTx, patronId: string, id: number): Promise<boolean> {
  const rows = await tx.execute(sql`
    DELETE FROM arrival_alerts WHERE patron_id = ${patronId} AND id = ${id} RETURNING id`);
  return resultRows(rows).length > 0;
}

/** Stops the mail of the key's holder: every criterion and the key go. Answers whether the key was known. */
export async function unsubscribeByToken(tx: TenantTx, token: string): Promise<boolean> {
  const rows = await tx.execute(sql`
    DELETE FROM arrival_mail_subscribers WHERE unsubscribe_token = ${token} RETURNING patron_id AS "patronId"`);
  const patron = resultRows<{ patronId: string }>(rows)[0];
  if (!patron) return false;
  await tx.execute(sql`DELETE FROM arrival_alerts WHERE patron_id = ${patron.patronId}`);
  return true;
}

/** Records with a copy received in the week (not withdrawn), oldest first. */
export async function weekArrivals(tx: TenantTx, from: string, to: string): Promise<ArrivalRecord[]> {
  const rows = await tx.execute(sql`
    SELECT r.id::int AS "recordId", r.title, r.title_reading AS "titleReading", r.authors, r.responsibility, r.ndc
      FROM bibliographic_records r
     WHERE r.id IN (SELECT i.record_id FROM items i
                     WHERE i.library_system_id = ${tx.librarySystemId} AND i.status <> 'withdrawn'
                       AND i.received_on BETWEEN ${from} AND ${to})
     ORDER BY r.id`);
  return resultRows<ArrivalRecord>(rows);
}

export type DueSubscriberRow = {
  patronId: string;
  /** Null when the patron has no address (any more): nothing can be sent. */
  email: string | null;
  status: string;
  name: string;
  token: string;
  alerts: Alert[] | null;
};

/** The next batch of subscribers not yet served on `today`, in patron order after `after`, with their criteria. */
export async function dueSubscribers(
  tx: TenantTx,
  today: string,
  after: string | null,
  limit: number,
): Promise<DueSubscriberRow[]> {
  const rows = await tx.execute(sql`
    SELECT s.patron_id AS "patronId", p.email, p.status, p.family_name || ' ' || p.given_name AS name,
           s.unsubscribe_token AS token,
           (SELECT jsonb_agg(jsonb_build_object('kind', a.kind, 'value', a.value))
              FROM arrival_alerts a WHERE a.patron_id = s.patron_id) AS alerts
      FROM arrival_mail_subscribers s
      JOIN patrons p ON p.id = s.patron_id
     WHERE s.library_system_id = ${tx.librarySystemId}
       AND (s.last_run_on IS NULL OR s.last_run_on < ${today})
       AND s.patron_id > ${after ?? "00000000-0000-0000-0000-000000000000"}
     ORDER BY s.patron_id
     LIMIT ${limit}`);
  return resultRows<DueSubscriberRow>(rows);
}

/** The batch was served on `today`: a second run that day skips it. */
export async function markServed(tx: TenantTx, patronIds: readonly string[], today: string): Promise<void> {
  if (patronIds.length === 0) return;
  await tx.execute(sql`
    UPDATE arrival_mail_subscribers SET last_run_on = ${today} WHERE patron_id = ANY(${uuidArray(patronIds)})`);
}
