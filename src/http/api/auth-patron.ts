import { createRoute, z } from "@hono/zod-openapi";
import { signInPatron } from "../../services/patron-auth/sign-in-patron.ts";
import { signOutPatron, signOutPatronEverywhere } from "../../services/patron-auth/sign-out-patron.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, systemParam } from "./openapi-app.ts";

const signInBody = z.object({
  cardNumber: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const patronAuthApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/auth/patron",
      tags: ["auth"],
      summary: "Patron sign-in with card number and web password: a Bearer token",
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
      const { cardNumber, password } = c.req.valid("json");
      const deps = c.get("deps");
      const session = await signInPatron({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        cardNumber,
        password,
        kind: "bearer",
        now: deps.clock.now(),
      });
      return c.json({ token: session.token, expiresAt: session.expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/auth/patron/sign-out",
      tags: ["auth"],
      summary: "Patron sign-out: this token stops working",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: { 204: { description: "Signed out" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const deps = c.get("deps");
      await signOutPatron(deps.database.db, c.get("patron"), deps.clock.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/auth/patron/sign-out-everywhere",
      tags: ["auth"],
      summary: "Patron sign-out on every device: all of the patron's tokens stop working",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: { 204: { description: "Signed out everywhere" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const deps = c.get("deps");
      await signOutPatronEverywhere(deps.database.db, c.get("patron"), deps.clock.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me",
      tags: ["me"],
      summary: "The signed-in patron",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Who is signed in",
          content: {
            "application/json": { schema: z.object({ patronId: z.string(), displayName: z.string() }) },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const p = c.get("patron");
      return c.json({ patronId: p.patronId, displayName: p.displayName }, 200);
    },
  );
