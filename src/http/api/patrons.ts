import { createRoute, z } from "@hono/zod-openapi";
import { credentialKindSchema } from "../../domain/vocabulary.ts";
import { changePatronDetails } from "../../services/patrons/change-patron-details.ts";
import { getPatron } from "../../services/patrons/get-patron.ts";
import { registerPatron } from "../../services/patrons/register-patron.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import { searchPatrons } from "../../services/patrons/search-patrons.ts";
import { staffActor } from "../client-address.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, isoDateSchema, systemParam } from "./openapi-app.ts";
import {
  felicaIdmSchema,
  patronChangeSchema,
  patronRegistrationSchema,
  patronSummarySchema,
  patronViewSchema,
} from "./patron-schemas.ts";

const patronParam = systemParam.extend({ id: z.string().uuid() });
const patronContent = { "application/json": { schema: patronViewSchema } };

export const patronsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons",
      tags: ["patrons"],
      summary: "Register a patron at the counter; the card is issued on the spot",
      description:
        "Eligibility by the policy, the identity document's type recorded, the duplicate check (same reading and birth date; `duplicateOverride` with a reason registers anyway). Several broken rules are listed in `details.refusals`.",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: { required: true, content: { "application/json": { schema: patronRegistrationSchema } } },
      },
      responses: {
        201: {
          description: "Registered",
          content: {
            "application/json": {
              schema: z.object({ id: z.string(), cardNumber: z.string(), expiresOn: z.string() }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const registered = await registerPatron({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        registration: c.req.valid("json"),
        now: deps.clock.now(),
      });
      return c.json(registered, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/patrons",
      tags: ["patrons"],
      summary: "Find patrons by card number, FeliCa IDm, name or reading, phone or birth date (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({
          cardNumber: z.string().trim().min(1).max(32).optional(),
          felica: felicaIdmSchema.optional(),
          name: z.string().trim().min(1).max(64).optional(),
          phone: z.string().trim().min(1).max(20).optional(),
          birthDate: isoDateSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
      responses: {
        200: {
          description: "Patrons",
          content: { "application/json": { schema: z.object({ patrons: z.array(patronSummarySchema) }) } },
        },
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const { felica, ...query } = c.req.valid("query");
      if (!felica && !query.cardNumber && !query.name && !query.phone && !query.birthDate) {
        return c.json({ patrons: [] }, 200);
      }
      const patrons = await searchPatrons({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        query: { ...query, credential: felica ? { kind: "felica", value: felica } : undefined },
        now: deps.clock.now(),
      });
      return c.json({ patrons }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/patrons/{id}",
      tags: ["patrons"],
      summary: "A patron's registration, cards, credentials and standing (every view is audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: patronParam },
      responses: { 200: { description: "Patron", content: patronContent }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const deps = c.get("deps");
      const patron = await getPatron({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        patronId: c.req.valid("param").id,
        now: deps.clock.now(),
      });
      return c.json(patron, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/patrons/{id}",
      tags: ["patrons"],
      summary: "Change registered details with an identity document; a move re-checks eligibility",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: { required: true, content: { "application/json": { schema: patronChangeSchema } } },
      },
      responses: {
        200: {
          description: "Changed; `eligibility` says what the change means for the registration",
          content: {
            "application/json": {
              schema: z.object({
                patron: patronViewSchema,
                eligibility: z.object({
                  rechecked: z.boolean(),
                  kind: z.enum(["area", "wideArea", "none"]),
                  previousKind: z.enum(["area", "wideArea"]),
                  consequences: z.array(z.enum(["wideAreaRestrictions", "registrationEnds"])),
                  refusals: z.array(
                    z.object({ code: z.string(), details: z.record(z.string(), z.unknown()) }),
                  ),
                }),
              }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const { idDocument, supplementaryDocument, proxy, ...changes } = c.req.valid("json");
      const result = await changePatronDetails({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        patronId: c.req.valid("param").id,
        changes,
        identity: { idDocument, supplementaryDocument, proxy },
        now: deps.clock.now(),
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/credentials/resolve",
      tags: ["patrons"],
      summary: "The patron behind any credential: card number, FeliCa IDm, My Number link or LINE link",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({ kind: credentialKindSchema, value: z.string().trim().min(1).max(128) }),
      },
      responses: {
        200: {
          description: "The patron",
          content: {
            "application/json": {
              schema: z.object({
                credential: z.object({ kind: credentialKindSchema, cardKind: z.string().nullable() }),
                patron: patronViewSchema,
              }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const { kind, value } = c.req.valid("query");
      const resolved = await resolveCredential({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        kind,
        value,
        now: deps.clock.now(),
      });
      return c.json(resolved, 200);
    },
  );
