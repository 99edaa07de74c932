import { createMiddleware } from "hono/factory";
import { findLibrarySystem } from "../../services/systems/find-library-system.ts";
import type { AppEnv } from "../context.ts";

/** Resolves `{system}` of the path; an unknown slug is 404 SYSTEM_NOT_FOUND. */
export const librarySystem = createMiddleware<AppEnv>(async (c, next) => {
  const slug = c.req.param("system") ?? "";
  c.set("system", await findLibrarySystem(c.get("deps").database.db, slug));
  await next();
});
