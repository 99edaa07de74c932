import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Lang } from "../context.ts";

/** Display preferences kept in cookies, so they persist without an account. */
export type Preferences = { lang: Lang; size: "l" | "m" | "s"; bg: "white" | "yellow" | "black" | "blue" };

const sizes = ["l", "m", "s"] as const;
const backgrounds = ["white", "yellow", "black", "blue"] as const;

export function readPreferences(c: Context<AppEnv>): Preferences {
  const lang = getCookie(c, "lang") === "en" ? "en" : "ja";
  const size = sizes.find((s) => s === getCookie(c, "size")) ?? "m";
  const bg = backgrounds.find((b) => b === getCookie(c, "bg")) ?? "white";
  return { lang, size, bg };
}

/** Applies the fields of a preferences form that are valid; ignores the rest. */
export function savePreferences(c: Context<AppEnv>, form: Record<string, unknown>): void {
  const options = { path: "/", maxAge: 365 * 24 * 3600, sameSite: "Lax" as const, httpOnly: true };
  if (form.lang === "ja" || form.lang === "en") setCookie(c, "lang", form.lang, options);
  const size = sizes.find((s) => s === form.size);
  if (size) setCookie(c, "size", size, options);
  const bg = backgrounds.find((b) => b === form.bg);
  if (bg) setCookie(c, "bg", bg, options);
}

/** Only same-site paths are followed back after a preference change. */
export function safeReturnPath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}
