import { createRoute, z } from "@hono/zod-openapi";
import { stream } from "hono/streaming";
import { findCatalogueImport } from "../../db/queries/catalogue-imports.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { materialTypeSchema } from "../../domain/vocabulary.ts";
import { exportCatalogue } from "../../services/catalogue/export-catalogue.ts";
import { getRecord } from "../../services/catalogue/get-record.ts";
import { findNewArrivals } from "../../services/catalogue/list-new-arrivals.ts";
import { searchCatalogue } from "../../services/catalogue/search-catalogue.ts";
import { startCatalogueImport } from "../../services/catalogue/start-catalogue-import.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { itemSchema } from "./items.ts";
import { apiRouter, bearerSecurity, errorResponses, systemParam } from "./openapi-app.ts";

const contributorSchema = z.object({ name: z.string(), reading: z.string().nullable() });
const availabilitySchema = z.object({ available: z.number(), total: z.number(), queueLength: z.number() });
const facetSchema = z.array(z.object({ value: z.string(), count: z.number() }));

const importStatusSchema = z
  .object({
    id: z.string(),
    format: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    total: z.number().openapi({ description: "Records read so far (all of them once done)" }),
    imported: z.number(),
    updated: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ position: z.number(), reason: z.string() })),
    failure: z.string().nullable(),
  })
  .openapi("CatalogueImport");

const searchQuery = z.object({
  q: z.string().optional(),
  title: z.string().optional(),
  author: z.string().optional(),
  publisher: z.string().optional(),
  subject: z.string().optional(),
  isbn: z.string().optional(),
  ndc: z.string().optional(),
  callNumber: z.string().optional(),
  materialType: materialTypeSchema.optional(),
  servicePoint: z.string().optional(),
  available: z.enum(["true", "false"]).optional(),
  yearFrom: z.coerce.number().int().min(0).max(9999).optional(),
  yearTo: z.coerce.number().int().min(0).max(9999).optional(),
  sort: z.enum(["relevance", "newest"]).optional(),
  page: z.coerce.number().int().min(1).max(10000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

const recordSchema = z
  .object({
    id: z.number(),
    controlNumber: z.string().nullable(),
    title: z.string(),
    titleReading: z.string().nullable(),
    responsibility: z.string().nullable(),
    authors: z.array(contributorSchema),
    publisher: z.string().nullable(),
    publicationYear: z.number().nullable(),
    edition: z.string().nullable(),
    series: z.array(z.string()),
    isbn13: z.string().nullable(),
    isbn10: z.string().nullable(),
    ndc: z.string().nullable(),
    ndlc: z.string().nullable(),
    subjects: z.array(z.string()),
    notes: z.array(z.string()),
    language: z.string().nullable(),
    extent: z.string().nullable(),
    items: z.array(itemSchema),
    availability: availabilitySchema,
  })
  .openapi("BibliographicRecord");

const importMedia = {
  "application/marc": { schema: z.string().openapi({ format: "binary" }) },
  "application/marcxml+xml": { schema: z.string() },
  "text/csv": { schema: z.string() },
  "text/tab-separated-values": { schema: z.string() },
};

export const catalogueApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/imports",
      tags: ["catalogue"],
      summary: "Import a MARC 21, MARCXML, CSV or TSV file (administrator); runs as a job",
      description:
        "The file is the request body. CSV/TSV columns and the MARC fields read are described in docs/catalogue-import.md.",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: {
        params: systemParam,
        query: z.object({ fileName: z.string().max(255).optional() }),
        body: { required: true, content: importMedia },
      },
      responses: {
        202: {
          description: "Queued",
          content: {
            "application/json": { schema: z.object({ id: z.string(), status: z.literal("queued") }) },
          },
        },
        ...errorResponses(401, 403, 404, 415, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const body = c.req.raw.body;
      if (!body) throw new AppError("IMPORT_FILE_EMPTY");
      const result = await startCatalogueImport({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actorStaffId: c.get("staff").staffId,
        contentType: c.req.header("content-type"),
        fileName: c.req.valid("query").fileName ?? null,
        body: body as unknown as AsyncIterable<Uint8Array>,
        now: deps.clock.now(),
      });
      deps.wakeJobs?.();
      return c.json({ id: result.id, status: result.status }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/imports/{id}",
      tags: ["catalogue"],
      summary: "The progress and outcome of an import",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: systemParam.extend({ id: z.uuid() }) },
      responses: {
        200: { description: "Import", content: { "application/json": { schema: importStatusSchema } } },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const row = await withTenant(c.get("deps").database.db, c.get("system").id, (tx) =>
        findCatalogueImport(tx, c.req.valid("param").id),
      );
      if (!row) throw new AppError("IMPORT_NOT_FOUND");
      return c.json(
        {
          id: row.id,
          format: row.format,
          status: row.status as "queued" | "running" | "done" | "failed",
          total: row.processed,
          imported: row.imported,
          updated: row.updated,
          failed: row.failed,
          errors: row.errors,
          failure: row.failure,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/search",
      tags: ["catalogue"],
      summary: "Search the catalogue",
      description:
        "q searches every field (an ISBN with or without hyphens is searched as an ISBN); title, author, publisher and subject search one field; ndc and callNumber match from the start.",
      middleware: [librarySystem] as const,
      request: { params: systemParam, query: searchQuery },
      responses: {
        200: {
          description: "Results",
          content: {
            "application/json": {
              schema: z.object({
                total: z.number().openapi({
                  description:
                    "Matching records; an estimate rounded to two significant digits when totalIsEstimate",
                }),
                totalIsEstimate: z.boolean().openapi({
                  description:
                    "The total is estimated from a sample of the catalogue; relevance then ranks the sample's matches first",
                }),
                facetsAreEstimates: z.boolean().openapi({
                  description: "The facet counts are estimated from the same sample",
                }),
                page: z.number(),
                pageSize: z.number(),
                results: z.array(
                  z.object({
                    id: z.number(),
                    title: z.string(),
                    titleReading: z.string().nullable(),
                    authors: z.array(contributorSchema),
                    publisher: z.string().nullable(),
                    year: z.number().nullable(),
                    availability: availabilitySchema,
                  }),
                ),
                facets: z.object({
                  materialType: facetSchema,
                  servicePoint: facetSchema,
                  availability: facetSchema,
                  decade: facetSchema,
                }),
              }),
            },
          },
        },
        ...errorResponses(400, 404, 422),
      },
    }),
    async (c) => {
      const { available, ...query } = c.req.valid("query");
      const result = await searchCatalogue(c.get("deps").database.db, c.get("system").id, {
        ...query,
        availableOnly: available === "true",
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/records/{id}",
      tags: ["catalogue"],
      summary: "One bibliographic record with its items, availability and queue length",
      middleware: [librarySystem] as const,
      request: { params: systemParam.extend({ id: z.coerce.number().int().positive() }) },
      responses: {
        200: { description: "Record", content: { "application/json": { schema: recordSchema } } },
        ...errorResponses(404, 422),
      },
    }),
    async (c) => {
      const record = await getRecord(c.get("deps").database.db, c.get("system").id, c.req.valid("param").id);
      return c.json(record, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/new-arrivals",
      tags: ["catalogue"],
      summary: "Records with items received in the last days (30 unless given), newest first",
      middleware: [librarySystem] as const,
      request: {
        params: systemParam,
        query: z.object({
          ndc: z.string().max(20).optional(),
          servicePoint: z.string().max(64).optional(),
          days: z.coerce.number().int().min(1).max(366).optional(),
          page: z.coerce.number().int().min(1).max(10000).optional(),
          pageSize: z.coerce.number().int().min(1).max(100).optional(),
        }),
      },
      responses: {
        200: {
          description: "New arrivals",
          content: {
            "application/json": {
              schema: z.object({
                since: z.string(),
                total: z.number(),
                page: z.number(),
                pageSize: z.number(),
                results: z.array(
                  z.object({
                    recordId: z.number(),
                    receivedOn: z.string(),
                    title: z.string(),
                    titleReading: z.string().nullable(),
                    authors: z.array(contributorSchema),
                    publisher: z.string().nullable(),
                    year: z.number().nullable(),
                    ndc: z.string().nullable(),
                  }),
                ),
              }),
            },
          },
        },
        ...errorResponses(404, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const result = await findNewArrivals({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        now: deps.clock.now(),
        ...c.req.valid("query"),
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/exports/catalogue",
      tags: ["catalogue"],
      summary: "The whole catalogue as MARC 21 (ISO 2709) or CSV, streamed (administrator)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: { params: systemParam, query: z.object({ format: z.enum(["marc", "csv"]).default("marc") }) },
      responses: {
        200: {
          description: "The file",
          content: { "application/marc": { schema: z.string() }, "text/csv": { schema: z.string() } },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const format = c.req.valid("query").format;
      const system = c.get("system");
      c.header("content-type", format === "marc" ? "application/marc" : "text/csv; charset=utf-8");
      c.header(
        "content-disposition",
        `attachment; filename="${system.slug}-catalogue.${format === "marc" ? "mrc" : "csv"}"`,
      );
      return stream(c, async (out) => {
        for await (const chunk of exportCatalogue(c.get("deps").database.db, system.id, format)) {
          await out.write(chunk);
        }
      });
    },
  );
