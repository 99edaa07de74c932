import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isAppError } from "../../domain/errors.ts";
import { authenticateStaff, type StaffPrincipal } from "../../services/staff/authenticate-staff.ts";
import type { AppEnv } from "../context.ts";
import { isHttps } from "./csrf.ts";

// The staff pages keep the session token in an HTTP-only SameSite cookie scoped to the system's path.
const cookieName = "shiori_staff";

export function setStaffCookie(c: Context<AppEnv>, slug: string, token: string, expiresAt: Date): void {
  setCookie(c, cookieName, token, {
    path: `/${slug}`,
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    // A lifetime rather than a date: with the test clock set years ahead, a date would be refused as too far
    // in the future (over 400 days) by the cookie rules, and the browser's clock is the real one anyway.
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - c.get("deps").clock.now().getTime()) / 1000)),
  });
}

export function clearStaffCookie(c: Context<AppEnv>, slug: string): void {
  deleteCookie(c, cookieName, { path: `/${slug}` });
}

/** The staff member of the cookie, or undefined when there is none or it has expired. */
export async function staffFromCookie(c: Context<AppEnv>): Promise<StaffPrincipal | undefined> {
  const token = getCookie(c, cookieName);
  if (!token) return undefined;
  const deps = c.get("deps");
  try {
    return await authenticateStaff(deps.database.db, c.get("system").id, token, deps.clock.now());
  } catch (error) {
    if (isAppError(error)) return undefined;
    throw error;
  }
}
