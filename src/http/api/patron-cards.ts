import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { AppError } from "../../domain/errors.ts";
import { getPatron } from "../../services/patrons/get-patron.ts";
import { linkFelica } from "../../services/patrons/link-felica.ts";
import { linkLineAccount } from "../../services/patrons/link-line.ts";
import { linkMyNumberCard } from "../../services/patrons/link-my-number.ts";
import { reactivateFoundCard, reissueCard, reportCardLost } from "../../services/patrons/patron-cards.ts";
import { renewRegistration } from "../../services/patrons/renew-registration.ts";
import { unlinkCredential } from "../../services/patrons/unlink-credential.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { staffActor } from "../client-address.ts";
import type { AppEnv } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, isoDateSchema, systemParam } from "./openapi-app.ts";
import {
  felicaIdmSchema,
  idDocumentSchema,
  identityFields,
  patronViewSchema,
  proxySchema,
} from "./patron-schemas.ts";

const patronParam = systemParam.extend({ id: z.string().uuid() });
const cardParam = patronParam.extend({ number: z.string().trim().min(1).max(32) });
const credentialParam = patronParam.extend({ credentialId: z.string().uuid() });
const patronContent = { "application/json": { schema: z.object({ patron: patronViewSchema }) } };
const cardChangeContent = {
  "application/json": {
    schema: z.object({
      patron: patronViewSchema,
      cardNumber: z.string().nullable(),
      temporaryCardNumber: z.string().nullable(),
    }),
  },
};

function context(c: Context<AppEnv>, patronId: string) {
  const deps = c.get("deps");
  return {
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    patronId,
    now: deps.clock.now(),
  };
}

export const patronCardsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/registration-renewals",
      tags: ["patrons"],
      summary: "Renew the registration with an identity check",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                idDocument: idDocumentSchema,
                supplementaryDocument: identityFields.supplementaryDocument,
              }),
            },
          },
        },
      },
      responses: {
        201: {
          description: "Renewed",
          content: {
            "application/json": {
              schema: z.object({
                patron: patronViewSchema,
                expiresOn: z.string(),
                newCardNumber: z.string().nullable(),
              }),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await renewRegistration({ ...context(c, id), identity: c.req.valid("json") });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/cards",
      tags: ["patrons"],
      summary: "Reissue the card (after a loss, a name change, damage, or for a plastic card)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                reason: z.enum(["lost", "nameChange", "damaged", "plasticCard"]),
                idDocument: idDocumentSchema.optional(),
                proxy: proxySchema.nullable().optional(),
                physical: z.boolean().default(true),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: "Reissued", content: cardChangeContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason, idDocument, proxy, physical } = c.req.valid("json");
      const result = await reissueCard({
        ...context(c, id),
        reason,
        identity: { idDocument, proxy },
        physical,
      });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/cards/{number}/loss",
      tags: ["patrons"],
      summary: "Report a card lost: blocked at once; a temporary card where the policy offers it",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: cardParam },
      responses: {
        200: { description: "Reported", content: cardChangeContent },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, number } = c.req.valid("param");
      return c.json(await reportCardLost({ ...context(c, id), cardNumber: number }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/cards/{number}/found",
      tags: ["patrons"],
      summary: "A lost card was found before the reissue: it is used again",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: cardParam },
      responses: {
        200: { description: "Reactivated", content: cardChangeContent },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, number } = c.req.valid("param");
      return c.json(await reactivateFoundCard({ ...context(c, id), cardNumber: number }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/patrons/{id}/cards/{number}/barcode.svg",
      tags: ["patrons"],
      summary: "The card's NW-7 barcode as SVG, for the printed card and the smartphone card",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: cardParam },
      responses: {
        200: { description: "SVG", content: { "image/svg+xml": { schema: z.string() } } },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const { id, number } = c.req.valid("param");
      const patron = await getPatron({ ...context(c, id), purpose: "card" });
      if (!patron.cards.some((card) => card.number === number))
        throw new AppError("CARD_NOT_FOUND", { cardNumber: number });
      const { policy } = await getPolicyInForce(
        deps.database.db,
        c.get("system").id,
        japanDate(deps.clock.now()),
      );
      const { start, stop } = policy.registration.cardNumber;
      c.header("content-type", "image/svg+xml");
      c.header("cache-control", "private, no-store");
      return c.body(renderCodabarSvg(number, { start, stop }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/felica",
      tags: ["patrons"],
      summary: "Register a FeliCa chip (in person, with the card and an identity document)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                idm: felicaIdmSchema,
                idDocument: idDocumentSchema,
                inPerson: z.boolean().default(true),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: "Registered", content: patronContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { idm, idDocument, inPerson } = c.req.valid("json");
      const patron = await linkFelica({ ...context(c, id), idm, identity: { idDocument }, inPerson });
      return c.json({ patron }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/my-number-link",
      tags: ["patrons"],
      summary: "Link a My Number card through the My Key platform (in person only)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                userCertificate: z.string().max(4096).nullable(),
                cardFace: z.object({
                  name: z.string().max(128),
                  address: z.string().max(256),
                  birthDate: isoDateSchema,
                }),
                termsAccepted: z.boolean(),
                proxy: proxySchema.nullable().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: "Linked", content: patronContent },
        ...errorResponses(401, 403, 404, 409, 422, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { userCertificate, cardFace, termsAccepted, proxy } = c.req.valid("json");
      const patron = await linkMyNumberCard({
        ...context(c, id),
        librarySystemSlug: c.get("system").slug,
        platform: c.get("deps").integrations.myNumber,
        reading: { userCertificate, cardFace },
        termsAccepted,
        proxy,
      });
      return c.json({ patron }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/patrons/{id}/line-link",
      tags: ["patrons"],
      summary: "Link a LINE account (after a web password is set; names must match)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: patronParam,
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ idToken: z.string().min(1).max(4096) }) } },
        },
      },
      responses: {
        201: { description: "Linked", content: patronContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patron = await linkLineAccount({
        ...context(c, id),
        lineLogin: c.get("deps").integrations.lineLogin,
        idToken: c.req.valid("json").idToken,
      });
      return c.json({ patron }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/patrons/{id}/credentials/{credentialId}",
      tags: ["patrons"],
      summary: "Unlink a FeliCa chip, My Number card or LINE account (a lost My Number card is unlinked)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: credentialParam,
        query: z.object({ reason: z.enum(["lost", "patronRequest", "replaced"]).default("patronRequest") }),
      },
      responses: {
        200: { description: "Unlinked", content: patronContent },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { id, credentialId } = c.req.valid("param");
      const patron = await unlinkCredential({
        ...context(c, id),
        credentialId,
        reason: c.req.valid("query").reason,
      });
      return c.json({ patron }, 200);
    },
  );
