import { createMiddleware } from "hono/factory";
import { AppError } from "../../domain/errors.ts";
import type { StaffRole } from "../../domain/vocabulary.ts";
import { authenticateStaff, requireRole } from "../../services/staff/authenticate-staff.ts";
import type { AppEnv } from "../context.ts";

/** API requests carry `Authorization: Bearer <token>` from POST /auth/staff. */
export function staffBearer(role?: StaffRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([\w-]+)$/i.exec(header);
    if (!match) throw new AppError("UNAUTHENTICATED");
    const deps = c.get("deps");
    const principal = await authenticateStaff(
      deps.database.db,
      c.get("system").id,
      match[1]!,
      deps.clock.now(),
    );
    if (role) requireRole(principal, role);
    c.set("staff", principal);
    await next();
  });
}
