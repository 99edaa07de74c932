import { purgeApplicationPhotos } from "../services/applications/purge-application-photos.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Every night: identity-document photos past their retention after the decision are deleted. */
export const purgeApplicationPhotosJob: JobDefinition = {
  name: "purgeApplicationPhotos",
  schedule: "30 2 * * *",
  handler: (ctx) => purgeApplicationPhotos(ctx.db, ctx.now),
};
