import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { credentialKindSchema } from "../../domain/vocabulary.ts";
import { checkOut } from "../../services/circulation/check-out.ts";
import { listPatronLoans } from "../../services/circulation/list-loans.ts";
import { renewLoan } from "../../services/circulation/renew-loan.ts";
import { returnItem } from "../../services/circulation/return-item.ts";
import {
  listOverdue,
  listReturnExceptions,
  resolveReturnException,
} from "../../services/circulation/staff-lists.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, isoDateSchema, systemParam } from "./openapi-app.ts";
import { proxySchema } from "./patron-schemas.ts";

const barcodeSchema = z.string().trim().min(1).max(32);
const servicePointSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .openapi({ description: "Service point code or id" });
const refusalSchema = z.object({ code: z.string(), details: z.record(z.string(), z.unknown()) });
const pointSchema = z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) });

export const loanViewSchema = z.object({
  id: z.number().int(),
  item: z.object({
    barcode: z.string(),
    recordId: z.number().int(),
    title: z.string(),
    materialType: z.string(),
    callNumber: z.string(),
  }),
  loanedOn: z.string(),
  dueDate: z.string(),
  renewals: z.number().int(),
  overdue: z.boolean(),
  delivery: z.enum(["postal", "online"]).nullable(),
  renewable: z.boolean(),
  renewalRefusals: z.array(refusalSchema),
});

function circulationContext(c: Context<AppEnv>) {
  return { ...useCaseContext(c), actor: staffActor(c) };
}

export const circulationApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/loans",
      tags: ["circulation"],
      summary: "Lend an item to the patron named by any credential",
      description:
        "Refusals answer 409 with the first refusal's code; `details.refusals` lists every refusal and whether " +
        "staff may override it. Send `override.reason` to lend despite refusals that are all overridable.",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                credential: z.object({
                  kind: credentialKindSchema,
                  value: z.string().trim().min(1).max(256),
                }),
                itemBarcode: barcodeSchema,
                servicePoint: servicePointSchema,
                delivery: z.enum(["postal", "online"]).nullable().optional().openapi({
                  description:
                    "Delivery lending as the policy offers it: postal (001, limited to copies kept for the patron's reservation: DELIVERY_RESERVED_ITEMS_ONLY) or online (004)",
                }),
                override: z
                  .object({ reason: z.string().trim().min(1).max(500) })
                  .nullable()
                  .optional(),
                proxy: proxySchema.nullable().optional().openapi({
                  description: "Someone collecting the patron's reservation, and what they brought",
                }),
              }),
            },
          },
        },
      },
      responses: {
        201: {
          description: "Lent",
          content: {
            "application/json": {
              schema: z.object({
                id: z.number().int(),
                dueDate: z.string(),
                patronId: z.string(),
                item: z.object({ barcode: z.string(), recordId: z.number().int(), materialType: z.string() }),
                overridden: z.array(z.string()),
              }),
            },
          },
        },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await checkOut({ ...circulationContext(c), ...body });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/loans",
      tags: ["circulation"],
      summary: "A patron's current loans, each with whether it can be renewed and why not",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({
          patron: z.string().uuid(),
          channel: z.enum(["counter", "phone"]).default("counter"),
        }),
      },
      responses: {
        200: {
          description: "Loans, earliest due first",
          content: { "application/json": { schema: z.object({ loans: z.array(loanViewSchema) }) } },
        },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { patron, channel } = c.req.valid("query");
      const loans = await listPatronLoans({ ...circulationContext(c), patronId: patron, channel });
      return c.json({ loans }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/loans/{id}/renewals",
      tags: ["circulation"],
      summary: "Renew a loan (at the counter or for a patron on the phone)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam.extend({ id: z.coerce.number().int().positive() }),
        body: {
          required: false,
          content: {
            "application/json": {
              schema: z.object({ channel: z.enum(["counter", "phone"]).default("counter") }),
            },
          },
        },
      },
      responses: {
        201: {
          description: "Renewed",
          content: {
            "application/json": {
              schema: z.object({ id: z.number().int(), dueDate: z.string(), renewals: z.number().int() }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = (c.req.valid("json") as { channel?: "counter" | "phone" } | undefined) ?? {};
      const result = await renewLoan({
        ...circulationContext(c),
        loanId: id,
        channel: body.channel ?? "counter",
      });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/returns",
      tags: ["circulation"],
      summary:
        "Take an item back at a counter, a return point or from a book drop; also receives items in transit",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                itemBarcode: barcodeSchema,
                servicePoint: servicePointSchema,
                via: z.enum(["counter", "bookDrop"]).default("counter"),
                bookDrop: z.string().trim().min(1).max(64).nullable().optional(),
                emptiedOn: isoDateSchema.nullable().optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: {
          description: "Returned, and what happens next",
          content: {
            "application/json": {
              schema: z.object({
                loanId: z.number().int().nullable(),
                barcode: z.string(),
                title: z.string(),
                status: z.enum(["returned", "notOnLoan", "arrived"]),
                returnedOn: z.string().nullable(),
                overdueDays: z.number().int(),
                exceptions: z.array(z.string()),
                transitTo: pointSchema.nullable(),
                holdTrapped: z
                  .object({
                    holdId: z.number().int(),
                    pickupPoint: z.string().nullable(),
                    ready: z.boolean(),
                  })
                  .nullable(),
                sendBackTo: z.string().nullable(),
              }),
            },
          },
        },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await returnItem({ ...circulationContext(c), ...body });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/loans/overdue",
      tags: ["circulation"],
      summary: "Overdue loans with the patron to contact (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Overdue loans, the longest overdue first",
          content: {
            "application/json": {
              schema: z.object({
                loans: z.array(
                  z.object({
                    loanId: z.number().int(),
                    barcode: z.string(),
                    title: z.string(),
                    dueOn: z.string(),
                    overdueNotices: z.number().int(),
                    patronId: z.string(),
                    familyName: z.string(),
                    givenName: z.string(),
                    phone: z.string(),
                    email: z.string().nullable(),
                    cardNumber: z.string().nullable(),
                  }),
                ),
              }),
            },
          },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ loans: await listOverdue(circulationContext(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/returns/exceptions",
      tags: ["circulation"],
      summary: "Returns taken in against a rule, for staff to look at",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Open exceptions, oldest first",
          content: {
            "application/json": {
              schema: z.object({
                exceptions: z.array(
                  z.object({
                    loanId: z.number().int(),
                    barcode: z.string(),
                    title: z.string(),
                    exceptions: z.array(z.string()),
                    returnedOn: z.string(),
                    servicePointCode: z.string(),
                    bookDropCode: z.string().nullable(),
                  }),
                ),
              }),
            },
          },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { db, librarySystemId } = circulationContext(c);
      return c.json({ exceptions: await listReturnExceptions(db, librarySystemId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/returns/exceptions/{loanId}/resolution",
      tags: ["circulation"],
      summary: "Mark a return exception as dealt with",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam.extend({ loanId: z.coerce.number().int().positive() }) },
      responses: {
        200: {
          description: "Resolved",
          content: { "application/json": { schema: z.object({ loanId: z.number().int() }) } },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { loanId } = c.req.valid("param");
      await resolveReturnException({ ...circulationContext(c), loanId });
      return c.json({ loanId }, 200);
    },
  );
