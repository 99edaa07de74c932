import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { csrfToken } from "./csrf.ts";
import type { PageShell } from "./layout.tsx";
import { readPreferences } from "./preferences.ts";

/** What every page's layout needs: display preferences, the CSRF token, the path and the system. */
export function shell(c: Context<AppEnv>): PageShell {
  const system = c.get("system");
  return {
    prefs: readPreferences(c),
    csrf: csrfToken(c),
    path: c.req.path + (new URL(c.req.url).search || ""),
    system: system ? { slug: system.slug, name: { ja: system.nameJa, en: system.nameEn } } : undefined,
  };
}
