import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { authenticatePatron, type PatronPrincipal } from "../../services/patron-auth/authenticate-patron.ts";
import type { AppEnv } from "../context.ts";
import { clearSessionCookie, sessionFromCookie, setSessionCookie } from "./session-cookie.ts";

const cookieName = "shiori_patron";

export function setPatronCookie(c: Context<AppEnv>, slug: string, token: string, expiresAt: Date): void {
  setSessionCookie(c, cookieName, slug, token, expiresAt);
}

export function clearPatronCookie(c: Context<AppEnv>, slug: string): void {
  clearSessionCookie(c, cookieName, slug);
}

/** The patron of the cookie, or null when there is none, it has expired or it belongs to another system. */
export function currentPatron(c: Context<AppEnv>): Promise<PatronPrincipal | null> {
  return sessionFromCookie(c, cookieName, authenticatePatron);
}

/**
 * For the patron's own pages: sets `patron`, or sends a visitor who is not signed in to the sign-in page,
 * which brings them back here afterwards.
 */
export const requirePatronPage = createMiddleware<AppEnv>(async (c, next) => {
  // Several page routers guard /my/*; the first check that ran is enough.
  if (c.get("patron")) return next();
  const patron = await currentPatron(c);
  if (!patron) {
    const here = c.req.path + (new URL(c.req.url).search || "");
    return c.redirect(patronLoginPath(c.get("system").slug, here), 303);
  }
  c.set("patron", patron);
  await next();
});

export function patronLoginPath(slug: string, next?: string): string {
  const safe = safeNextPath(slug, next);
  return safe ? `/${slug}/login?next=${encodeURIComponent(safe)}` : `/${slug}/login`;
}

/** Only a path of this system's own pages is followed after signing in; anything else is dropped. */
export function safeNextPath(slug: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  if (!value.startsWith(`/${slug}/`) || value.startsWith(`/${slug}/login`)) return undefined;
  // No backslashes (some browsers read them as slashes) and no control characters (header splitting).
  const unsafe = [...value].some((ch) => ch === "\\" || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  return unsafe ? undefined : value;
}
