import type { Db } from "../../db/client.ts";
import { findLiveSessionByTokenHash } from "../../db/queries/staff.ts";
import { AppError } from "../../domain/errors.ts";
import type { StaffRole } from "../../domain/vocabulary.ts";
import { keepSession, recentSession } from "./live-sessions.ts";
import { hashSessionToken } from "./session-tokens.ts";

export type StaffPrincipal = {
  sessionId: string;
  staffId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  librarySystemId: number;
};

/** Finds the signed-in staff member behind a token; a token of another system is WRONG_SYSTEM. */
export async function authenticateStaff(
  db: Db,
  librarySystemId: number,
  token: string,
  now: Date,
): Promise<StaffPrincipal> {
  const tokenHash = hashSessionToken(token);
  let row = recentSession(db, tokenHash, now);
  if (!row) {
    row = await findLiveSessionByTokenHash(db, tokenHash, now);
    if (!row) throw new AppError("UNAUTHENTICATED");
    keepSession(db, tokenHash, row);
  }
  if (row.librarySystemId !== librarySystemId) throw new AppError("WRONG_SYSTEM");
  return { ...row, roles: row.roles as StaffRole[] };
}

/** The administrator may do everything the other roles may. */
export function hasRole(principal: StaffPrincipal, role: StaffRole): boolean {
  return principal.roles.includes(role) || principal.roles.includes("administrator");
}

export function requireRole(principal: StaffPrincipal, role: StaffRole): void {
  if (!hasRole(principal, role)) throw new AppError("FORBIDDEN", { requiredRole: role });
}
