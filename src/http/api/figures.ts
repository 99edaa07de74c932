import { createRoute, z } from "@hono/zod-openapi";
import {
  type FigureKind,
  figureKinds,
  figuresCsv,
  getFigures,
  recordVisitors,
} from "../../services/figures/figures.ts";
import type { Lang } from "../context.ts";
import { useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

const json = jsonContent;

export const figureKindNames: Record<FigureKind, { ja: string; en: string }> = {
  loan: { ja: "貸出", en: "Loans" },
  return: { ja: "返却", en: "Returns" },
  reservation: { ja: "予約", en: "Reservations" },
  registration: { ja: "新規登録", en: "Registrations" },
  visit: { ja: "入館者", en: "Visitors" },
};

export const dimensionNames = {
  servicePoint: { ja: "館", en: "Service point" },
  materialType: { ja: "資料種別", en: "Material type" },
  ndc: { ja: "NDC分類", en: "NDC class" },
} as const;

/** The CSV's header in the reader's language. */
export function csvHeader(lang: Lang, by: keyof typeof dimensionNames) {
  return {
    month: lang === "ja" ? "年月" : "Month",
    key: dimensionNames[by][lang],
    kinds: Object.fromEntries(figureKinds.map((k) => [k, figureKindNames[k][lang]])) as Record<
      FigureKind,
      string
    >,
  };
}

const figuresSchema = z
  .object({
    months: z.array(z.string()),
    by: z.enum(["servicePoint", "materialType", "ndc"]),
    keys: z.array(z.string()),
    rows: z.array(
      z.object({ month: z.string(), key: z.string(), kind: z.string(), count: z.number().int() }),
    ),
  })
  .openapi("Figures");

export const figuresApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/figures",
      tags: ["figures"],
      summary:
        "Loans, returns, reservations, registrations and visitors per month, by service point, material type or NDC class (10 years at most); format=csv for a spreadsheet",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        query: z.object({
          from: z.string().openapi({ example: "2026-04" }),
          to: z.string().openapi({ example: "2027-03" }),
          by: z.enum(["servicePoint", "materialType", "ndc"]).default("servicePoint"),
          format: z.enum(["json", "csv"]).default("json"),
        }),
      },
      responses: {
        200: {
          description: "The figures",
          content: { ...json(figuresSchema), "text/csv": { schema: z.string() } },
        },
        ...errorResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { from, to, by, format } = c.req.valid("query");
      const figures = await getFigures(useCaseContext(c), { from, to, by });
      if (format === "csv") {
        return c.body(figuresCsv(figures, csvHeader(c.get("lang"), by)), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="figures-${by}-${from}-${to}.csv"`,
        });
      }
      return c.json(figures, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/visitor-counts",
      tags: ["figures"],
      summary: "Enter a service point's visitors (gate count) of a day",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(
            z.object({
              servicePoint: z.string().trim().min(1).max(64),
              day: z.string(),
              visitors: z.number().int().min(0).max(1_000_000),
            }),
          ),
        },
      },
      responses: { 204: { description: "Recorded" }, ...errorResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      await recordVisitors(useCaseContext(c), c.req.valid("json"));
      return c.body(null, 204);
    },
  );
