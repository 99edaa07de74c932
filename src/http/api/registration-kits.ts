import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { KitBatchRow } from "../../db/queries/registration-kits.ts";
import {
  getKitBatch,
  handOverKitBatch,
  listKits,
  maxKitsPerBatch,
  printKitBatch,
} from "../../services/applications/registration-kits.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

const json = jsonContent;
const idParam = systemParam.extend({ id: z.coerce.number().int().positive() });

const batchSchema = z
  .object({
    id: z.number().int(),
    kitCount: z.number().int(),
    printedAt: z.unknown(),
    servicePoint: z.string().nullable().openapi({ description: "The partner facility it was handed to" }),
    servicePointName: z.object({ ja: z.string(), en: z.string() }).nullable(),
    handedOverOn: z.string().nullable(),
    used: z.number().int().openapi({ description: "Kits registered with" }),
    pending: z.number().int().openapi({ description: "Kits named by an application under review" }),
  })
  .openapi("KitBatch");

function batchView(b: KitBatchRow) {
  return {
    id: b.id,
    kitCount: b.kitCount,
    printedAt: b.printedAt,
    servicePoint: b.servicePointCode,
    servicePointName: b.servicePointJa
      ? { ja: b.servicePointJa, en: b.servicePointEn ?? b.servicePointJa }
      : null,
    handedOverOn: b.handedOverOn,
    used: b.used,
    pending: b.pending,
  };
}

const staffContext = (c: Context<AppEnv>) => ({ ...useCaseContext(c), staff: staffActor(c) });

/** Registration kits (004): batches of pre-numbered cards printed and handed to partner facilities. */
export const registrationKitsApi = apiRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/kit-batches",
      tags: ["applications"],
      summary: "Print a batch of registration kits: card numbers from the system's sequence (administrator)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: {
        params: systemParam,
        body: {
          required: true,
          content: json(z.object({ count: z.number().int().min(1).max(maxKitsPerBatch) })),
        },
      },
      responses: {
        201: {
          description: "Printed",
          content: json(batchSchema.extend({ numbers: z.array(z.string()) })),
        },
        ...errorResponses(401, 403, 409, 422),
      },
    }),
    async (c) => {
      const batch = await printKitBatch(staffContext(c), c.req.valid("json").count);
      return c.json({ ...batchView(batch), numbers: batch.numbers }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/kit-batches",
      tags: ["applications"],
      summary: "The batches of registration kits, the newest first, with how many were used",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: systemParam },
      responses: {
        200: { description: "Batches", content: json(z.object({ batches: z.array(batchSchema) })) },
        ...errorResponses(401, 403, 409),
      },
    }),
    async (c) => c.json({ batches: (await listKits(useCaseContext(c))).map(batchView) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/kit-batches/{id}",
      tags: ["applications"],
      summary: "One batch with its card numbers (for the label sheet)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: { params: idParam },
      responses: {
        200: {
          description: "The batch",
          content: json(
            batchSchema.extend({ kits: z.array(z.object({ number: z.string(), used: z.boolean() })) }),
          ),
        },
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const batch = await getKitBatch(useCaseContext(c), c.req.valid("param").id);
      return c.json({ ...batchView(batch), kits: batch.kits }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/kit-batches/{id}/hand-over",
      tags: ["applications"],
      summary: "Record the partner facility a batch was handed to; its numbers can be applied with from then",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("reviewer")] as const,
      request: {
        params: idParam,
        body: { required: true, content: json(z.object({ servicePoint: z.string().trim().min(1).max(64) })) },
      },
      responses: {
        200: { description: "Handed over", content: json(batchSchema) },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        batchView(
          await handOverKitBatch(staffContext(c), c.req.valid("param").id, c.req.valid("json").servicePoint),
        ),
        200,
      ),
  );
