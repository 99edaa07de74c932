import { createRoute, z } from "@hono/zod-openapi";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { apiRouter } from "./openapi-app.ts";

const systemSchema = z
  .object({ slug: z.string(), name: z.object({ ja: z.string(), en: z.string() }) })
  .openapi("LibrarySystem");

export const systemsApi = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/systems",
    tags: ["systems"],
    summary: "The library systems of this deployment",
    responses: {
      200: {
        description: "Systems",
        content: { "application/json": { schema: z.object({ systems: z.array(systemSchema) }) } },
      },
    },
  }),
  async (c) => {
    const rows = await listLibrarySystems(c.get("deps").database.db);
    return c.json(
      { systems: rows.map((r) => ({ slug: r.slug, name: { ja: r.nameJa, en: r.nameEn } })) },
      200,
    );
  },
);
