import type { Db } from "../../db/client.ts";
import { findLivePatronSessionByTokenHash } from "../../db/queries/patron-sessions.ts";
import { AppError } from "../../domain/errors.ts";
import { hashSessionToken } from "../staff/session-tokens.ts";

export type PatronPrincipal = {
  sessionId: string;
  patronId: string;
  librarySystemId: number;
  /** Family and given name, as the my page greets the patron. */
  displayName: string;
};

/**
 * Finds the signed-in patron behind a token; a token of another system is WRONG_SYSTEM. Staff tokens live in
 * another table, so they never name a patron.
 */
export async function authenticatePatron(
  db: Db,
  librarySystemId: number,
  token: string,
  now: Date,
): Promise<PatronPrincipal> {
  const row = await findLivePatronSessionByTokenHash(db, hashSessionToken(token), now);
  if (!row) throw new AppError("UNAUTHENTICATED");
  if (row.librarySystemId !== librarySystemId) throw new AppError("WRONG_SYSTEM");
  return row;
}
