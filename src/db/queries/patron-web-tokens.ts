import { sql } from "drizzle-orm";
import type { WebTokenPurpose } from "../../domain/my-page/web-account.ts";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type PatronWebTokenRow = {
  id: number;
  patronId: string;
  purpose: WebTokenPurpose;
  codeHash: string | null;
  codeFailures: number;
  newEmail: string | null;
  expiresAt: Date;
};

/** Issues a key; the patron's unused keys of the same purpose stop working, so only the newest mail counts. */
export async function insertPatronWebToken(
  tx: TenantTx,
  token: {
    patronId: string;
    purpose: WebTokenPurpose;
    tokenHash: string;
    codeHash: string | null;
    newEmail: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.execute(sql`
    UPDATE patron_web_tokens SET used_at = ${token.now}
     WHERE patron_id = ${token.patronId} AND purpose = ${token.purpose} AND used_at IS NULL`);
  await tx.execute(sql`
    INSERT INTO patron_web_tokens
      (library_system_id, patron_id, purpose, token_hash, code_hash, new_email, created_at, expires_at)
    VALUES (${tx.librarySystemId}, ${token.patronId}, ${token.purpose}, ${token.tokenHash}, ${token.codeHash},
            ${token.newEmail}, ${token.now}, ${token.expiresAt})`);
}

/** The live key of this purpose behind a hash, locked for the one use that may follow. */
export async function lockLiveWebToken(
  tx: TenantTx,
  tokenHash: string,
  purpose: WebTokenPurpose,
  now: Date,
): Promise<PatronWebTokenRow | undefined> {
  const rows = await tx.execute(sql`
    SELECT id::int AS id, patron_id AS "patronId", purpose, code_hash AS "codeHash",
           code_failures AS "codeFailures", new_email AS "newEmail", expires_at AS "expiresAt"
      FROM patron_web_tokens
     WHERE token_hash = ${tokenHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
     FOR UPDATE`);
  return resultRows<PatronWebTokenRow>(rows)[0];
}

export async function markWebTokenUsed(tx: TenantTx, id: number, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE patron_web_tokens SET used_at = ${now} WHERE id = ${id}`);
}

/** Counts a wrong code; the key is spent once the failures reach `max`. */
export async function recordWrongCode(tx: TenantTx, id: number, max: number, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE patron_web_tokens
       SET code_failures = code_failures + 1,
           used_at = CASE WHEN code_failures + 1 >= ${max} THEN ${now}::timestamptz ELSE used_at END
     WHERE id = ${id}`);
}

/** The address waiting for confirmation, if the patron asked for a change that has not been confirmed yet. */
export async function findPendingEmailChange(
  tx: TenantTx,
  patronId: string,
  now: Date,
): Promise<{ newEmail: string; expiresAt: Date } | undefined> {
  const rows = await tx.execute(sql`
    SELECT new_email AS "newEmail", expires_at AS "expiresAt" FROM patron_web_tokens
     WHERE patron_id = ${patronId} AND purpose = 'emailChange' AND used_at IS NULL AND expires_at > ${now}
     ORDER BY created_at DESC LIMIT 1`);
  return resultRows<{ newEmail: string; expiresAt: Date }>(rows)[0];
}
