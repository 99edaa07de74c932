import { sql } from "drizzle-orm";
import type { PostalRelation } from "../../domain/applications/postal-registration-rules.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type PostalRegistrationRow = {
  id: string;
  receivedOn: string;
  replyBy: string;
  returnEnvelopeYen: number;
  mailedOn: string | null;
  members: {
    position: number;
    relation: PostalRelation;
    patronId: string | null;
    cardNumber: string;
    familyName: string | null;
    givenName: string | null;
  }[];
};

const columns = sql`
  r.id, to_char(r.received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(r.reply_by, 'YYYY-MM-DD') AS "replyBy",
  r.return_envelope_yen AS "returnEnvelopeYen", to_char(r.mailed_on, 'YYYY-MM-DD') AS "mailedOn",
  (SELECT coalesce(json_agg(json_build_object(
            'position', m.position, 'relation', m.relation, 'patronId', m.patron_id, 'cardNumber', m.card_number,
            'familyName', p.family_name, 'givenName', p.given_name) ORDER BY m.position), '[]')
     FROM postal_registration_members m LEFT JOIN patrons p ON p.id = m.patron_id
    WHERE m.postal_registration_id = r.id) AS members`;

export async function insertPostalRegistration(
  tx: TenantTx,
  row: {
    receivedOn: string;
    replyBy: string;
    returnEnvelopeYen: number;
    enteredBy: string | null;
    now: Date;
  },
): Promise<string> {
  const result = await tx.execute(sql`
    INSERT INTO postal_registrations
      (library_system_id, received_on, reply_by, return_envelope_yen, entered_by, entered_at)
    VALUES (${tx.librarySystemId}, ${row.receivedOn}, ${row.replyBy}, ${row.returnEnvelopeYen}, ${row.enteredBy},
            ${row.now.toISOString()})
    RETURNING id`);
  return resultRows<{ id: string }>(result)[0]!.id;
}

export async function insertPostalMember(
  tx: TenantTx,
  member: {
    registrationId: string;
    position: number;
    relation: PostalRelation;
    patronId: string;
    cardNumber: string;
  },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO postal_registration_members
      (library_system_id, postal_registration_id, position, relation, patron_id, card_number)
    VALUES (${tx.librarySystemId}, ${member.registrationId}, ${member.position}, ${member.relation},
            ${member.patronId}, ${member.cardNumber})`);
}

export async function findPostalRegistration(
  tx: TenantTx,
  id: string,
  lock = false,
): Promise<PostalRegistrationRow | undefined> {
  const result = await tx.execute(
    sql`SELECT ${columns} FROM postal_registrations r WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
  return resultRows<PostalRegistrationRow>(result)[0];
}

/** Cards still to be posted (the oldest first), or those posted lately (the newest first). */
export async function listPostalRegistrations(
  tx: TenantTx,
  which: "toMail" | "mailed",
  limit: number,
): Promise<PostalRegistrationRow[]> {
  const result = await tx.execute(
    which === "toMail"
      ? sql`SELECT ${columns} FROM postal_registrations r WHERE r.mailed_on IS NULL
             ORDER BY r.received_on, r.entered_at LIMIT ${limit}`
      : sql`SELECT ${columns} FROM postal_registrations r WHERE r.mailed_on IS NOT NULL
             ORDER BY r.mailed_on DESC, r.mailed_at DESC LIMIT ${limit}`,
  );
  return resultRows<PostalRegistrationRow>(result);
}

export async function markPostalMailed(
  tx: TenantTx,
  id: string,
  mailed: { on: string; by: string | null; now: Date },
): Promise<void> {
  await tx.execute(sql`
    UPDATE postal_registrations SET mailed_on = ${mailed.on}, mailed_by = ${mailed.by}, mailed_at = ${mailed.now.toISOString()}
     WHERE id = ${id}`);
}
