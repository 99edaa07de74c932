import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { PostalRegistrationRow } from "../../db/queries/postal-registrations.ts";
import { postalRelations } from "../../domain/applications/postal-registration-rules.ts";
import {
  getPostal,
  listPostal,
  markCardsMailed,
  registerByPost,
} from "../../services/applications/postal-registration.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  isoDateSchema,
  jsonContent,
  systemParam,
} from "./openapi-app.ts";
import { detailFields, identityFields, workplaceForWorkers } from "./patron-schemas.ts";

const json = jsonContent;
const idParam = systemParam.extend({ id: z.string().uuid() });

const postalMemberSchema = z
  .object({
    relation: z.enum(postalRelations).openapi({
      description:
        "self: the applicant; child: a child up to primary school; householdMember: family living with the applicant",
    }),
    ...detailFields,
    idDocument: identityFields.idDocument,
    supplementaryDocument: identityFields.supplementaryDocument,
    identityCopy: z
      .object({ front: z.boolean(), back: z.boolean() })
      .openapi({ description: "Both sides of the identity document were copied and enclosed" }),
    duplicateOverride: z
      .object({ reason: z.string().trim().min(1).max(200) })
      .nullable()
      .optional(),
    notes: z.string().max(2000).optional(),
  })
  .superRefine(workplaceForWorkers)
  .openapi("PostalMember");

export const postalApplicationSchema = z
  .object({
    procedure: z.enum(["newRegistration", "reissue"]),
    receivedOn: isoDateSchema.optional(),
    returnEnvelopeYen: z.number().int().min(0).max(10_000),
    members: z.array(postalMemberSchema).min(1).max(10),
  })
  .openapi("PostalApplication");

const postalRegistrationSchema = z
  .object({
    id: z.string(),
    receivedOn: z.string(),
    replyBy: z.string().openapi({ description: "000: about one week after the post arrived" }),
    returnEnvelopeYen: z.number().int(),
    mailedOn: z.string().nullable(),
    members: z.array(
      z.object({
        position: z.number().int(),
        relation: z.enum(postalRelations),
        patronId: z.string().nullable(),
        cardNumber: z.string(),
        familyName: z.string().nullable(),
        givenName: z.string().nullable(),
      }),
    ),
  })
  .openapi("PostalRegistration");

const view = (row: PostalRegistrationRow) => row;
const staffContext = (c: Context<AppEnv>) => ({ ...useCaseContext(c), staff: staffActor(c) });

/** Registration by post (000), entered by staff from the posted form and its enclosures. */
export const postalRegistrationsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/postal-registrations",
      tags: ["applications"],
      summary: "Enter a postal application: every member registered, or none; plastic cards to mail",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam, body: { required: true, content: json(postalApplicationSchema) } },
      responses: {
        201: { description: "Registered", content: json(postalRegistrationSchema) },
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(view(await registerByPost(staffContext(c), c.req.valid("json"))), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/postal-registrations",
      tags: ["applications"],
      summary: "Postal registrations whose cards are still to be mailed (oldest first), or those mailed",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ status: z.enum(["toMail", "mailed"]).default("toMail") }),
      },
      responses: {
        200: {
          description: "List",
          content: json(z.object({ postalRegistrations: z.array(postalRegistrationSchema) })),
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) =>
      c.json(
        { postalRegistrations: (await listPostal(useCaseContext(c), c.req.valid("query").status)).map(view) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/postal-registrations/{id}",
      tags: ["applications"],
      summary: "One postal registration",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "The registration", content: json(postalRegistrationSchema) },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(view(await getPostal(useCaseContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/postal-registrations/{id}/mailing",
      tags: ["applications"],
      summary: "Mark the cards as mailed in the return envelope",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: idParam },
      responses: {
        200: { description: "Marked", content: json(postalRegistrationSchema) },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(view(await markCardsMailed(staffContext(c), c.req.valid("param").id)), 200),
  );
