import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { AppError } from "../../domain/errors.ts";
import type { AppEnv } from "../context.ts";

/**
 * Double-submit token: a random value in an HTTP-only SameSite cookie, repeated in a hidden field of
 * every form. A cross-site page can neither read the cookie nor guess the value.
 */
export function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, "shiori_csrf");
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString("base64url");
  setCookie(c, "shiori_csrf", token, { path: "/", httpOnly: true, sameSite: "Lax", secure: isHttps(c) });
  return token;
}

export function verifyCsrf(c: Context<AppEnv>, submitted: unknown): void {
  const cookie = getCookie(c, "shiori_csrf");
  if (typeof submitted !== "string" || !cookie || submitted.length !== cookie.length)
    throw new AppError("CSRF_FAILED");
  if (!timingSafeEqual(Buffer.from(submitted), Buffer.from(cookie))) throw new AppError("CSRF_FAILED");
}

export function isHttps(c: Context<AppEnv>): boolean {
  return c.req.url.startsWith("https:") || c.req.header("x-forwarded-proto") === "https";
}
