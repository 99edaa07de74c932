import { z } from "zod";
import { runCatalogueImport } from "../services/catalogue/run-catalogue-import.ts";
import { IMPORT_JOB } from "../services/catalogue/start-catalogue-import.ts";
import type { JobDefinition } from "./job-definition.ts";

const payloadSchema = z.object({ librarySystemId: z.number().int().positive(), importId: z.uuid() });

/** Queued by each upload; a retried run resumes after the records already counted. */
export const importCatalogueJob: JobDefinition = {
  name: IMPORT_JOB,
  schedule: null,
  handler: async (ctx, payload) => {
    const { librarySystemId, importId } = payloadSchema.parse(payload);
    const result = await runCatalogueImport({ db: ctx.db, clock: ctx.clock, librarySystemId, importId });
    return { importId, status: result.status, processed: result.processed, failed: result.failed };
  },
};
