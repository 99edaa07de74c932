import { createRoute, z } from "@hono/zod-openapi";
import { confirmEmailChange, requestEmailChange } from "../../services/my-page/email-address.ts";
import { getMyAccount } from "../../services/my-page/my-account.ts";
import { listMyLoans, renewAllMyLoans, renewMyLoan } from "../../services/my-page/my-loans.ts";
import {
  changeWebPassword,
  clearWebPassword,
  completePasswordReset,
  completeWebPasswordSetup,
  requestPasswordReset,
  startWebPasswordSetup,
} from "../../services/my-page/web-password.ts";
import { staffActor } from "../client-address.ts";
import { accountMailContext, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { loanViewSchema } from "./circulation.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  isoDateSchema,
  jsonContent as json,
  systemParam,
} from "./openapi-app.ts";

/**
 * The patron's own account: registration, loans with renewal, the web password (first set-up, reset by mail,
 * change) and the e-mail address. Set-up, reset and verification need no sign-in: the card number with the
 * birth date, or a mailed one-time key, prove who is asking.
 */

const password = z.string().min(1).max(256);
const cardNumber = z.string().min(1).max(64);
const token = z.string().min(16).max(128);
const loanIdParam = systemParam.extend({ id: z.coerce.number().int().positive() });
const adviceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("valid"), renewableFrom: z.string() }),
  z.object({ kind: z.literal("renewNow"), online: z.boolean() }),
  z.object({ kind: z.literal("expired"), online: z.boolean() }),
]);
const accountSchema = z.object({
  name: z.string(),
  cardNumber: z.string().nullable(),
  status: z.enum(["active", "expired", "blocked", "deleted"]),
  expiresOn: z.string(),
  advice: adviceSchema,
  email: z.string().nullable(),
  pendingEmail: z.string().nullable(),
  services: z.record(z.string(), z.boolean()),
});
const renewAllSchema = z.object({
  renewed: z.array(z.object({ id: z.number().int(), title: z.string(), dueDate: z.string() })),
  notRenewed: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      code: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const meAccountApi = apiRouter()
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "get",
      path: "/{system}/me/account",
      summary:
        "My registration: card number, expiry and what to do before it, e-mail, the web services offered",
      request: { params: systemParam },
      responses: { 200: { description: "My account", content: json(accountSchema) }, ...errorResponses(401) },
    }),
    async (c) => {
      const account = await getMyAccount({ ...useCaseContext(c), patronId: c.get("patron").patronId });
      return c.json(account, 200);
    },
  )
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "get",
      path: "/{system}/me/loans",
      summary: "My loans with due dates and, per loan, whether it can be renewed on the web and why not",
      request: { params: systemParam },
      responses: {
        200: { description: "Current loans", content: json(z.object({ loans: z.array(loanViewSchema) })) },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const loans = await listMyLoans({ ...useCaseContext(c), patronId: c.get("patron").patronId });
      return c.json({ loans }, 200);
    },
  )
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "post",
      path: "/{system}/me/loans/renewals",
      summary: "Renew every loan that can be renewed; the others are listed with the reason",
      request: { params: systemParam },
      responses: {
        200: { description: "Outcome per loan", content: json(renewAllSchema) },
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const outcome = await renewAllMyLoans({ ...useCaseContext(c), patronId: c.get("patron").patronId });
      return c.json(outcome, 200);
    },
  )
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "post",
      path: "/{system}/me/loans/{id}/renewals",
      summary: "Renew one of my loans",
      request: { params: loanIdParam },
      responses: {
        201: {
          description: "Renewed",
          content: json(z.object({ id: z.number().int(), dueDate: z.string(), renewals: z.number().int() })),
        },
        ...errorResponses(401, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await renewMyLoan({
        ...useCaseContext(c),
        patronId: c.get("patron").patronId,
        loanId: id,
      });
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "put",
      path: "/{system}/me/password",
      summary: "Change my web password (the current one proves it is me); my other sessions end",
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(z.object({ currentPassword: password, newPassword: password })),
        },
      },
      responses: { 204: { description: "Changed" }, ...errorResponses(401, 422, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const patron = c.get("patron");
      await changeWebPassword({
        ...accountMailContext(c),
        ...body,
        patronId: patron.patronId,
        sessionId: patron.sessionId,
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      tags: ["my page"],
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      method: "put",
      path: "/{system}/me/email",
      summary: "Register or change my e-mail address: a verification link goes to the new address",
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ email: z.string().max(256) })) },
      },
      responses: {
        202: {
          description: "Verification mail sent; the address counts once the link is followed",
          content: json(z.object({ pendingEmail: z.string(), expiresAt: z.string() })),
        },
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const { email } = c.req.valid("json");
      const pending = await requestEmailChange({
        ...accountMailContext(c),
        patronId: c.get("patron").patronId,
        email,
      });
      return c.json({ pendingEmail: pending.pendingEmail, expiresAt: pending.expiresAt.toISOString() }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/email-verification",
      tags: ["my page"],
      summary: "Confirm a new e-mail address with the key of the verification mail (no sign-in needed)",
      middleware: [librarySystem] as const,
      request: { params: systemParam, body: { required: true, content: json(z.object({ token })) } },
      responses: {
        200: { description: "Registered", content: json(z.object({ email: z.string() })) },
        ...errorResponses(400, 410),
      },
    }),
    async (c) => {
      const result = await confirmEmailChange({ ...accountMailContext(c), token: c.req.valid("json").token });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/web-password/setup",
      tags: ["my page"],
      summary: "Start setting a first web password with the card number and birth date",
      description:
        "Where an e-mail address is registered a six-digit code is mailed to it and the second step needs it. " +
        "Any mismatch answers SETUP_DETAILS_DO_NOT_MATCH; five in 15 minutes lock the card number.",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ cardNumber, birthDate: isoDateSchema })) },
      },
      responses: {
        200: {
          description: "The key of the second step",
          content: json(
            z.object({ setupToken: z.string(), codeSent: z.boolean(), emailHint: z.string().nullable() }),
          ),
        },
        ...errorResponses(404, 409, 422, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(await startWebPasswordSetup({ ...accountMailContext(c), ...body }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/web-password/setup/complete",
      tags: ["my page"],
      summary: "Finish the set-up: the mailed code (where one was sent) and the new password",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(z.object({ setupToken: token, code: z.string().max(16).optional(), password })),
        },
      },
      responses: { 204: { description: "Password set" }, ...errorResponses(410, 422) },
    }),
    async (c) => {
      await completeWebPasswordSetup({ ...accountMailContext(c), ...c.req.valid("json") });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/web-password/reset",
      tags: ["my page"],
      summary: "Forgotten password: a one-time link goes to the registered e-mail address",
      description: "The answer is the same whether or not the card exists or has an address.",
      middleware: [librarySystem] as const,
      request: { params: systemParam, body: { required: true, content: json(z.object({ cardNumber })) } },
      responses: {
        202: { description: "If the card has an address, the mail is on its way" },
        ...errorResponses(422),
      },
    }),
    async (c) => {
      await requestPasswordReset({ ...accountMailContext(c), ...c.req.valid("json") });
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/web-password/reset/complete",
      tags: ["my page"],
      summary: "Set a new password with the key of the reset mail; every session ends",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ token, password })) },
      },
      responses: { 204: { description: "Password set" }, ...errorResponses(410, 422) },
    }),
    async (c) => {
      await completePasswordReset({ ...accountMailContext(c), ...c.req.valid("json") });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/patrons/{id}/web-password",
      tags: ["patrons"],
      summary: "Clear a patron's web password at the counter, so they set a new one (audited)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam.extend({ id: z.string().uuid() }) },
      responses: { 204: { description: "Cleared; every session ended" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await clearWebPassword({ ...useCaseContext(c), actor: staffActor(c), patronId: id });
      return c.body(null, 204);
    },
  );
