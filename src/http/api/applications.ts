import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApplicationRow } from "../../db/queries/applications.ts";
import { onlineReissueReasons } from "../../domain/applications/application-rules.ts";
import { onlineProcedureSchema } from "../../domain/vocabulary.ts";
import {
  answerApplicantInquiry,
  askApplicant,
  getInquiries,
} from "../../services/applications/application-inquiries.ts";
import {
  decideApplication,
  getApplicationForReview,
  getApplicationPhoto,
  listReviewQueue,
} from "../../services/applications/application-review.ts";
import {
  type ApplicantContext,
  applicationStatus,
  getMyApplication,
  saveApplicationDraft,
  startApplication,
  submitApplication,
  uploadApplicationPhoto,
  verifyApplicationEmail,
} from "../../services/applications/online-application.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, accountMailContext, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";
import { detailFields, idDocumentSchema } from "./patron-schemas.ts";

const json = jsonContent;
const idParam = systemParam.extend({ id: z.string().uuid() });
/** The identity document's two sides, and the registration kit's card with the name written on it (004). */
const photoSide = z.enum(["front", "back", "card"]);
const sideParam = systemParam.extend({ side: photoSide });
const reviewSideParam = idParam.extend({ side: photoSide });

/** The form's fields (002's limits), each optional in a draft; completeness is checked on submission. */
export const applicationFormSchema = z
  .object({
    ...detailFields,
    idDocument: idDocumentSchema,
    /** 004: the pre-printed number of the registration kit's card (a new registration where kits are used). */
    kitNumber: z
      .string()
      .trim()
      .max(20)
      .regex(/^[0-9A-Da-d]*$/u, { message: "KIT_NUMBER_FORMAT" }),
    /** 004: セットに含まれている利用者カードに名前を書きます. */
    nameWrittenOnCard: z.boolean(),
    /** 004: 「オンライン貸出サービス」も同時に申し込んでいれば — applied for in the same application. */
    deliveryLending: z.boolean(),
    /** 002: 再発行 — the card was lost, or the name changed (the form's name is then the new one). */
    reissueReason: z.enum(onlineReissueReasons),
    /** The reading on record before a name change, which names the patron. */
    previousFamilyNameKana: detailFields.familyNameKana,
    previousGivenNameKana: detailFields.givenNameKana,
  })
  .omit({ email: true })
  .partial()
  .openapi("ApplicationForm");

const applicationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    procedure: onlineProcedureSchema.nullable(),
    consented: z.boolean(),
    form: z.record(z.string(), z.unknown()),
    photos: z.array(photoSide),
    kitNumber: z.string().nullable().openapi({ description: "The registration kit's card number (004)" }),
    status: z.enum(["draft", "submitted", "inquiry", "approved", "rejected", "cancelled"]),
    receiptNumber: z.string().nullable(),
    submittedOn: z.string().nullable(),
    expectedOn: z.string().nullable().openapi({ description: "The day the card is usually usable (002)" }),
    decisionReason: z.string().nullable(),
  })
  .openapi("Application");

const inquiriesSchema = z
  .object({
    inquiries: z.array(
      z.object({
        id: z.number().int(),
        question: z.string(),
        askedOn: z.string(),
        answer: z.string().nullable(),
        answeredAt: z.unknown(),
      }),
    ),
  })
  .openapi("ApplicationInquiries");

function applicationView(a: ApplicationRow) {
  return {
    id: a.id,
    email: a.email,
    emailVerified: a.emailVerifiedAt !== null,
    procedure: a.procedure,
    consented: a.consentedAt !== null,
    form: a.form,
    photos: a.photos,
    kitNumber: a.kitNumber,
    status: a.status,
    receiptNumber: a.receiptNumber,
    submittedOn: a.submittedOn,
    expectedOn: a.expectedOn,
    decisionReason: a.decisionReason,
  };
}

export function applicantContext(c: Context<AppEnv>): ApplicantContext {
  return { ...accountMailContext(c), secretKey: c.get("deps").config.secretKey };
}

/** The applicant's session token from `Authorization: Bearer …`. */
function applicantToken(c: Context<AppEnv>): string {
  const header = c.req.header("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).trim() : "";
}

const reviewContext = (c: Context<AppEnv>) => {
  const a = applicantContext(c);
  return { ...a, staff: staffActor(c) };
};

export const applicationsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications",
      tags: ["applications"],
      summary: "Begin (or resume) an online application: a one-time link is mailed to the address",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ email: z.string().trim().email().max(128) })) },
      },
      responses: {
        202: { description: "Mailed (answered alike for every address)" },
        ...errorResponses(409, 422),
      },
    }),
    async (c) => {
      await startApplication(applicantContext(c), c.req.valid("json").email);
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications/verification",
      tags: ["applications"],
      summary: "Follow the mailed link: the key is spent and a session for the application opens",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ key: z.string().min(1).max(200) })) },
      },
      responses: {
        200: {
          description: "The session",
          content: json(z.object({ applicationId: z.string(), token: z.string(), expiresAt: z.string() })),
        },
        ...errorResponses(410, 422),
      },
    }),
    async (c) => {
      const s = await verifyApplicationEmail(applicantContext(c), c.req.valid("json").key);
      return c.json(
        { applicationId: s.applicationId, token: s.token, expiresAt: s.expiresAt.toISOString() },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications/current",
      tags: ["applications"],
      summary: "The applicant's own application (session token)",
      security: bearerSecurity,
      middleware: [librarySystem] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "The application", content: json(applicationSchema) },
        ...errorResponses(401),
      },
    }),
    async (c) => c.json(applicationView(await getMyApplication(applicantContext(c), applicantToken(c))), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/applications/current",
      tags: ["applications"],
      summary: "Save the draft: the procedure, consent to the notes, and form fields (any subset)",
      security: bearerSecurity,
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              procedure: onlineProcedureSchema.optional(),
              consent: z.literal(true).optional(),
              form: applicationFormSchema.optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Saved", content: json(applicationSchema) },
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const row = await saveApplicationDraft(applicantContext(c), applicantToken(c), c.req.valid("json"));
      return c.json(applicationView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/applications/current/photos/{side}",
      tags: ["applications"],
      summary: "Upload a photo of the identity document (the image as the body: JPEG, PNG or HEIC)",
      security: bearerSecurity,
      middleware: [librarySystem] as const,
      request: {
        params: sideParam,
        body: {
          required: true,
          description: "The photo's bytes; the type is read from them, whatever Content-Type says",
          content: {
            "image/jpeg": { schema: z.string().openapi({ format: "binary" }) },
            "image/png": { schema: z.string().openapi({ format: "binary" }) },
            "image/heic": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
      },
      responses: {
        200: { description: "Stored, sealed", content: json(applicationSchema) },
        ...errorResponses(401, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const ctx = applicantContext(c);
      // streamed: read as it arrives, refused by its declared length or as soon as it passes the policy's size
      const declared = Number(c.req.header("content-length"));
      const row = await uploadApplicationPhoto(ctx, applicantToken(c), c.req.valid("param").side, {
        stream: c.req.raw.body as AsyncIterable<Uint8Array> | null,
        declaredLength: Number.isFinite(declared) && declared > 0 ? declared : undefined,
      });
      return c.json(applicationView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications/current/submission",
      tags: ["applications"],
      summary: "Submit: eligibility and the duplicate check, then a receipt number (mailed); idempotent",
      security: bearerSecurity,
      middleware: [librarySystem] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Submitted", content: json(applicationSchema) },
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) =>
      c.json(applicationView(await submitApplication(applicantContext(c), applicantToken(c))), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications/status",
      tags: ["applications"],
      summary: "An application's status by its receipt number and e-mail address",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        query: z.object({ receiptNumber: z.string().min(1).max(20), email: z.string().min(3).max(128) }),
      },
      responses: {
        200: {
          description: "The status",
          content: json(
            z.object({
              receiptNumber: z.string(),
              status: z.string(),
              submittedOn: z.string().nullable(),
              expectedOn: z.string().nullable(),
              decisionReason: z.string().nullable(),
            }),
          ),
        },
        ...errorResponses(404, 422),
      },
    }),
    async (c) => {
      const { receiptNumber, email } = c.req.valid("query");
      const a = await applicationStatus(useCaseContext(c), receiptNumber, email);
      return c.json(
        {
          receiptNumber: a.receiptNumber!,
          status: a.status,
          submittedOn: a.submittedOn,
          expectedOn: a.expectedOn,
          decisionReason: a.decisionReason,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications",
      tags: ["applications"],
      summary: "The review queue: submitted applications, the oldest first (reviewers)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Queue", content: json(z.object({ applications: z.array(applicationSchema) })) },
        ...errorResponses(401, 403),
      },
    }),
    async (c) =>
      c.json({ applications: (await listReviewQueue(useCaseContext(c))).map(applicationView) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications/{id}",
      tags: ["applications"],
      summary: "One application for review (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "The application", content: json(applicationSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(applicationView(await getApplicationForReview(reviewContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications/{id}/photos/{side}",
      tags: ["applications"],
      summary: "A photo of the identity document, for reviewers only (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: reviewSideParam },
      responses: { 200: { description: "JPEG" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id, side } = c.req.valid("param");
      const image = await getApplicationPhoto(reviewContext(c), id, side);
      return c.body(new Uint8Array(image), 200, {
        "content-type": "image/jpeg",
        "cache-control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications/{id}/decision",
      tags: ["applications"],
      summary: "Approve (performs the procedure, mails the card number) or reject with a reason (mailed)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: json(
            z.object({
              decision: z.enum(["approve", "reject"]),
              reason: z.string().trim().min(1).max(500).nullable().optional(),
            }),
          ),
        },
      },
      responses: {
        200: { description: "Decided", content: json(applicationSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { decision, reason } = c.req.valid("json");
      const row = await decideApplication(reviewContext(c), c.req.valid("param").id, {
        approve: decision === "approve",
        reason: reason ?? null,
      });
      return c.json(applicationView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications/{id}/inquiries",
      tags: ["applications"],
      summary: "Ask the applicant a question by e-mail (answered through a link); the application waits",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: {
        params: idParam,
        body: { required: true, content: json(z.object({ question: z.string().trim().min(1).max(2000) })) },
      },
      responses: {
        201: { description: "Asked", content: json(inquiriesSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const inquiries = await askApplicant(
        reviewContext(c),
        c.req.valid("param").id,
        c.req.valid("json").question,
      );
      return c.json({ inquiries }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/applications/{id}/inquiries",
      tags: ["applications"],
      summary: "The inquiries of an application and their answers",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "Inquiries", content: json(inquiriesSchema) },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ inquiries: await getInquiries(useCaseContext(c), c.req.valid("param").id) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/applications/inquiry-answers",
      tags: ["applications"],
      summary: "The applicant's answer, with the key of the mailed link",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({ key: z.string().min(1).max(200), answer: z.string().trim().min(1).max(4000) }),
          ),
        },
      },
      responses: {
        200: { description: "Answered", content: json(z.object({ receiptNumber: z.string() })) },
        ...errorResponses(409, 410, 422),
      },
    }),
    async (c) => {
      const { key, answer } = c.req.valid("json");
      return c.json(await answerApplicantInquiry(useCaseContext(c), key, answer), 200);
    },
  );
