import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { feeKinds } from "../../domain/fees/fee-ledger.ts";
import { photocopyChecklist, photocopyScopes } from "../../domain/fees/photocopy-rules.ts";
import {
  getFeeDay,
  getFeeEntry,
  getFeeTotals,
  recordPostage,
  refundFee,
} from "../../services/fees/fee-ledger.ts";
import { getPhotocopyRequest, recordPhotocopy } from "../../services/fees/record-photocopy.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  jsonContent,
  requiredText,
  systemParam,
} from "./openapi-app.ts";

const json = jsonContent;
const text = requiredText;
const entryIdParam = systemParam.extend({ id: z.coerce.number().int().positive() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const feeEntrySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(feeKinds),
    amountYen: z.number().int(),
    refundOf: z.number().int().nullable(),
    reason: z.string().nullable(),
    refundedYen: z.number().int(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    servicePointCode: z.string(),
    recordedOn: z.string(),
    recordedAt: z.string(),
  })
  .openapi("FeeEntry");

const feeTotalSchema = z
  .object({
    day: z.string(),
    servicePointCode: z.string(),
    kind: z.enum(feeKinds),
    entries: z.number().int(),
    receivedYen: z.number().int(),
    refundedYen: z.number().int(),
    netYen: z.number().int(),
  })
  .openapi("FeeTotal");

export const photocopySchema = z
  .object({
    id: z.number().int(),
    servicePointCode: z.string(),
    itemBarcode: z.string().nullable(),
    title: z.string(),
    periodical: z.boolean(),
    currentIssue: z.boolean(),
    scope: z.enum(["partOfWork", "wholeArticle"]),
    pagesDescription: z.string().nullable(),
    monoPages: z.number().int(),
    colourPages: z.number().int(),
    amountYen: z.number().int(),
    feeEntryId: z.number().int(),
  })
  .openapi("PhotocopyRequest");

const entryView = (row: Record<string, unknown>) =>
  feeEntrySchema.parse({ ...row, recordedAt: new Date(row.recordedAt as string).toISOString() });

function staffContext(c: Context<AppEnv>) {
  return { ...useCaseContext(c), staff: staffActor(c) };
}

export const feesApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/photocopies",
      tags: ["fees"],
      summary: "Record a photocopy request (copyright law art. 31 checklist) and charge it to the fee ledger",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z
              .object({
                servicePoint: text(64),
                itemBarcode: text(32).nullable().optional(),
                title: text(256).nullable().optional(),
                periodical: z.boolean().optional(),
                currentIssue: z.boolean().optional(),
                scope: z.enum(photocopyScopes),
                pagesDescription: text(200).nullable().optional(),
                copies: z.number().int().min(1).max(100).default(1),
                monoPages: z.number().int().min(0).max(2000),
                colourPages: z.number().int().min(0).max(2000),
                confirmed: z.array(z.enum(photocopyChecklist)).max(photocopyChecklist.length),
                patronId: z.string().uuid().nullable().optional(),
              })
              .refine((b) => b.monoPages + b.colourPages > 0, {
                path: ["monoPages"],
                message: "at least one page",
              }),
          ),
        },
      },
      responses: {
        201: { description: "Recorded; feeEntryId is the receipt", content: json(photocopySchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const row = await recordPhotocopy(staffContext(c), c.req.valid("json"));
      return c.json(photocopySchema.parse(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/photocopies/{id}",
      tags: ["fees"],
      summary: "One photocopy request",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: entryIdParam },
      responses: {
        200: { description: "The request", content: json(photocopySchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const row = await getPhotocopyRequest(staffContext(c), c.req.valid("param").id);
      return c.json(photocopySchema.parse(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/fees",
      tags: ["fees"],
      summary: "A day's fee ledger: its entries and the totals per service point and kind",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ date: isoDate, servicePoint: text(64).optional() }),
      },
      responses: {
        200: {
          description: "The day",
          content: json(z.object({ entries: z.array(feeEntrySchema), totals: z.array(feeTotalSchema) })),
        },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { date, servicePoint } = c.req.valid("query");
      const { entries, totals } = await getFeeDay(staffContext(c), date, servicePoint ?? null);
      return c.json({ entries: entries.map(entryView), totals }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/fees/totals",
      tags: ["fees"],
      summary: "Daily totals per service point and kind from one day to another (a year at most)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ from: isoDate, to: isoDate, servicePoint: text(64).optional() }),
      },
      responses: {
        200: { description: "Totals", content: json(z.object({ totals: z.array(feeTotalSchema) })) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { from, to, servicePoint } = c.req.valid("query");
      return c.json(
        { totals: await getFeeTotals(staffContext(c), { from, to, servicePoint: servicePoint ?? null }) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/fees/{id}",
      tags: ["fees"],
      summary: "One fee entry (the receipt), with what its refunds gave back",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: entryIdParam },
      responses: {
        200: { description: "The entry", content: json(feeEntrySchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(entryView(await getFeeEntry(staffContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/fees/{id}/refunds",
      tags: ["fees"],
      summary: "Refund all or part of a fee with a reason (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: entryIdParam,
        body: {
          required: true,
          content: json(
            z.object({
              reason: text(500),
              amountYen: z.number().int().positive().max(1_000_000).nullable().optional(),
              servicePoint: text(64).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        201: { description: "The refund entry", content: json(feeEntrySchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const row = await refundFee(staffContext(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(entryView(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/fees",
      tags: ["fees"],
      summary:
        "Record postage taken at a service point (a postal loan or a request sent at the patron's cost)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              kind: z.enum(["postalLoanPostage", "requestPostage"]),
              servicePoint: text(64),
              amountYen: z.number().int().positive().max(100_000),
              patronId: z.string().uuid().nullable().optional(),
              reference: text(64)
                .nullable()
                .optional()
                .openapi({ description: "The loan or request it is for" }),
            }),
          ),
        },
      },
      responses: {
        201: { description: "Recorded; the entry is the receipt", content: json(feeEntrySchema) },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(entryView(await recordPostage(staffContext(c), c.req.valid("json"))), 201),
  );
