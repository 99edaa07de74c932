import { sql } from "drizzle-orm";
import type { ReferenceChannel, ReferenceStatus } from "../../domain/reference/reference-questions.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type ReferenceQuestionRow = {
  id: number;
  channel: ReferenceChannel;
  servicePointCode: string | null;
  question: string;
  askerName: string | null;
  email: string | null;
  phone: string | null;
  patronId: string | null;
  wantedBy: string | null;
  status: ReferenceStatus;
  declinedKind: string | null;
  answer: string | null;
  sources: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

const columns = sql`
  q.id::integer AS "id", q.channel, sp.code AS "servicePointCode", q.question, q.asker_name AS "askerName",
  q.email, q.phone, q.patron_id AS "patronId", to_char(q.wanted_by, 'YYYY-MM-DD') AS "wantedBy", q.status,
  q.declined_kind AS "declinedKind", q.answer, q.sources, q.created_at AS "createdAt",
  q.updated_at AS "updatedAt", q.closed_at AS "closedAt"`;

const source = sql`reference_questions q LEFT JOIN service_points sp ON sp.id = q.service_point_id`;

export async function insertReferenceQuestion(
  tx: TenantTx,
  q: {
    channel: ReferenceChannel;
    servicePointId: string | null;
    question: string;
    askerName: string | null;
    email: string | null;
    phone: string | null;
    patronId: string | null;
    wantedBy: string | null;
    receivedBy: string | null;
    now: Date;
  },
): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO reference_questions (library_system_id, channel, service_point_id, question, asker_name, email,
                                     phone, patron_id, wanted_by, received_by, created_at, updated_at)
    VALUES (${tx.librarySystemId}, ${q.channel}, ${q.servicePointId}, ${q.question}, ${q.askerName}, ${q.email},
            ${q.phone}, ${q.patronId}, ${q.wantedBy}, ${q.receivedBy}, ${q.now.toISOString()}, ${q.now.toISOString()})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export async function findReferenceQuestion(
  tx: TenantTx,
  id: number,
  lock = false,
): Promise<ReferenceQuestionRow | undefined> {
  const result = await tx.execute(
    sql`SELECT ${columns} FROM ${source} WHERE q.id = ${id} ${lock ? sql`FOR UPDATE OF q` : sql``}`,
  );
  return resultRows<ReferenceQuestionRow>(result)[0];
}

/** Open questions oldest first (they wait longest); closed ones newest first. At most 500. */
export async function listReferenceQuestions(
  tx: TenantTx,
  statuses: readonly ReferenceStatus[],
): Promise<ReferenceQuestionRow[]> {
  const open = statuses.every((s) => s === "received" || s === "inProgress");
  const result = await tx.execute(sql`
    SELECT ${columns} FROM ${source}
     WHERE q.status IN (${sql.join(
       statuses.map((s) => sql`${s}`),
       sql`, `,
     )})
     ORDER BY ${open ? sql`q.created_at, q.id` : sql`q.updated_at DESC, q.id DESC`}
     LIMIT 500`);
  return resultRows<ReferenceQuestionRow>(result);
}

export async function countReferenceQuestionsByStatus(tx: TenantTx): Promise<Record<string, number>> {
  const result = await tx.execute(
    sql`SELECT status, count(*)::integer AS n FROM reference_questions GROUP BY status`,
  );
  return Object.fromEntries(resultRows<{ status: string; n: number }>(result).map((r) => [r.status, r.n]));
}

export async function updateReferenceQuestion(
  tx: TenantTx,
  id: number,
  change: {
    status: ReferenceStatus;
    answer: string | null;
    sources: string | null;
    declinedKind: string | null;
    handledBy: string | null;
    now: Date;
  },
): Promise<void> {
  const closed = change.status === "answered" || change.status === "declined";
  await tx.execute(sql`
    UPDATE reference_questions
       SET status = ${change.status}, answer = coalesce(${change.answer}, answer),
           sources = coalesce(${change.sources}, sources), declined_kind = ${change.declinedKind},
           handled_by = ${change.handledBy}, updated_at = ${change.now.toISOString()},
           closed_at = ${closed ? change.now.toISOString() : null}
     WHERE id = ${id}`);
}
