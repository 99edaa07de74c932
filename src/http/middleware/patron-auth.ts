import { createMiddleware } from "hono/factory";
import { authenticatePatron } from "../../services/patron-auth/authenticate-patron.ts";
import type { AppEnv } from "../context.ts";
import { bearerToken } from "./staff-auth.ts";

/** Patron API requests carry `Authorization: Bearer <token>` from POST /auth/patron. */
export function patronBearer() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const deps = c.get("deps");
    const principal = await authenticatePatron(
      deps.database.db,
      c.get("system").id,
      bearerToken(c),
      deps.clock.now(),
    );
    c.set("patron", principal);
    await next();
  });
}
