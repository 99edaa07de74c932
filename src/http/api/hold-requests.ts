import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { findHoldRequest } from "../../db/queries/hold-requests.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { materialTypeSchema } from "../../domain/vocabulary.ts";
import {
  changeRequestStatus,
  listRequests,
  placeRequest,
  receiveRequestedCopy,
} from "../../services/holds/hold-requests.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { holdIdParam } from "./hold-schemas.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  jsonContent,
  requiredText,
  systemParam,
} from "./openapi-app.ts";

export const requestViewSchema = z
  .object({
    id: z.number().int(),
    patronId: z.string(),
    channel: z.string(),
    title: z.string(),
    author: z.string().nullable(),
    publisher: z.string().nullable(),
    isbn13: z.string().nullable(),
    materialType: z.string(),
    genre: z.string().nullable(),
    pickupPointCode: z.string(),
    contact: z.enum(["email", "phone", "none"]),
    route: z.enum(["interLibrary", "purchase"]).nullable(),
    status: z.enum(["received", "ordered", "requested", "arrived", "refused", "cancelled"]),
    lender: z.string().nullable(),
    refusalReason: z.string().nullable(),
    postageYen: z.number().int().nullable(),
    holdId: z.number().int().nullable(),
  })
  .openapi("Request");

export function requestView(row: z.infer<typeof requestViewSchema> & Record<string, unknown>) {
  return requestViewSchema.parse(row);
}

function staffContext(c: Context<AppEnv>, channel: "counter" | "phone" = "counter") {
  return { ...useCaseContext(c), staff: staffActor(c), channel };
}

const json = jsonContent;
const text = requiredText;

export const holdRequestsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/requests",
      tags: ["holds"],
      summary: "Take a purchase or inter-library request for a title the library does not hold (counter)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              patronId: z.string().uuid(),
              channel: z.enum(["counter", "phone"]).default("counter"),
              title: text(256),
              author: text(256).nullable().optional(),
              publisher: text(128).nullable().optional(),
              isbn: text(32).nullable().optional(),
              materialType: materialTypeSchema,
              genre: text(64).nullable().optional(),
              callNumber: text(32).nullable().optional(),
              pickupPoint: text(64),
              contact: z.enum(["email", "phone", "none"]),
              route: z.enum(["interLibrary", "purchase"]).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        201: { description: "Received", content: json(requestViewSchema) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { channel, ...body } = c.req.valid("json");
      return c.json(requestView(await placeRequest(staffContext(c, channel), body)), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/requests",
      tags: ["holds"],
      summary: "Requests by status or patron, newest first",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({
          status: z.enum(["received", "ordered", "requested", "arrived", "refused", "cancelled"]).optional(),
          patron: z.string().uuid().optional(),
        }),
      },
      responses: {
        200: { description: "Requests", content: json(z.object({ requests: z.array(requestViewSchema) })) },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { status, patron } = c.req.valid("query");
      const rows = await listRequests(staffContext(c), { status: status ?? null, patronId: patron ?? null });
      return c.json({ requests: rows.map(requestView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/requests/{id}",
      tags: ["holds"],
      summary: "One request",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: holdIdParam },
      responses: {
        200: { description: "The request", content: json(requestViewSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { db, librarySystemId } = staffContext(c);
      const row = await withTenant(db, librarySystemId, (tx) => findHoldRequest(tx, id));
      if (!row) throw new AppError("REQUEST_NOT_FOUND", { requestId: id });
      return c.json(requestView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/requests/{id}",
      tags: ["holds"],
      summary: "Move a request on: ordered (purchase), requested (from another library), refused, cancelled",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        body: {
          required: true,
          content: json(
            z.object({
              status: z.enum(["ordered", "requested", "refused", "cancelled"]),
              lender: text(128).nullable().optional(),
              refusalReason: text(500).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Changed", content: json(requestViewSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(requestView(await changeRequestStatus(staffContext(c), id, c.req.valid("json"))), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/requests/{id}/arrival",
      tags: ["holds"],
      summary: "The copy arrived: it becomes a reservation for the patron; postage goes to the fee ledger",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: holdIdParam,
        body: {
          required: true,
          content: json(
            z.object({
              itemBarcode: text(32),
              servicePoint: text(64),
              postageYen: z.number().int().min(0).max(100_000).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        201: { description: "Arrived", content: json(requestViewSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(requestView(await receiveRequestedCopy(staffContext(c), id, c.req.valid("json"))), 201);
    },
  );
