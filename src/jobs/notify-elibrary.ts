import { z } from "zod";
import { listLibrarySystems } from "../db/queries/library-systems.ts";
import type { ElibraryEvent } from "../integrations/elibrary.ts";
import type { JobDefinition } from "./job-definition.ts";

const payloadSchema = z.object({
  librarySystemId: z.number().int().positive(),
  event: z.custom<ElibraryEvent>((value) => typeof value === "object" && value !== null && "kind" in value),
});

/** Tells the external e-library of a registration or a changed card number; retried while it is down. */
export const notifyElibraryJob: JobDefinition = {
  name: "notifyElibrary",
  schedule: null,
  handler: async (ctx, payload) => {
    const { librarySystemId, event } = payloadSchema.parse(payload);
    const system = (await listLibrarySystems(ctx.db)).find((s) => s.id === librarySystemId);
    if (!system) throw new Error(`no library system ${librarySystemId}`);
    await ctx.integrations.elibrary.notify(system.slug, event);
    return { system: system.slug, event: event.kind };
  },
};
