import { createRoute, z } from "@hono/zod-openapi";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { itemFlagSchema, materialTypeSchema } from "../../domain/vocabulary.ts";
import { addItem } from "../../services/items/add-item.ts";
import { changeItem } from "../../services/items/change-item.ts";
import { findItem } from "../../services/items/find-item.ts";
import { withdrawItem } from "../../services/items/withdraw-item.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, isoDateSchema, systemParam } from "./openapi-app.ts";

export const itemSchema = z
  .object({
    barcode: z.string(),
    recordId: z.number(),
    materialType: materialTypeSchema,
    callNumber: z.string(),
    servicePoint: z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) }),
    flags: z.array(itemFlagSchema),
    receivedOn: z.string().nullable(),
    status: z.enum(["onShelf", "onLoan", "inTransit", "onHoldShelf", "withdrawn"]),
    availability: z.enum(["onShelf", "inLibraryOnly", "onLoan", "inTransit", "onHoldShelf", "withdrawn"]),
    dueDate: z.string().nullable(),
  })
  .openapi("Item");

const barcodeParam = systemParam.extend({ barcode: z.string().min(1).max(32) });
const itemContent = { "application/json": { schema: itemSchema } };

export const itemsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/items",
      tags: ["items"],
      summary: "Add an item to a record; a barcode of the policy's format is allocated when none is given",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                recordId: z.number().int().positive(),
                barcode: z.string().min(1).max(32).optional(),
                materialType: materialTypeSchema,
                callNumber: z.string().max(64),
                servicePoint: z.string().min(1).max(64),
                flags: z.array(itemFlagSchema).default([]),
                receivedOn: isoDateSchema.optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: "Added", content: itemContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const item = await addItem({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actorStaffId: c.get("staff").staffId,
        item: c.req.valid("json"),
        now: deps.clock.now(),
      });
      return c.json(item, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/items/{barcode}",
      tags: ["items"],
      summary: "One item and its status; the barcode's check digit is verified",
      middleware: [librarySystem] as const,
      request: { params: barcodeParam },
      responses: { 200: { description: "Item", content: itemContent }, ...errorResponses(404, 422) },
    }),
    async (c) => {
      const deps = c.get("deps");
      const item = await findItem(
        deps.database.db,
        c.get("system").id,
        c.req.valid("param").barcode,
        deps.clock.now(),
      );
      return c.json(item, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{system}/items/{barcode}",
      tags: ["items"],
      summary: "Change an item's material type, call number, home service point, flags or received date",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: barcodeParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  materialType: materialTypeSchema,
                  callNumber: z.string().max(64),
                  servicePoint: z.string().min(1).max(64),
                  flags: z.array(itemFlagSchema),
                  receivedOn: isoDateSchema.nullable(),
                })
                .partial(),
            },
          },
        },
      },
      responses: {
        200: { description: "Changed", content: itemContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const item = await changeItem({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actorStaffId: c.get("staff").staffId,
        barcode: c.req.valid("param").barcode,
        changes: c.req.valid("json"),
        now: deps.clock.now(),
      });
      return c.json(item, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/items/{barcode}",
      tags: ["items"],
      summary: "Withdraw an item (除籍); it stays on record with its barcode",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: barcodeParam, query: z.object({ reason: z.string().max(200).optional() }) },
      responses: {
        200: { description: "Withdrawn", content: itemContent },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const item = await withdrawItem({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actorStaffId: c.get("staff").staffId,
        barcode: c.req.valid("param").barcode,
        reason: c.req.valid("query").reason ?? null,
        now: deps.clock.now(),
      });
      return c.json(item, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/items/{barcode}/label.svg",
      tags: ["items"],
      summary: "The item's NW-7 (Codabar) label as SVG",
      middleware: [librarySystem] as const,
      request: { params: barcodeParam },
      responses: {
        200: { description: "SVG", content: { "image/svg+xml": { schema: z.string() } } },
        ...errorResponses(404, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const systemId = c.get("system").id;
      const item = await findItem(deps.database.db, systemId, c.req.valid("param").barcode, deps.clock.now());
      const { policy } = await getPolicyInForce(deps.database.db, systemId, japanDate(deps.clock.now()));
      const { start, stop } = policy.catalogue.itemBarcode;
      c.header("content-type", "image/svg+xml");
      c.header("cache-control", "public, max-age=86400");
      return c.body(renderCodabarSvg(item.barcode, { start, stop }), 200);
    },
  );
