import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../domain/errors.ts";
import type { StaffRole } from "../../domain/vocabulary.ts";
import { authenticateStaff, requireRole } from "../../services/staff/authenticate-staff.ts";
import type { AppEnv } from "../context.ts";

/** The token of `Authorization: Bearer <token>`; without one the request is not signed in. */
export function bearerToken(c: Context<AppEnv>): string {
  const match = /^Bearer\s+([\w-]+)$/i.exec(c.req.header("authorization") ?? "");
  if (!match) throw new AppError("UNAUTHENTICATED");
  return match[1]!;
}

/** API requests carry `Authorization: Bearer <token>` from POST /auth/staff. */
export function staffBearer(role?: StaffRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const deps = c.get("deps");
    const principal = await authenticateStaff(
      deps.database.db,
      c.get("system").id,
      bearerToken(c),
      deps.clock.now(),
    );
    if (role) requireRole(principal, role);
    c.set("staff", principal);
    await next();
  });
}
