import { createRoute, z } from "@hono/zod-openapi";
import { signInStaff } from "../../services/staff/sign-in-staff.ts";
import { signOutStaff } from "../../services/staff/sign-out-staff.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, systemParam } from "./openapi-app.ts";

const signInBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const staffAuthApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/auth/staff",
      tags: ["auth"],
      summary: "Staff sign-in: a Bearer token",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: { "application/json": { schema: signInBody } } },
      },
      responses: {
        200: {
          description: "Signed in",
          content: { "application/json": { schema: z.object({ token: z.string(), expiresAt: z.string() }) } },
        },
        ...errorResponses(401, 404, 422, 429),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid("json");
      const deps = c.get("deps");
      const session = await signInStaff({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        username,
        password,
        kind: "bearer",
        now: deps.clock.now(),
        production: deps.config.production,
      });
      return c.json({ token: session.token, expiresAt: session.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/auth/staff",
      tags: ["auth"],
      summary: "The signed-in staff member",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Who is signed in",
          content: {
            "application/json": {
              schema: z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()) }),
            },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.get("staff");
      return c.json({ username: s.username, displayName: s.displayName, roles: s.roles }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/auth/staff",
      tags: ["auth"],
      summary: "Sign out: the token stops working",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer()] as const,
      request: { params: systemParam },
      responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const deps = c.get("deps");
      await signOutStaff(deps.database.db, c.get("staff"), deps.clock.now());
      return c.body(null, 204);
    },
  );
