import { createRoute, z } from "@hono/zod-openapi";
import { listOutboxMessages } from "../../db/queries/outbox.ts";
import { withTenant } from "../../db/tenant.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, systemParam } from "./openapi-app.ts";

const messageSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    template: z.string(),
    status: z.enum(["pending", "sent", "failed"]),
    attempts: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi("OutboxMessage");

export const outboxApi = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/{system}/outbox",
    tags: ["mail"],
    summary: "Outgoing mail of this system, newest first, whatever the transport (staff)",
    security: bearerSecurity,
    middleware: [librarySystem, staffBearer()] as const,
    request: {
      params: systemParam,
      query: z.object({
        status: z.enum(["pending", "sent", "failed"]).optional(),
        to: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: {
        description: "Messages",
        content: { "application/json": { schema: z.object({ messages: z.array(messageSchema) }) } },
      },
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const rows = await withTenant(c.get("deps").database.db, c.get("system").id, (tx) =>
      listOutboxMessages(tx, c.req.valid("query")),
    );
    return c.json(
      {
        messages: rows.map((r) => ({
          id: r.id,
          to: r.toAddress,
          subject: r.subject,
          text: r.textBody,
          template: r.template,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  },
);
