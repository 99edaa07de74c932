import type { Context } from "hono";
import { authenticateStaff, type StaffPrincipal } from "../../services/staff/authenticate-staff.ts";
import type { AppEnv } from "../context.ts";
import { clearSessionCookie, sessionFromCookie, setSessionCookie } from "./session-cookie.ts";

const cookieName = "shiori_staff";

export function setStaffCookie(c: Context<AppEnv>, slug: string, token: string, expiresAt: Date): void {
  setSessionCookie(c, cookieName, slug, token, expiresAt);
}

export function clearStaffCookie(c: Context<AppEnv>, slug: string): void {
  clearSessionCookie(c, cookieName, slug);
}

/** The staff member of the cookie, or undefined when there is none or it has expired. */
export async function staffFromCookie(c: Context<AppEnv>): Promise<StaffPrincipal | undefined> {
  return (await sessionFromCookie(c, cookieName, authenticateStaff)) ?? undefined;
}
