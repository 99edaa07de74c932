import { createRoute, z } from "@hono/zod-openapi";
import { accountLinkUrl } from "../../integrations/line-messaging.ts";
import { startLineAccountLink } from "../../services/line-chat/line-account-link.ts";
import { getMyLinks, unlinkMyLine } from "../../services/my-page/my-links.ts";
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

/** The patron's LINE, My Number card and FeliCa links (the LINE link made and ended by the patron). */

const link = { linked: z.boolean(), linkedAt: z.string().nullable() };
const linksSchema = z
  .object({
    line: z.object({ ...link, offered: z.boolean(), webPasswordSet: z.boolean() }),
    myNumber: z.object({ ...link, offered: z.boolean(), autoRenewal: z.boolean() }),
    felica: z.object({ ...link, offered: z.boolean() }),
  })
  .openapi("MyLinks");
const mine = (c: Parameters<typeof useCaseContext>[0]) => ({
  ...useCaseContext(c),
  patronId: c.get("patron").patronId,
});

export const meLinksApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/links",
      tags: ["my page"],
      summary: "My LINE, My Number card and FeliCa links",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: { 200: { description: "Links", content: json(linksSchema) }, ...errorResponses(401) },
    }),
    async (c) => c.json(await getMyLinks(mine(c)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/me/links/line",
      tags: ["my page"],
      summary: "Confirm the LINE account link started in the chat: answers LINE's account link address",
      description:
        "The link token comes from the chat's “link” button. Open `redirectTo` in the patron's browser; LINE then " +
        "sends the accountLink event to the webhook, which links the account if the LINE name matches.",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ linkToken: z.string().min(1).max(300) })) },
      },
      responses: {
        200: { description: "Go to LINE", content: json(z.object({ redirectTo: z.string() })) },
        ...errorResponses(401, 409, 422),
      },
    }),
    async (c) => {
      const { nonce } = await startLineAccountLink(mine(c));
      return c.json({ redirectTo: accountLinkUrl(c.req.valid("json").linkToken, nonce) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/links/line",
      tags: ["my page"],
      summary: "Unlink my LINE account",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Unlinked", content: json(linksSchema) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => c.json(await unlinkMyLine(mine(c)), 200),
  );
