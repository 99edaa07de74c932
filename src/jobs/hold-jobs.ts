import { expireHolds } from "../services/holds/expire-holds.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Every morning before the libraries open: reservations not collected by their deadline are cancelled. */
export const expireHoldsJob: JobDefinition = {
  name: "expireHolds",
  schedule: "30 6 * * *",
  handler: (ctx) => expireHolds(ctx.db, ctx.now),
};
