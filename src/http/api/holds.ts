import { createRoute, z } from "@hono/zod-openapi";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { cancelHold } from "../../services/holds/cancel-hold.ts";
import { changeHoldPickup } from "../../services/holds/change-hold-pickup.ts";
import { collectHold } from "../../services/holds/collect-hold.ts";
import { holdShelfLists } from "../../services/holds/hold-shelf-lists.ts";
import { getHold, listPatronHolds } from "../../services/holds/hold-view.ts";
import { placeHold } from "../../services/holds/place-hold.ts";
import { recordHoldCall } from "../../services/holds/record-hold-call.ts";
import { staffActor } from "../client-address.ts";
import { useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { holdIdParam, holdRequestFields, holdShelfListsSchema, holdViewSchema } from "./hold-schemas.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";
import { proxySchema } from "./patron-schemas.ts";

const staffChannel = z.enum(["counter", "phone"]);

const staffContext = useCaseContext;
const json = jsonContent;

export const holdsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/holds",
      tags: ["holds"],
      summary: "Reserve a title for a patron at the counter or on the phone",
      description:
        "Refusals answer 409 with the first refusal's code (HOLD_LIMIT_REACHED, NOT_RESERVABLE, ALREADY_RESERVED, " +
        "PICKUP_POINT_NOT_ALLOWED, HOLD_NOT_ALLOWED_FOR_PATRON_TYPE, EMAIL_REQUIRED …); `details.refusals` lists all.",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({ patronId: z.string().uuid(), channel: staffChannel, ...holdRequestFields }),
          ),
        },
      },
      responses: {
        201: { description: "Reserved", content: json(holdViewSchema) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const hold = await placeHold({
        ...staffContext(c),
        actor: { kind: "staff", staff: staffActor(c), channel: body.channel },
        ...body,
      });
      return c.json(hold, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/holds",
      tags: ["holds"],
      summary: "A patron's reservations (active by default)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ patron: z.string().uuid(), which: z.enum(["active", "all"]).default("active") }),
      },
      responses: {
        200: { description: "Newest first", content: json(z.object({ holds: z.array(holdViewSchema) })) },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { patron, which } = c.req.valid("query");
      const { db, librarySystemId } = staffContext(c);
      const holds = await withTenant(db, librarySystemId, (tx) => listPatronHolds(tx, patron, which));
      return c.json({ holds }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/holds/{id}",
      tags: ["holds"],
      summary: "One reservation with its queue position",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: holdIdParam },
      responses: {
        200: { description: "The reservation", content: json(holdViewSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db, librarySystemId } = staffContext(c);
      const hold = await withTenant(db, librarySystemId, (tx) => getHold(tx, id));
      if (!hold) throw new AppError("HOLD_NOT_FOUND", { holdId: id });
      return c.json(hold, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/holds/{id}",
      tags: ["holds"],
      summary: "Cancel a reservation (staff: also one that is ready)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        query: z.object({
          channel: staffChannel.default("counter"),
          reason: z.string().trim().max(200).optional(),
        }),
      },
      responses: {
        200: { description: "Cancelled", content: json(holdViewSchema) },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { channel, reason } = c.req.valid("query");
      const hold = await cancelHold({
        ...staffContext(c),
        actor: { kind: "staff", staff: staffActor(c), channel },
        holdId: id,
        reason: reason ?? null,
      });
      return c.json(hold, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/holds/{id}",
      tags: ["holds"],
      summary: "Change a reservation's pickup point",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        body: {
          required: true,
          content: json(
            z.object({
              pickupPoint: holdRequestFields.pickupPoint,
              channel: staffChannel.default("counter"),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Changed", content: json(holdViewSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const hold = await changeHoldPickup({
        ...staffContext(c),
        actor: { kind: "staff", staff: staffActor(c), channel: body.channel },
        holdId: id,
        pickupPoint: body.pickupPoint,
      });
      return c.json(hold, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/holds/{id}/calls",
      tags: ["holds"],
      summary: "Record a call to a patron who chose phone contact; reaching them starts the pickup week",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        body: {
          required: true,
          content: json(z.object({ outcome: z.enum(["reached", "message", "noAnswer"]) })),
        },
      },
      responses: {
        201: { description: "Recorded", content: json(holdViewSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { outcome } = c.req.valid("json");
      const hold = await recordHoldCall({ ...staffContext(c), staff: staffActor(c), holdId: id, outcome });
      return c.json(hold, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/holds/{id}/collection",
      tags: ["holds"],
      summary: "Hand a ready reservation over (to the patron or a proxy), lending it on the patron's card",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        body: {
          required: true,
          content: json(
            z.object({
              servicePoint: z.string().trim().min(1).max(64),
              proxy: proxySchema.nullable().optional(),
              delivery: z.enum(["postal"]).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        201: {
          description: "Lent",
          content: json(z.object({ id: z.number().int(), dueDate: z.string(), patronId: z.string() })),
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const loan = await collectHold({
        ...staffContext(c),
        actor: staffActor(c),
        holdId: id,
        servicePoint: body.servicePoint,
        proxy: body.proxy ?? null,
        delivery: body.delivery ?? null,
      });
      return c.json(loan, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/hold-shelf",
      tags: ["holds"],
      summary:
        "A service point's hold shelf, patrons to phone, copies to pull, to clear, and on their way here",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam, query: z.object({ servicePoint: z.string().trim().min(1).max(64) }) },
      responses: {
        200: { description: "The lists", content: json(holdShelfListsSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { servicePoint } = c.req.valid("query");
      return c.json(await holdShelfLists({ ...staffContext(c), servicePoint }), 200);
    },
  );
