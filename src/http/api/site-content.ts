import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AnnouncementRow, GuidePageRow } from "../../db/queries/site-content.ts";
import { renderMarkdown } from "../../services/site/render-markdown.ts";
import {
  changeAnnouncement,
  createAnnouncement,
  getAnnouncement,
  getGuidePage,
  getGuidePages,
  listHomeAnnouncements,
  removeAnnouncement,
  removeGuidePage,
  saveGuidePage,
  searchSite,
} from "../../services/site/site-content.ts";
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
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localised = z.object({ ja: z.string(), en: z.string() });
const idParam = systemParam.extend({ id: z.coerce.number().int().positive() });
const slugParam = systemParam.extend({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });

const announcementSchema = z
  .object({
    id: z.number().int(),
    title: localised,
    body: localised.openapi({ description: "Markdown" }),
    html: localised.openapi({ description: "The body rendered and sanitised" }),
    important: z.boolean(),
    publishedOn: z.string(),
    until: z.string().nullable(),
  })
  .openapi("Announcement");

const pageSchema = z
  .object({
    slug: z.string(),
    title: localised,
    body: localised.openapi({ description: "Markdown" }),
    html: localised.openapi({ description: "The body rendered and sanitised" }),
    position: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("GuidePage");

const announcementBody = z.object({
  title: z.object({ ja: text(200), en: text(200) }),
  body: z.object({ ja: text(20_000), en: text(20_000) }),
  important: z.boolean().default(false),
  publishedOn: isoDate,
  until: isoDate.nullable().optional(),
});

const pageBody = z.object({
  title: z.object({ ja: text(200), en: text(200) }),
  body: z.object({ ja: text(50_000), en: text(50_000) }),
  position: z.number().int().min(0).max(1000).default(0),
});

function announcementView(a: AnnouncementRow) {
  return {
    id: a.id,
    title: { ja: a.titleJa, en: a.titleEn },
    body: { ja: a.bodyJa, en: a.bodyEn },
    html: { ja: renderMarkdown(a.bodyJa), en: renderMarkdown(a.bodyEn) },
    important: a.important,
    publishedOn: a.publishedOn,
    until: a.until,
  };
}

function pageView(p: GuidePageRow) {
  return {
    slug: p.slug,
    title: { ja: p.titleJa, en: p.titleEn },
    body: { ja: p.bodyJa, en: p.bodyEn },
    html: { ja: renderMarkdown(p.bodyJa), en: renderMarkdown(p.bodyEn) },
    position: p.position,
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

const write = (b: z.infer<typeof announcementBody>) => ({
  titleJa: b.title.ja,
  titleEn: b.title.en,
  bodyJa: b.body.ja,
  bodyEn: b.body.en,
  important: b.important,
  publishedOn: b.publishedOn,
  until: b.until ?? null,
});
const staffContext = (c: Context<AppEnv>) => ({ ...useCaseContext(c), staff: staffActor(c) });

export const siteContentApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/announcements",
      tags: ["site"],
      summary: "Current announcements, important ones first",
      middleware: [librarySystem] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Announcements",
          content: json(z.object({ announcements: z.array(announcementSchema) })),
        },
      },
    }),
    async (c) =>
      c.json(
        { announcements: (await listHomeAnnouncements(useCaseContext(c), 100)).map(announcementView) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/announcements/{id}",
      tags: ["site"],
      summary: "One announcement while it is shown",
      middleware: [librarySystem] as const,
      request: { params: idParam },
      responses: {
        200: { description: "The announcement", content: json(announcementSchema) },
        ...errorResponses(404),
      },
    }),
    async (c) =>
      c.json(announcementView(await getAnnouncement(useCaseContext(c), c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/announcements",
      tags: ["site"],
      summary: "Publish an announcement (Markdown, sanitised when shown)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: systemParam, body: { required: true, content: json(announcementBody) } },
      responses: {
        201: { description: "Created", content: json(announcementSchema) },
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) =>
      c.json(announcementView(await createAnnouncement(staffContext(c), write(c.req.valid("json")))), 201),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/announcements/{id}",
      tags: ["site"],
      summary: "Change an announcement",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: idParam, body: { required: true, content: json(announcementBody) } },
      responses: {
        200: { description: "Changed", content: json(announcementSchema) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const row = await changeAnnouncement(
        staffContext(c),
        c.req.valid("param").id,
        write(c.req.valid("json")),
      );
      return c.json(announcementView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/announcements/{id}",
      tags: ["site"],
      summary: "Delete an announcement",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      await removeAnnouncement(staffContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/pages",
      tags: ["site"],
      summary: "The guide pages (利用案内, FAQ, access …) in their order",
      middleware: [librarySystem] as const,
      request: { params: systemParam },
      responses: { 200: { description: "Pages", content: json(z.object({ pages: z.array(pageSchema) })) } },
    }),
    async (c) => c.json({ pages: (await getGuidePages(useCaseContext(c))).map(pageView) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/pages/{slug}",
      tags: ["site"],
      summary: "One guide page",
      middleware: [librarySystem] as const,
      request: { params: slugParam },
      responses: { 200: { description: "The page", content: json(pageSchema) }, ...errorResponses(404, 422) },
    }),
    async (c) => c.json(pageView(await getGuidePage(useCaseContext(c), c.req.valid("param").slug)), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/pages/{slug}",
      tags: ["site"],
      summary: "Write a guide page (created when new)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: slugParam, body: { required: true, content: json(pageBody) } },
      responses: {
        200: { description: "Changed", content: json(pageSchema) },
        201: { description: "Created", content: json(pageSchema) },
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const { page, created } = await saveGuidePage(staffContext(c), c.req.valid("param").slug, {
        titleJa: b.title.ja,
        titleEn: b.title.en,
        bodyJa: b.body.ja,
        bodyEn: b.body.en,
        position: b.position,
      });
      return created ? c.json(pageView(page), 201) : c.json(pageView(page), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/pages/{slug}",
      tags: ["site"],
      summary: "Delete a guide page",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: slugParam },
      responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      await removeGuidePage(staffContext(c), c.req.valid("param").slug);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/site-search",
      tags: ["site"],
      summary: "Search the guide pages and current announcements (the site search beside the catalogue's)",
      middleware: [librarySystem] as const,
      request: { params: systemParam, query: z.object({ q: z.string().max(1000) }) },
      responses: {
        200: {
          description: "Hits",
          content: json(
            z.object({
              hits: z.array(
                z.object({
                  kind: z.enum(["page", "announcement"]),
                  key: z.string(),
                  title: localised,
                  snippet: localised,
                  day: z.string().nullable(),
                }),
              ),
            }),
          ),
        },
        ...errorResponses(400),
      },
    }),
    async (c) => c.json({ hits: await searchSite(useCaseContext(c), c.req.valid("query").q) }, 200),
  );
