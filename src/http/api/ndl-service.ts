import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { NdlPrintRow, NdlSessionRow } from "../../db/queries/ndl-service.ts";
import { photocopyChecklist, photocopyScopes } from "../../domain/fees/photocopy-rules.ts";
import { ndlRules } from "../../domain/ndl/ndl-service.ts";
import {
  getNdlDesk,
  handOverNdlPrint,
  recordNdlSession,
  requestNdlPrint,
} from "../../services/ndl/ndl-service.ts";
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
const idParam = systemParam.extend({ id: z.coerce.number().int().positive() });

const sessionSchema = z
  .object({
    id: z.number().int(),
    servicePointCode: z.string(),
    patronId: z.string(),
    patronName: z.string(),
    day: z.string(),
    minutes: z.number().int(),
  })
  .openapi("NdlSession");

const printSchema = z
  .object({
    id: z.number().int(),
    sessionId: z.number().int(),
    patronId: z.string(),
    title: z.string(),
    pagesDescription: z.string().nullable(),
    monoPages: z.number().int(),
    colourPages: z.number().int(),
    amountYen: z.number().int(),
    readyOn: z.string(),
    status: z.enum(["requested", "handedOver"]),
    feeEntryId: z.number().int().nullable(),
  })
  .openapi("NdlPrint");

const sessionView = (row: NdlSessionRow) => sessionSchema.parse(row);
const printView = (row: NdlPrintRow) => printSchema.parse(row);
const staffContext = (c: Context<AppEnv>) => ({ ...useCaseContext(c), staff: staffActor(c) });

export const ndlServiceApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/ndl-sessions",
      tags: ["ndl"],
      summary: "Record an application for the NDL digital transmission service (card holders, minutes a day)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              patronId: z.string().uuid(),
              servicePoint: text(64),
              minutes: z.number().int().min(1).max(600),
              accepted: z.array(z.enum(ndlRules)).max(ndlRules.length),
            }),
          ),
        },
      },
      responses: {
        201: { description: "Recorded", content: json(sessionSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(sessionView(await recordNdlSession(staffContext(c), c.req.valid("json"))), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/ndl-sessions",
      tags: ["ndl"],
      summary: "Today's applications and the prints waiting to be handed over",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "The desk",
          content: json(
            z.object({
              sessions: z.array(sessionSchema),
              prints: z.array(printSchema),
              minutesPerDay: z.number().int(),
            }),
          ),
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const desk = await getNdlDesk(useCaseContext(c));
      return c.json(
        {
          sessions: desk.sessions.map(sessionView),
          prints: desk.prints.map(printView),
          minutesPerDay: desk.minutesPerDay,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/ndl-sessions/{id}/prints",
      tags: ["ndl"],
      summary: "Ask staff for prints of the session's material (art. 31 checklist); ready on a later day",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: json(
            z
              .object({
                title: text(256),
                pagesDescription: text(200).nullable().optional(),
                scope: z.enum(photocopyScopes),
                periodical: z.boolean().optional(),
                currentIssue: z.boolean().optional(),
                copies: z.number().int().min(1).max(100).default(1),
                monoPages: z.number().int().min(0).max(2000),
                colourPages: z.number().int().min(0).max(2000),
                confirmed: z.array(z.enum(photocopyChecklist)).max(photocopyChecklist.length),
              })
              .refine((b) => b.monoPages + b.colourPages > 0, {
                path: ["monoPages"],
                message: "at least one page",
              }),
          ),
        },
      },
      responses: {
        201: { description: "Requested", content: json(printSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const row = await requestNdlPrint(staffContext(c), c.req.valid("param").id, c.req.valid("json"));
      return c.json(printView(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/ndl-prints/{id}/hand-over",
      tags: ["ndl"],
      summary: "Hand the prints over (from their ready day) and charge them to the fee ledger",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "Handed over; feeEntryId is the receipt", content: json(printSchema) },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(printView(await handOverNdlPrint(staffContext(c), c.req.valid("param").id)), 200),
  );
