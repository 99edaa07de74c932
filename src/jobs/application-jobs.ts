import { cancelUnansweredApplications } from "../services/applications/application-inquiries.ts";
import { purgeApplicationPhotos } from "../services/applications/purge-application-photos.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Every night: identity-document photos past their retention after the decision are deleted. */
export const purgeApplicationPhotosJob: JobDefinition = {
  name: "purgeApplicationPhotos",
  schedule: "30 2 * * *",
  handler: (ctx) => purgeApplicationPhotos(ctx.db, ctx.now),
};

/** Every morning: applications whose inquiries went unanswered too often or too long are cancelled. */
export const cancelApplicationsJob: JobDefinition = {
  name: "cancelApplications",
  schedule: "15 6 * * *",
  handler: (ctx) => cancelUnansweredApplications(ctx.db, ctx.now),
};
