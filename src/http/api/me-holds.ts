import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { withTenant } from "../../db/tenant.ts";
import { cancelHold } from "../../services/holds/cancel-hold.ts";
import { changeHoldPickup } from "../../services/holds/change-hold-pickup.ts";
import type { HoldActor } from "../../services/holds/hold-actor.ts";
import { listRequests } from "../../services/holds/hold-requests.ts";
import { listPatronHolds } from "../../services/holds/hold-view.ts";
import { placeHold } from "../../services/holds/place-hold.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import { requestView, requestViewSchema } from "./hold-requests.ts";
import { holdIdParam, holdRequestFields, holdViewSchema } from "./hold-schemas.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

/** The signed-in patron's own reservations, placed and changed through the web (channel `web`). */

function patronContext(c: Context<AppEnv>) {
  const actor: HoldActor = { kind: "patron", patronId: c.get("patron").patronId, channel: "web" };
  return { ...useCaseContext(c), actor };
}

const json = jsonContent;

export const meHoldsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/me/holds",
      tags: ["my page"],
      summary: "Reserve a title (the signed-in patron, on the web)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam, body: { required: true, content: json(z.object(holdRequestFields)) } },
      responses: {
        201: { description: "Reserved", content: json(holdViewSchema) },
        ...errorResponses(400, 401, 404, 409, 422),
      },
    }),
    async (c) => {
      const ctx = patronContext(c);
      const hold = await placeHold({ ...ctx, patronId: c.get("patron").patronId, ...c.req.valid("json") });
      return c.json(hold, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/holds",
      tags: ["my page"],
      summary: "The signed-in patron's reservations with status, position, pickup point and deadline",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        query: z.object({ which: z.enum(["active", "all"]).default("active") }),
      },
      responses: {
        200: { description: "Newest first", content: json(z.object({ holds: z.array(holdViewSchema) })) },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const { db, librarySystemId } = patronContext(c);
      const { which } = c.req.valid("query");
      const holds = await withTenant(db, librarySystemId, (tx) =>
        listPatronHolds(tx, c.get("patron").patronId, which),
      );
      return c.json({ holds }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/holds/{id}",
      tags: ["my page"],
      summary: "Cancel one of my reservations (not once it is ready, where the policy says so)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: holdIdParam },
      responses: {
        200: { description: "Cancelled", content: json(holdViewSchema) },
        ...errorResponses(401, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await cancelHold({ ...patronContext(c), holdId: id }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/me/holds/{id}",
      tags: ["my page"],
      summary: "Change the pickup point of one of my reservations (until it is ready)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: holdIdParam,
        body: { required: true, content: json(z.object({ pickupPoint: holdRequestFields.pickupPoint })) },
      },
      responses: {
        200: { description: "Changed", content: json(holdViewSchema) },
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { pickupPoint } = c.req.valid("json");
      return c.json(await changeHoldPickup({ ...patronContext(c), holdId: id, pickupPoint }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/requests",
      tags: ["my page"],
      summary: "My purchase and inter-library requests with their status (taken at the counter or by phone)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Newest first",
          content: json(z.object({ requests: z.array(requestViewSchema) })),
        },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const rows = await listRequests(useCaseContext(c), {
        status: null,
        patronId: c.get("patron").patronId,
      });
      return c.json({ requests: rows.map(requestView) }, 200);
    },
  );
