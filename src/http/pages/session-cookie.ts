import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { isAppError } from "../../domain/errors.ts";
import type { AppEnv } from "../context.ts";
import { isHttps } from "./csrf.ts";

// Staff and patron pages keep their session token in an HTTP-only SameSite cookie scoped to the system's path,
// each under its own name: a counter PC may hold both.

export function setSessionCookie(
  c: Context<AppEnv>,
  name: string,
  slug: string,
  token: string,
  expiresAt: Date,
): void {
  setCookie(c, name, token, {
    path: `/${slug}`,
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    // A lifetime rather than a date: with the test clock set years ahead, a date would be refused as too far
    // in the future (over 400 days) by the cookie rules, and the browser's clock is the real one anyway.
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - c.get("deps").clock.now().getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, name: string, slug: string): void {
  deleteCookie(c, name, { path: `/${slug}` });
}

/** Whoever the cookie's token names, or null when there is none, it has expired or it is of another system. */
export async function sessionFromCookie<P>(
  c: Context<AppEnv>,
  name: string,
  authenticate: (
    db: AppEnv["Variables"]["deps"]["database"]["db"],
    systemId: number,
    token: string,
    now: Date,
  ) => Promise<P>,
): Promise<P | null> {
  const token = getCookie(c, name);
  if (!token) return null;
  const deps = c.get("deps");
  try {
    return await authenticate(deps.database.db, c.get("system").id, token, deps.clock.now());
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}
