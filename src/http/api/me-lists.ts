import { createRoute, z } from "@hono/zod-openapi";
import { patronLists } from "../../domain/my-page/patron-lists.ts";
import { getMyLists, putListEntry, removeListEntry } from "../../services/my-page/patron-lists.ts";
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

/** The signed-in patron's lists: favourites, My bookshelf (want to read, have read, with comments), read later. */

const listParam = z
  .enum(patronLists)
  .openapi({ description: "favourites | wantToRead | haveRead | readLater" });
const entryParams = systemParam.extend({ list: listParam, recordId: z.coerce.number().int().positive() });
const entrySchema = z.object({
  recordId: z.number().int(),
  title: z.string(),
  author: z.string().nullable(),
  publicationYear: z.number().int().nullable(),
  comment: z.string(),
  addedAt: z.string(),
  updatedAt: z.string(),
});
const listsSchema = z.object({
  lists: z.array(z.object({ list: listParam, entries: z.array(entrySchema) })),
});

export const meListsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/lists",
      tags: ["my page"],
      summary: "My lists that the library offers, each with its books, newest first",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: { 200: { description: "My lists", content: json(listsSchema) }, ...errorResponses(401) },
    }),
    async (c) => {
      const lists = await getMyLists({ ...useCaseContext(c), patronId: c.get("patron").patronId });
      return c.json(lists, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/lists/{list}",
      tags: ["my page"],
      summary: "One of my lists",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam.extend({ list: listParam }) },
      responses: {
        200: { description: "The list", content: json(listsSchema) },
        ...errorResponses(401, 404),
      },
    }),
    async (c) => {
      const { list } = c.req.valid("param");
      const lists = await getMyLists({ ...useCaseContext(c), patronId: c.get("patron").patronId }, list);
      return c.json(lists, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/me/lists/{list}/{recordId}",
      tags: ["my page"],
      summary:
        "Put a book on a list, or change its comment (My bookshelf only); moves it between the shelves",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: {
        params: entryParams,
        body: { required: false, content: json(z.object({ comment: z.string().max(2000).optional() })) },
      },
      responses: { 204: { description: "On the list" }, ...errorResponses(401, 404, 409, 422) },
    }),
    async (c) => {
      const { list, recordId } = c.req.valid("param");
      const body = (c.req.valid("json") as { comment?: string } | undefined) ?? {};
      await putListEntry({
        ...useCaseContext(c),
        patronId: c.get("patron").patronId,
        list,
        recordId,
        comment: body.comment,
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/lists/{list}/{recordId}",
      tags: ["my page"],
      summary: "Take a book off a list",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: entryParams },
      responses: { 204: { description: "Removed" }, ...errorResponses(401, 404) },
    }),
    async (c) => {
      const { list, recordId } = c.req.valid("param");
      await removeListEntry({ ...useCaseContext(c), patronId: c.get("patron").patronId, list, recordId });
      return c.body(null, 204);
    },
  );
