import { createMiddleware } from "hono/factory";
import { AppError } from "../../domain/errors.ts";
import { authenticatePatron } from "../../services/patron-auth/authenticate-patron.ts";
import type { AppEnv } from "../context.ts";

/** Patron API requests carry `Authorization: Bearer <token>` from POST /auth/patron. */
export function patronBearer() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([\w-]+)$/i.exec(header);
    if (!match) throw new AppError("UNAUTHENTICATED");
    const deps = c.get("deps");
    const principal = await authenticatePatron(
      deps.database.db,
      c.get("system").id,
      match[1]!,
      deps.clock.now(),
    );
    c.set("patron", principal);
    await next();
  });
}
