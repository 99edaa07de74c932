import { sql } from "drizzle-orm";
import type { ApplicationStatus, OnlineProcedure } from "../../domain/applications/application-rules.ts";
import type { PhotoSide } from "../../domain/applications/registration-kits.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type ApplicationRow = {
  id: string;
  email: string;
  emailVerifiedAt: string | null;
  procedure: OnlineProcedure | null;
  consentedAt: string | null;
  form: Record<string, unknown>;
  status: ApplicationStatus;
  receiptNumber: string | null;
  submittedAt: string | null;
  submittedOn: string | null;
  expectedOn: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  patronId: string | null;
  photos: PhotoSide[];
  /** The registration kit's card number a kit application names (004). */
  kitNumber: string | null;
  createdAt: string;
};

const columns = sql`
  a.id, a.email, a.email_verified_at AS "emailVerifiedAt", a.procedure, a.consented_at AS "consentedAt", a.form,
  a.status, a.receipt_number AS "receiptNumber", a.submitted_at AS "submittedAt",
  to_char(a.submitted_on, 'YYYY-MM-DD') AS "submittedOn", to_char(a.expected_on, 'YYYY-MM-DD') AS "expectedOn",
  a.decided_at AS "decidedAt", a.kit_number AS "kitNumber", a.decision_reason AS "decisionReason", a.patron_id AS "patronId",
  coalesce((SELECT array_agg(p.side ORDER BY p.side DESC) FROM application_photos p WHERE p.application_id = a.id),
           '{}') AS photos,
  a.created_at AS "createdAt"`;

export async function insertApplication(tx: TenantTx, email: string, now: Date): Promise<{ id: string }> {
  const result = await tx.execute(sql`
    INSERT INTO applications (library_system_id, email, created_at, updated_at)
    VALUES (${tx.librarySystemId}, ${email}, ${now.toISOString()}, ${now.toISOString()})
    RETURNING id`);
  return resultRows<{ id: string }>(result)[0]!;
}

/** The applicant's draft for this address, to resume it rather than start again. */
export async function findDraftByEmail(tx: TenantTx, email: string): Promise<{ id: string } | undefined> {
  const result = await tx.execute(sql`
    SELECT id FROM applications WHERE lower(email) = lower(${email}) AND status = 'draft'
     ORDER BY created_at DESC LIMIT 1`);
  return resultRows<{ id: string }>(result)[0];
}

export async function findApplication(
  tx: TenantTx,
  id: string,
  lock = false,
): Promise<ApplicationRow | undefined> {
  const result = await tx.execute(
    sql`SELECT ${columns} FROM applications a WHERE a.id = ${id} ${lock ? sql`FOR UPDATE OF a` : sql``}`,
  );
  return resultRows<ApplicationRow>(result)[0];
}

export async function findApplicationByReceipt(
  tx: TenantTx,
  receiptNumber: string,
  email: string,
): Promise<ApplicationRow | undefined> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM applications a
     WHERE a.receipt_number = ${receiptNumber} AND lower(a.email) = lower(${email})`);
  return resultRows<ApplicationRow>(result)[0];
}

export async function updateDraft(
  tx: TenantTx,
  id: string,
  change: { procedure?: OnlineProcedure; consentedAt?: Date; form?: Record<string, unknown>; now: Date },
): Promise<void> {
  await tx.execute(sql`
    UPDATE applications
       SET procedure = coalesce(${change.procedure ?? null}, procedure),
           consented_at = coalesce(${change.consentedAt?.toISOString() ?? null}::timestamptz, consented_at),
           form = ${change.form ? sql`form || ${JSON.stringify(change.form)}::jsonb` : sql`form`},
           updated_at = ${change.now.toISOString()}
     WHERE id = ${id}`);
}

export async function markEmailVerified(tx: TenantTx, id: string, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE applications SET email_verified_at = coalesce(email_verified_at, ${now.toISOString()}::timestamptz)
     WHERE id = ${id}`);
}

export async function markSubmitted(
  tx: TenantTx,
  id: string,
  s: {
    receiptNumber: string;
    submittedOn: string;
    expectedOn: string;
    patronId?: string | null;
    kitNumber?: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.execute(sql`
    UPDATE applications
       SET status = 'submitted', receipt_number = ${s.receiptNumber}, submitted_at = ${s.now.toISOString()},
           patron_id = ${s.patronId ?? null}, kit_number = ${s.kitNumber ?? null},
           submitted_on = ${s.submittedOn}, expected_on = ${s.expectedOn}, updated_at = ${s.now.toISOString()}
     WHERE id = ${id}`);
}

export async function markDecided(
  tx: TenantTx,
  id: string,
  d: {
    status: "approved" | "rejected";
    reason: string | null;
    decidedBy: string | null;
    patronId: string | null;
    now: Date;
  },
): Promise<void> {
  await tx.execute(sql`
    UPDATE applications
       SET status = ${d.status}, decision_reason = ${d.reason}, decided_by = ${d.decidedBy},
           decided_at = ${d.now.toISOString()}, patron_id = ${d.patronId}, updated_at = ${d.now.toISOString()}
     WHERE id = ${id}`);
}

/** The review queue: submitted applications, oldest first. */
export async function listSubmitted(tx: TenantTx, limit: number): Promise<ApplicationRow[]> {
  const result = await tx.execute(sql`
    SELECT ${columns} FROM applications a WHERE a.status IN ('submitted', 'inquiry') ORDER BY a.submitted_at, a.id LIMIT ${limit}`);
  return resultRows<ApplicationRow>(result);
}

export async function insertApplicationToken(
  tx: TenantTx,
  t: { applicationId: string; purpose: "verify" | "session" | "inquiry"; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO application_tokens (library_system_id, application_id, purpose, token_hash, expires_at)
    VALUES (${tx.librarySystemId}, ${t.applicationId}, ${t.purpose}, ${t.tokenHash}, ${t.expiresAt.toISOString()})`);
}

/** Spends a one-time key, or checks a session: the application it opens, if the token is live. */
export async function takeApplicationToken(
  tx: TenantTx,
  purpose: "verify" | "session" | "inquiry",
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  // A verification key is spent; a session or an inquiry link is used until it expires.
  const result =
    purpose === "verify"
      ? await tx.execute(sql`
          UPDATE application_tokens SET used_at = ${now.toISOString()}
           WHERE token_hash = ${tokenHash} AND purpose = 'verify' AND used_at IS NULL
             AND expires_at > ${now.toISOString()}
          RETURNING application_id AS id`)
      : await tx.execute(sql`
          SELECT application_id AS id FROM application_tokens
           WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND expires_at > ${now.toISOString()}`);
  return resultRows<{ id: string }>(result)[0]?.id;
}

export async function upsertPhoto(
  tx: TenantTx,
  p: { applicationId: string; side: PhotoSide; sealed: Buffer; byteSize: number; now: Date },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO application_photos (library_system_id, application_id, side, sealed, byte_size, created_at)
    VALUES (${tx.librarySystemId}, ${p.applicationId}, ${p.side}, ${p.sealed}, ${p.byteSize}, ${p.now.toISOString()})
    ON CONFLICT (application_id, side) DO UPDATE
       SET sealed = EXCLUDED.sealed, byte_size = EXCLUDED.byte_size, created_at = EXCLUDED.created_at`);
}

export async function readSealedPhoto(
  tx: TenantTx,
  applicationId: string,
  side: string,
): Promise<Buffer | undefined> {
  const result = await tx.execute(
    sql`SELECT sealed FROM application_photos WHERE application_id = ${applicationId} AND side = ${side}`,
  );
  const row = resultRows<{ sealed: Uint8Array }>(result)[0];
  return row ? Buffer.from(row.sealed) : undefined;
}

/** Deletes the photos of applications decided (or cancelled) on or before `decidedBefore`; answers how many. */
export async function deleteDecidedPhotos(tx: TenantTx, decidedBefore: Date): Promise<number> {
  const result = await tx.execute(sql`
    DELETE FROM application_photos p USING applications a
     WHERE a.id = p.application_id AND a.status IN ('approved', 'rejected', 'cancelled')
       AND a.decided_at <= ${decidedBefore.toISOString()}
    RETURNING 1`);
  return resultRows(result).length;
}

export type InquiryRow = {
  id: number;
  question: string;
  askedOn: string;
  answer: string | null;
  answeredAt: string | null;
};

export async function insertInquiry(
  tx: TenantTx,
  q: { applicationId: string; question: string; askedBy: string | null; now: Date; today: string },
): Promise<{ id: number }> {
  const result = await tx.execute(sql`
    INSERT INTO application_inquiries (library_system_id, application_id, question, asked_by, asked_at, asked_on)
    VALUES (${tx.librarySystemId}, ${q.applicationId}, ${q.question}, ${q.askedBy}, ${q.now.toISOString()}, ${q.today})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export async function listInquiries(tx: TenantTx, applicationId: string): Promise<InquiryRow[]> {
  const result = await tx.execute(sql`
    SELECT id::integer AS id, question, to_char(asked_on, 'YYYY-MM-DD') AS "askedOn", answer,
           answered_at AS "answeredAt"
      FROM application_inquiries WHERE application_id = ${applicationId} ORDER BY asked_at, id`);
  return resultRows<InquiryRow>(result);
}

/** Every open inquiry of the application is answered by the one answer. */
export async function answerInquiries(
  tx: TenantTx,
  applicationId: string,
  answer: string,
  now: Date,
): Promise<void> {
  await tx.execute(sql`
    UPDATE application_inquiries SET answer = ${answer}, answered_at = ${now.toISOString()}
     WHERE application_id = ${applicationId} AND answered_at IS NULL`);
}

export async function setApplicationStatus(
  tx: TenantTx,
  id: string,
  status: "submitted" | "inquiry" | "cancelled",
  now: Date,
): Promise<void> {
  await tx.execute(sql`
    UPDATE applications
       SET status = ${status}, updated_at = ${now.toISOString()},
           decided_at = ${status === "cancelled" ? now.toISOString() : null}
     WHERE id = ${id}`);
}

/** Applications waiting on inquiries, with how many are unanswered and since when. */
export async function listWaitingOnInquiries(
  tx: TenantTx,
): Promise<{ id: string; email: string; receiptNumber: string; unanswered: number; oldestOn: string }[]> {
  const result = await tx.execute(sql`
    SELECT a.id, a.email, a.receipt_number AS "receiptNumber", count(q.id)::integer AS unanswered,
           to_char(min(q.asked_on), 'YYYY-MM-DD') AS "oldestOn"
      FROM applications a JOIN application_inquiries q ON q.application_id = a.id AND q.answered_at IS NULL
     WHERE a.status = 'inquiry'
     GROUP BY a.id`);
  return resultRows(result);
}
