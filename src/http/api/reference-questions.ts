import { createRoute, z } from "@hono/zod-openapi";
import { unansweredQuestionKindSchema } from "../../domain/policy/policy-schema.ts";
import { referenceStatuses } from "../../domain/reference/reference-questions.ts";
import {
  askReferenceQuestion,
  getReferenceDesk,
  getReferenceQuestion,
  moveReferenceQuestion,
  referenceDeskViews,
} from "../../services/reference/reference-questions.ts";
import { staffActor } from "../client-address.ts";
import { accountMailContext, useCaseContext } from "../context.ts";
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
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const referenceQuestionSchema = z
  .object({
    id: z.number().int(),
    channel: z.enum(["referenceRoom", "referenceCorner", "phone", "web"]),
    servicePointCode: z.string().nullable(),
    question: z.string(),
    askerName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    patronId: z.string().nullable(),
    wantedBy: z.string().nullable(),
    status: z.enum(referenceStatuses),
    declinedKind: z.string().nullable(),
    answer: z.string().nullable(),
    sources: z.string().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi("ReferenceQuestion");

const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
const questionView = (row: Record<string, unknown>) =>
  referenceQuestionSchema.parse({ ...row, createdAt: iso(row.createdAt), closedAt: iso(row.closedAt) });

const questionFields = {
  question: text(4000),
  kind: unansweredQuestionKindSchema.nullable().optional(),
  wantedBy: isoDate.nullable().optional(),
};

export const referenceQuestionsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/reference-questions",
      tags: ["reference"],
      summary: "Take a reference question at the reference room or corner, or by phone (staff)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              channel: z.enum(["referenceRoom", "referenceCorner", "phone"]),
              servicePoint: text(64).nullable().optional(),
              askerName: text(128).nullable().optional(),
              email: z.string().trim().email().max(128).nullable().optional(),
              phone: text(32).nullable().optional(),
              patronId: z.string().uuid().nullable().optional(),
              ...questionFields,
            }),
          ),
        },
      },
      responses: {
        201: { description: "Received", content: json(referenceQuestionSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const row = await askReferenceQuestion(
        { ...accountMailContext(c), staff: staffActor(c) },
        c.req.valid("json"),
      );
      return c.json(questionView(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/reference-questions/web",
      tags: ["reference"],
      summary: "Ask a reference question through the web form (anyone; the answer is mailed)",
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              askerName: text(128),
              email: z.string().trim().email().max(128),
              ...questionFields,
            }),
          ),
        },
      },
      middleware: [librarySystem] as const,
      responses: {
        201: {
          description: "Received; the receipt number is mailed",
          content: json(z.object({ id: z.number().int(), status: z.literal("received") })),
        },
        ...errorResponses(404, 409, 422),
      },
    }),
    async (c) => {
      const row = await askReferenceQuestion(
        { ...accountMailContext(c), staff: null },
        { ...c.req.valid("json"), channel: "web" },
      );
      return c.json({ id: row.id, status: "received" as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/reference-questions",
      tags: ["reference"],
      summary: "Questions by view: open (oldest first), answered or declined (newest first)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ view: z.enum(["open", "answered", "declined"]).default("open") }),
      },
      responses: {
        200: {
          description: "Questions and counts per status",
          content: json(
            z.object({
              questions: z.array(referenceQuestionSchema),
              counts: z.record(z.string(), z.number()),
            }),
          ),
        },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { view } = c.req.valid("query");
      const { rows, counts } = await getReferenceDesk(useCaseContext(c), referenceDeskViews[view]);
      return c.json({ questions: rows.map(questionView), counts }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/reference-questions/{id}",
      tags: ["reference"],
      summary: "One reference question",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "The question", content: json(referenceQuestionSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(questionView(await getReferenceQuestion(useCaseContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/reference-questions/{id}",
      tags: ["reference"],
      summary: "Move a question on: in progress, answered (with the answer), or declined (with the kind)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: json(
            z.object({
              status: z.enum(["inProgress", "answered", "declined"]),
              answer: text(8000).nullable().optional(),
              sources: text(2000).nullable().optional(),
              declinedKind: unansweredQuestionKindSchema.nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Moved", content: json(referenceQuestionSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const row = await moveReferenceQuestion(
        { ...accountMailContext(c), staff: staffActor(c) },
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(questionView(row), 200);
    },
  );
