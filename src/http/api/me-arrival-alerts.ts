import { createRoute, z } from "@hono/zod-openapi";
import {
  addAlert,
  getMyAlerts,
  removeAlert,
  unsubscribeArrivalMail,
} from "../../services/my-page/arrival-alerts.ts";
import { useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import {
  apiRouter,
  bearerSecurity,
  errorResponses,
  jsonContent as json,
  systemParam,
} from "./openapi-app.ts";

/** New-arrival mail: the patron's saved criteria, and the mail's unsubscribe link (no sign-in). */

const alertsSchema = z.object({
  offered: z.boolean(),
  kinds: z.array(z.enum(["keyword", "author", "genre"])),
  weekday: z.number().int(),
  hasEmail: z.boolean(),
  alerts: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(["keyword", "author", "genre"]),
      value: z.string(),
      createdAt: z.string(),
    }),
  ),
});
const mine = (c: Parameters<typeof useCaseContext>[0]) => ({
  ...useCaseContext(c),
  patronId: c.get("patron").patronId,
});

export const meArrivalAlertsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/arrival-alerts",
      tags: ["my page"],
      summary: "My new-arrival mail criteria, and what this library's mail offers",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: { 200: { description: "Criteria", content: json(alertsSchema) }, ...errorResponses(401) },
    }),
    async (c) => c.json(await getMyAlerts(mine(c)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/me/arrival-alerts",
      tags: ["my page"],
      summary: "Save a keyword, an author or an NDC genre (10 at most); needs a registered e-mail address",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({ kind: z.enum(["keyword", "author", "genre"]), value: z.string().max(200) }),
          ),
        },
      },
      responses: {
        201: { description: "Saved", content: json(alertsSchema) },
        ...errorResponses(401, 404, 409, 422),
      },
    }),
    async (c) => c.json(await addAlert({ ...mine(c), ...c.req.valid("json") }), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/arrival-alerts/{id}",
      tags: ["my page"],
      summary: "Remove one of my criteria",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam.extend({ id: z.coerce.number().int().positive() }) },
      responses: {
        200: { description: "Removed", content: json(alertsSchema) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await removeAlert({ ...mine(c), id: c.req.valid("param").id }), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/arrival-alerts/unsubscribe",
      tags: ["my page"],
      summary: "Stop the new-arrival mail with the key of its link (no sign-in)",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ token: z.string().min(16).max(64) })) },
      },
      responses: { 204: { description: "Stopped" }, ...errorResponses(410) },
    }),
    async (c) => {
      await unsubscribeArrivalMail({ ...useCaseContext(c), token: c.req.valid("json").token });
      return c.body(null, 204);
    },
  );
