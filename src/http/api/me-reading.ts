import { createRoute, z } from "@hono/zod-openapi";
import {
  deleteLoanHistory,
  getLoanHistory,
  loanHistoryCsv,
  setLoanHistory,
} from "../../services/my-page/loan-history.ts";
import { getReadingRecord, setReadingGoal, setReadingRecord } from "../../services/my-page/reading-record.ts";
import { useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  isoDateSchema,
  jsonContent as json,
  systemParam,
} from "./openapi-app.ts";

/** 001's loan history, kept only after consent, and 003's reading record with goals per fiscal year. */

const historySchema = z.object({
  enabled: z.boolean(),
  since: z.string().nullable(),
  total: z.number().int(),
  entries: z.array(
    z.object({
      id: z.number().int(),
      recordId: z.number().int(),
      title: z.string(),
      author: z.string().nullable(),
      itemBarcode: z.string(),
      loanedOn: z.string(),
      returnedOn: z.string(),
    }),
  ),
});
const readingSchema = z.object({
  enabled: z.boolean(),
  since: z.string().nullable(),
  years: z.array(
    z.object({
      fiscalYear: z.number().int(),
      months: z.array(z.object({ month: z.string(), loans: z.number().int() })),
      total: z.number().int(),
      goal: z.number().int().nullable(),
      progressPercent: z.number().int().nullable(),
    }),
  ),
});
const mine = (c: Parameters<typeof useCaseContext>[0]) => ({
  ...useCaseContext(c),
  patronId: c.get("patron").patronId,
});

export const meReadingApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/loan-history",
      tags: ["my page"],
      summary: "My loan history (kept only since I consented), newest return first",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: { description: "History", content: json(historySchema) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await getLoanHistory(mine(c), c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/me/loan-history/settings",
      tags: ["my page"],
      summary: "Start keeping my loan history (with consent) or stop (what was kept stays until deleted)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(z.object({ enabled: z.boolean(), consent: z.boolean().default(false) })),
        },
      },
      responses: {
        200: { description: "Settings", content: json(historySchema) },
        ...errorResponses(401, 404, 422),
      },
    }),
    async (c) => c.json(await setLoanHistory({ ...mine(c), ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/loan-history.csv",
      tags: ["my page"],
      summary: "My whole loan history as CSV (UTF-8 with BOM)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      c.header("Content-Disposition", 'attachment; filename="loan-history.csv"');
      c.header("Cache-Control", "no-store");
      return c.body(await loanHistoryCsv(mine(c)), 200, { "Content-Type": "text/csv; charset=utf-8" });
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/loan-history/{id}",
      tags: ["my page"],
      summary: "Delete one entry of my loan history",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam.extend({ id: z.coerce.number().int().positive() }) },
      responses: {
        200: { description: "Deleted", content: json(z.object({ deleted: z.number().int() })) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await deleteLoanHistory({ ...mine(c), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/loan-history",
      tags: ["my page"],
      summary: "Delete my whole loan history (keeping goes on if it is on)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Deleted", content: json(z.object({ deleted: z.number().int() })) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await deleteLoanHistory({ ...mine(c), id: null }), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/reading-record",
      tags: ["my page"],
      summary: "My reading record: loans per month of each fiscal year, the year's goal and progress",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Record", content: json(readingSchema) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await getReadingRecord(mine(c)), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/me/reading-record/settings",
      tags: ["my page"],
      summary: "Keep a reading record from a day, or stop — which deletes it all (confirm: true)",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              enabled: z.boolean(),
              from: isoDateSchema.optional(),
              confirm: z.boolean().optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Record", content: json(readingSchema) },
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) => c.json(await setReadingRecord({ ...mine(c), ...c.req.valid("json") }), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/me/reading-record/goals/{fiscalYear}",
      tags: ["my page"],
      summary: "Set the goal of a fiscal year (April to March), 1 to 1,000 loans",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam.extend({ fiscalYear: z.coerce.number().int().min(2000).max(2100) }),
        body: { required: true, content: json(z.object({ goal: z.number().int() })) },
      },
      responses: {
        200: { description: "Record", content: json(readingSchema) },
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await setReadingGoal({
          ...mine(c),
          fiscalYear: c.req.valid("param").fiscalYear,
          goal: c.req.valid("json").goal,
        }),
        200,
      ),
  );
