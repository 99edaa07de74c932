import { createRoute, z } from "@hono/zod-openapi";
import { materialTypeSchema } from "../../domain/vocabulary.ts";
import { listIllItems, receiveIllItem, sendIllItemBack } from "../../services/circulation/ill-borrowings.ts";
import { staffActor } from "../client-address.ts";
import { useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, isoDateSchema, systemParam } from "./openapi-app.ts";

const borrowingSchema = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  recordId: z.number().int(),
  barcode: z.string(),
  title: z.string(),
  itemStatus: z.string(),
  patronId: z.string().nullable(),
  lender: z.string(),
  lenderReference: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  sentBackOn: z.string().nullable(),
});

/** An item received from another library for one patron (the counter's ILL page takes the same body). */
export const illReceiptSchema = z.object({
  recordId: z.number().int().positive(),
  patronId: z.string().uuid(),
  lender: z.string().trim().min(1).max(128),
  lenderReference: z.string().trim().max(64).nullable().default(null),
  dueDate: isoDateSchema,
  servicePoint: z.string().trim().min(1).max(64),
  materialType: materialTypeSchema.default("book"),
  callNumber: z.string().trim().max(64).default(""),
  barcode: z.string().trim().min(1).max(32).nullable().default(null),
});

const context = useCaseContext;

export const illBorrowingsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/ill-borrowings",
      tags: ["circulation"],
      summary: "Receive an item borrowed from another library for one patron",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: illReceiptSchema,
            },
          },
        },
      },
      responses: {
        201: {
          description: "Received and labelled",
          content: {
            "application/json": {
              schema: z.object({ id: z.number().int(), barcode: z.string(), dueDate: z.string() }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await receiveIllItem({ ...context(c), actor: staffActor(c), ...body });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/ill-borrowings",
      tags: ["circulation"],
      summary: "Inter-library-loan items still here (open) or already sent back",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ status: z.enum(["open", "sentBack"]).default("open") }),
      },
      responses: {
        200: {
          description: "Borrowings, earliest due first",
          content: { "application/json": { schema: z.object({ borrowings: z.array(borrowingSchema) }) } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { status } = c.req.valid("query");
      const borrowings = await listIllItems({ ...context(c), open: status === "open" });
      return c.json({ borrowings }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/ill-borrowings/{id}/send-back",
      tags: ["circulation"],
      summary: "Send a returned inter-library-loan item back to its lender",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam.extend({ id: z.coerce.number().int().positive() }) },
      responses: {
        200: {
          description: "Sent back",
          content: { "application/json": { schema: z.object({ borrowing: borrowingSchema }) } },
        },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const borrowing = await sendIllItemBack({ ...context(c), actor: staffActor(c), id });
      return c.json({ borrowing }, 200);
    },
  );
